"""The rubric expression language: every construct, its errors, and generated formulas."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rubric_engine.errors import ExpressionError
from rubric_engine.language import (Dimension, compile_condition, compile_formula, compile_quantity, compile_range,
                                    compile_rank_table)

N = Dimension.NUMBER


@pytest.mark.parametrize("text,low,high", [
    ("26..30", 26, 30), ("21..", 21, None), ("..5", None, 5), ("0.5..1.5", Fraction(1, 2), Fraction(3, 2)),
    ("-3..3", -3, 3), (" 10 .. 20 ", 10, 20),
])
def test_ranges(text, low, high):
    interval = compile_range(text)
    assert (interval.low, interval.high) == (low, high)


def test_range_with_units_is_in_base_units():
    interval = compile_range("4 min..6 min", Dimension.DURATION)
    assert (interval.low, interval.high) == (240, 360)
    assert Fraction(300) in interval and Fraction(361) not in interval


@pytest.mark.parametrize("text,value,dimension", [
    ("3 MB", 3 * 1024 * 1024, Dimension.SIZE), ("500 KB", 500 * 1024, Dimension.SIZE),
    ("90 s", 90, Dimension.DURATION), ("1.5 min", 90, Dimension.DURATION), ("16 pt", 16, Dimension.FONT_SIZE),
    ("70%", Fraction(7, 10), N), ("12", 12, N), ("3MB", 3 * 1024 * 1024, Dimension.SIZE),
])
def test_quantities(text, value, dimension):
    quantity = compile_quantity(text)
    assert (quantity.value, quantity.dimension) == (value, dimension)


def test_rank_table_2018():
    table = compile_rank_table("1 -> 20; 2..4 -> 18; 5..7 -> 16; 8..10 -> 14; 11..20 -> 10; 21.. -> 9")
    assert [table.points(r) for r in (1, 2, 4, 5, 7, 8, 10, 11, 20, 21, 500)] == [20, 18, 18, 16, 16, 14, 14, 10,
                                                                                10, 9, 9]
    assert table.top == 20
    assert str(table) == "1 -> 20; 2..4 -> 18; 5..7 -> 16; 8..10 -> 14; 11..20 -> 10; 21.. -> 9"


def test_formula_is_exact():
    names = {"experts": N, "audience": N, "online": N}
    formula = compile_formula("70% * experts + 10% * audience + online", names)
    assert formula({"experts": 87, "audience": 75, "online": 0}) == formula({"experts": 89, "audience": 61,
                                                                             "online": 0})
    assert formula.names == {"experts", "audience", "online"}


def test_formula_functions_and_precedence():
    names = {"a": N, "b": N}
    assert compile_formula("max(a, b) - min(a, b) * 2", names)({"a": 3, "b": 5}) == -1
    assert compile_formula("-(a + b) / 4", names)({"a": 3, "b": 5}) == -2
    assert compile_formula("abs(a - b) + floor(7 / 2) + ceil(1 / 3)", names)({"a": 3, "b": 5}) == 6


def test_conditions():
    names = {"chars": N, "size": Dimension.SIZE, "duration": Dimension.DURATION}
    condition = compile_condition("chars in 800..1200 and size >= 3 MB", names)
    assert condition({"chars": 800, "size": 3 * 1024 * 1024, "duration": 0})
    assert not condition({"chars": 1201, "size": 4 * 1024 * 1024, "duration": 0})
    assert compile_condition("not duration in 4 min..6 min or chars == 0", names)(
        {"chars": 1, "size": 0, "duration": 100})
    assert compile_condition("chars not in 800..1200", names)({"chars": 5, "size": 0, "duration": 0})


@pytest.mark.parametrize("compile_fn,text,message,column,length", [
    (compile_rank_table, "1 -> 20; 2..4 -> ", "ends too early", 17, 1),
    (compile_rank_table, "1 -> 20; 2..4 18", "unexpected '18'", 15, 2),
    (compile_quantity, "3 MiBB", "unknown unit 'MiBB'", 3, 4),
    (compile_range, "30..26", "inverted", 1, 6),
    (lambda t: compile_formula(t, {"experts": N}), "70% * expert", "unknown name 'expert'", 7, 6),
    (lambda t: compile_formula(t, {"a": N}), "a +* 2", "unexpected '*'", 4, 1),
    (lambda t: compile_formula(t, {"a": N}), "a + 3 MB", "cannot add a number and a size", 1, 8),
    (lambda t: compile_condition(t, {"a": N}), "a >= 3 min", "cannot compare", 1, 10),
    (lambda t: compile_formula(t, {"a": N}), "a >= 3", "found a condition", 1, 6),
    (lambda t: compile_formula(t, {"a": N}), "sqrt(a)", "unknown function 'sqrt'", 1, 4),
    (compile_range, "", "empty", 1, 1),
    (compile_rank_table, "3..1 -> 5", "inverted", 1, 4),
    (compile_rank_table, "0 -> 5", "ranks start at 1", 1, 1),
    (compile_quantity, "3 $", "unexpected character", 3, 1),
])
def test_errors_point_at_the_token(compile_fn, text, message, column, length):
    with pytest.raises(ExpressionError) as info:
        compile_fn(text)
    assert message in str(info.value)
    assert (info.value.line, info.value.column, info.value.length) == (1, column, length)


def test_unknown_unit_suggests_the_closest():
    with pytest.raises(ExpressionError) as info:
        compile_quantity("3 MiBB")
    assert str(info.value.hint) == "did you mean 'MiB'?"


def test_unknown_name_suggests_the_closest():
    with pytest.raises(ExpressionError) as info:
        compile_formula("expertz + 1", {"experts": N, "audience": N})
    assert str(info.value.hint) == "did you mean 'experts'?"


# --- generated formulas: the compiled callable agrees with a reference evaluation -------

NAMES = ["alpha", "beta", "gamma"]


@st.composite
def formulas(draw, depth=3):
    """(text, reference function) pairs built from the grammar's constructs."""
    if depth == 0 or draw(st.booleans()):
        if draw(st.booleans()):
            name = draw(st.sampled_from(NAMES))
            return name, lambda env, n=name: env[n]
        whole = draw(st.integers(0, 999))
        frac = draw(st.one_of(st.none(), st.integers(0, 99)))
        percent = draw(st.booleans())
        text = f"{whole}" if frac is None else f"{whole}.{frac:02d}"
        value = Fraction(text) / (100 if percent else 1)
        return text + ("%" if percent else ""), lambda env, v=value: v
    op = draw(st.sampled_from(["+", "-", "*", "neg", "paren", "max", "min"]))
    left_text, left = draw(formulas(depth - 1))
    if op == "neg":
        return f"-({left_text})", lambda env: -left(env)
    if op == "paren":
        return f"({left_text})", left
    right_text, right = draw(formulas(depth - 1))
    if op in ("max", "min"):
        fn = max if op == "max" else min
        return f"{op}({left_text}, {right_text})", lambda env: fn(left(env), right(env))
    wrapped_left, wrapped_right = f"({left_text})", f"({right_text})"
    ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
    return f"{wrapped_left} {op} {wrapped_right}", lambda env: ops[op](left(env), right(env))


@settings(max_examples=200, deadline=None)
@given(formulas(), st.fixed_dictionaries({n: st.fractions(max_denominator=100) for n in NAMES}))
def test_generated_formulas_evaluate_like_the_reference(pair, env):
    text, reference = pair
    compiled = compile_formula(text, {n: N for n in NAMES})
    assert compiled(env) == reference(env)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 50), st.integers(0, 20), st.integers(0, 100)), min_size=1, max_size=8),
       st.booleans())
def test_generated_rank_tables_round_trip(rules, open_end):
    parts = []
    for first, width, points in rules:
        span = f"{first}" if width == 0 else f"{first}..{first + width}"
        parts.append(f"{span} -> {points}")
    if open_end:
        parts.append("100.. -> 0")
    text = "; ".join(parts)
    table = compile_rank_table(text)
    assert compile_rank_table(str(table)) == table
    first, width, points = rules[0]
    assert table.points(first) == points
