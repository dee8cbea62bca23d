"""Compile parsed expressions into callables over exact numbers (``Fraction``).

Each expression is compiled once, when the rubric is loaded; evaluating it is a call
of nested closures. Nothing is ever passed to ``eval``. Types are checked at compile
time: a formula may only use the names it is given, and sizes, durations and font
sizes never mix.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Mapping

from lark import Token, Tree

from ..errors import ExpressionError, did_you_mean
from ..messages import Message
from .parser import expression_error, parse
from .units import UNITS, Dimension, format_number, format_quantity
from .wording import Joined, dimension_word

Env = Mapping[str, Fraction]
BOOL = "bool"
TEXT = "text"  # an entry attribute's text, a check's result, a quoted literal: compared with == and != only
ANY = "any"  # an entry attribute before the data is known (``validate`` without DATA): any kind
ANY_ATTRIBUTES = object()  # ``attributes=ANY_ATTRIBUTES``: every ``entry.X`` is accepted, its kind unknown
ATTRIBUTE_PREFIX = "entry."
CHECK_PREFIX = "check."
CHECK_RESULTS = ("pass", "fail", "review", "waived", "not_run")
_ATTRIBUTE_KINDS = {"bool": BOOL, "number": Dimension.NUMBER, "text": TEXT}
_TRUTH = {"是": True, "有": True, "yes": True, "true": True, "否": False, "无": False, "no": False, "false": False}


class EmptyValue(LookupError):
    """An expression read an entry attribute whose cell is empty: a condition is then false."""

    def __init__(self, header: str):
        super().__init__(header)
        self.header = header


@dataclass(frozen=True)
class Quantity:
    value: Fraction
    dimension: Dimension

    def __str__(self) -> str:
        return format_quantity(self.value, self.dimension)


@dataclass(frozen=True)
class Range:
    """A closed or half-open interval; ``None`` is unbounded. Bounds are inclusive."""

    low: Fraction | None
    high: Fraction | None
    dimension: Dimension = Dimension.NUMBER

    def __contains__(self, value: Fraction) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    def __str__(self) -> str:
        low = "" if self.low is None else format_quantity(self.low, self.dimension)
        high = "" if self.high is None else format_quantity(self.high, self.dimension)
        return f"{low}..{high}"


@dataclass(frozen=True)
class RankRule:
    first: int
    last: int | None  # None: open-ended ("21..")
    points: Fraction

    def covers(self, rank: int) -> bool:
        return rank >= self.first and (self.last is None or rank <= self.last)

    def __str__(self) -> str:
        if self.last == self.first:
            span = str(self.first)
        else:
            span = f"{self.first}..{'' if self.last is None else self.last}"
        return f"{span} -> {format_number(self.points)}"


@dataclass(frozen=True)
class RankTable:
    rules: tuple[RankRule, ...]

    def points(self, rank: int) -> Fraction | None:
        """Points for ``rank`` (the first rule that covers it); 0 past the last rule of a table with no
        open rule (``validate`` warns of it); None in a gap between rules (a rubric error at load)."""
        for rule in self.rules:
            if rule.covers(rank):
                return rule.points
        if all(rule.last is not None and rule.last < rank for rule in self.rules):
            return Fraction(0)
        return None

    @property
    def top(self) -> Fraction:
        return max(rule.points for rule in self.rules)

    def __str__(self) -> str:
        return "; ".join(str(rule) for rule in self.rules)


@dataclass(frozen=True)
class Compiled:
    """A compiled formula or condition: ``fn(env)`` and the names it reads."""

    text: str
    fn: Callable[[Env], object]
    type: object  # a Dimension, or BOOL
    names: frozenset[str] = field(default_factory=frozenset)
    attributes: frozenset[str] = field(default_factory=frozenset)  # the entry attributes' headers it reads
    counts: tuple = ()  # (env key, panel, operator, value) of each ``count(PANEL > 0)`` it reads

    def __call__(self, env: Env):
        return self.fn(env)


class DivisionByZero(ZeroDivisionError):
    """A formula divided by zero at run time; ``line``/``column`` point at the divisor in its text.

    The rubric loader turns it into a located error of the rubric file."""

    def __init__(self, message: str, line: int = 1, column: int = 1, length: int = 1, divisor: str = ""):
        super().__init__(message)
        self.message, self.line, self.column, self.length = message, line, column, length
        self.divisor = divisor  # the divisor as written, for the located error


class Formula(Compiled):
    """A numeric expression: returns a Fraction in the base unit of its dimension."""


class Condition(Compiled):
    """A boolean expression."""


_FUNCTIONS: dict[str, tuple[int, int, Callable]] = {
    # name: (min args, max args, implementation over Fractions)
    "min": (1, 99, lambda *a: min(a)),
    "max": (1, 99, lambda *a: max(a)),
    "abs": (1, 1, abs),
    "floor": (1, 1, lambda a: Fraction(math.floor(a))),
    "ceil": (1, 1, lambda a: Fraction(math.ceil(a))),
}

_COMPARE = {
    ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    "<": lambda a, b: a < b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def _position(node) -> tuple[int, int, int]:
    """(line, column, length) of ``node`` in the expression's text."""
    if isinstance(node, Token):
        return node.line, node.column, max(len(node.value), 1)
    meta = node.meta
    if getattr(meta, "empty", True):
        return 1, 1, 1
    length = (meta.end_pos - meta.start_pos) if meta.line == meta.end_line else 1
    return meta.line, meta.column, max(length, 1)


def _error_at(node, key: str, hint=None, /, **fields) -> ExpressionError:
    """The catalogue message ``key`` (its code, or ``code:variant``) located at ``node``."""
    return expression_error(key, *_position(node), hint, **fields)


def _number(token: Token) -> Fraction:
    return Fraction(token.value)  # exact: Fraction("0.7") == 7/10


def _unit(number: Fraction, unit_tree: Tree | None) -> Quantity:
    if unit_tree is None:
        return Quantity(number, Dimension.NUMBER)
    token = unit_tree.children[0]
    if token.value not in UNITS:
        raise _error_at(token, "expression.unit", did_you_mean(token.value, UNITS), unit=token.value)
    dimension, factor = UNITS[token.value]
    return Quantity(number * factor, dimension)


def _quantity(tree: Tree) -> Quantity:
    number_token, unit_tree = tree.children
    quantity = _unit(_number(number_token), unit_tree)
    if tree.data == "negative_quantity":
        return Quantity(-quantity.value, quantity.dimension)
    return quantity


def _range(tree: Tree) -> Range:
    if tree.data == "closed_range":
        low, high = (_quantity(child) for child in tree.children)
        if low.dimension != high.dimension:
            raise _error_at(tree, "expression.type:range_mix", low=dimension_word(low.dimension),
                            high=dimension_word(high.dimension))
        if low.value > high.value:
            raise _error_at(tree, "expression.range:inverted", low=str(low), high=str(high))
        return Range(low.value, high.value, low.dimension)
    bound = _quantity(tree.children[0])
    if tree.data == "open_above":
        return Range(bound.value, None, bound.dimension)
    return Range(None, bound.value, bound.dimension)


def tree_text(tree: Tree) -> str:
    return " ".join(str(t) for t in tree.scan_values(lambda v: isinstance(v, Token)))


class _Compiler:
    """Turns a tree into a closure; ``names`` maps each known name to its dimension."""

    def __init__(self, names: Mapping[str, Dimension], text: str | None = None, attributes=None,
                 counts: frozenset[str] | None = None):
        self.names, self.text = names, text
        self.attributes = attributes  # None: no ``entry.X``; ANY_ATTRIBUTES; or header -> "bool"/"number"/"text"
        self.count_panels = counts  # the panels ``count(PANEL > 0)`` may name; None: no count()
        self.used: set[str] = set()
        self.headers: set[str] = set()
        self.counts: dict[str, tuple] = {}

    def compile(self, node):
        method = getattr(self, "c_" + node.data.rstrip("_"))
        return method(node)

    def numeric(self, node):
        fn, kind = self.compile(node)
        if kind == BOOL:
            raise _error_at(node, "expression.type:condition_found")
        if kind == TEXT:
            raise _error_at(node, "expression.type:text_found")
        return fn, (Dimension.NUMBER if kind == ANY else kind)

    def boolean(self, node):
        fn, kind = self.compile(node)
        if kind not in (BOOL, ANY):
            raise _error_at(node, "expression.type:value_found")
        return fn

    def c_string(self, node):
        value = node.children[0].value[1:-1]
        return (lambda env: value), TEXT

    def c_subscript(self, node):
        token, header = node.children
        if token.value != "entry" or self.attributes is None:
            raise _error_at(token, "expression.subscript", name=token.value)
        return self.attribute(header, header.value[1:-1])

    def attribute(self, node, header: str):
        """``entry.<header>``: the entry's value in that column of the entries table."""
        if self.attributes is ANY_ATTRIBUTES:
            kind = ANY
        elif header in self.attributes:
            kind = _ATTRIBUTE_KINDS[self.attributes[header]]
        else:
            known = sorted(self.attributes)
            hint = did_you_mean(header, known) or (
                Message("expression.attribute.hint", columns=Joined(known)) if known
                else Message("expression.attribute.hint:none"))
            raise _error_at(node, "expression.attribute", hint, header=header)
        key = ATTRIBUTE_PREFIX + header
        self.used.add(key)
        self.headers.add(header)

        def read(env):
            value = env[key]
            if value is None:
                raise EmptyValue(header)
            return value
        return read, kind

    def c_literal(self, node):
        quantity = _unit(_number(node.children[0]), node.children[1])
        value = quantity.value
        return (lambda env: value), quantity.dimension

    def c_name(self, node):
        token = node.children[0]
        name = token.value
        if name.startswith(ATTRIBUTE_PREFIX) and self.attributes is not None and name not in self.names:
            return self.attribute(token, name[len(ATTRIBUTE_PREFIX):])
        if name not in self.names:
            hint = did_you_mean(name, self.names) or (
                Message("expression.hint.names", names=Joined(sorted(self.names))) if self.names
                else Message("expression.hint.no_names"))
            raise _error_at(token, "expression.name", hint, name=name)
        self.used.add(name)
        if self.names[name] == TEXT:
            return (lambda env: env[name]), TEXT
        return (lambda env: Fraction(env[name])), self.names[name]

    def c_neg(self, node):
        fn, kind = self.numeric(node.children[0])
        return (lambda env: -fn(env)), kind

    def _same(self, node, op):
        (a, ka), (b, kb) = self.numeric(node.children[0]), self.numeric(node.children[1])
        if ka != kb:
            raise _error_at(node, f"expression.type:{op}", a=dimension_word(ka), b=dimension_word(kb))
        return a, b, ka

    def c_add(self, node):
        a, b, kind = self._same(node, "add")
        return (lambda env: a(env) + b(env)), kind

    def c_sub(self, node):
        a, b, kind = self._same(node, "subtract")
        return (lambda env: a(env) - b(env)), kind

    def c_mul(self, node):
        (a, ka), (b, kb) = self.numeric(node.children[0]), self.numeric(node.children[1])
        if ka is not Dimension.NUMBER and kb is not Dimension.NUMBER:
            raise _error_at(node, "expression.type:multiply", a=dimension_word(ka), b=dimension_word(kb))
        kind = kb if ka is Dimension.NUMBER else ka
        return (lambda env: a(env) * b(env)), kind

    def c_div(self, node):
        (a, ka), (b, kb) = self.numeric(node.children[0]), self.numeric(node.children[1])
        if kb is not Dimension.NUMBER and ka != kb:
            raise _error_at(node, "expression.type:divide", a=dimension_word(ka), b=dimension_word(kb))
        kind = Dimension.NUMBER if ka == kb else ka
        divisor_node = node.children[1]
        shown = self.source(divisor_node)
        if self._always_zero(divisor_node, b):  # decided at load time where the text alone says so
            raise _error_at(divisor_node, "expression.zero_division:always", divisor=shown)
        line, column, length = _position(divisor_node)

        def divide(env):
            divisor = b(env)
            if divisor == 0:
                raise DivisionByZero(f"division by zero: '{shown}' is 0", line, column, length, shown)
            return a(env) / divisor
        return divide, kind

    def source(self, node) -> str:
        """The text of ``node`` as written (operators included), when the source is known."""
        meta = getattr(node, "meta", None)
        if self.text is not None and meta is not None and not getattr(meta, "empty", True):
            return self.text[meta.start_pos:meta.end_pos].strip("() ")
        return tree_text(node)

    def _always_zero(self, node, fn) -> bool:
        """True when ``node`` is 0 whatever the data: a constant 0, ``x - x``, or a product with such a factor."""
        if not isinstance(node, Tree):
            return False
        if not any(isinstance(t, Token) and t.type == "NAME" for t in node.scan_values(lambda v: True)):
            try:
                return fn({}) == 0
            except (ZeroDivisionError, KeyError, TypeError, ValueError):
                return False
        children = [c for c in node.children if isinstance(c, Tree)]
        if node.data == "sub" and len(children) == 2 and tree_text(children[0]) == tree_text(children[1]):
            return True
        if node.data == "mul" and len(children) == 2:
            return any(self._always_zero(c, self.numeric(c)[0]) for c in children)
        return False

    def c_call(self, node):
        token, *args = node.children
        args = [a for a in args if a is not None]
        if token.value == "count" and self.count_panels is not None:
            return self.count(node, args)
        if token.value not in _FUNCTIONS:
            raise _error_at(token, "expression.name:function",
                            did_you_mean(token.value, _FUNCTIONS) or
                            Message("expression.hint.functions", functions=Joined(sorted(_FUNCTIONS))),
                            name=token.value)
        low, high, impl = _FUNCTIONS[token.value]
        if not low <= len(args) <= high:
            raise _error_at(token, "expression.call:exact" if low == high else "expression.call:at_least",
                            function=token.value, count=low, given=len(args))
        compiled = [self.numeric(a) for a in args]
        kinds = {k for _, k in compiled}
        if len(kinds) > 1:
            raise _error_at(node, "expression.type:call_mix", function=token.value,
                            kinds=Joined([dimension_word(k) for k in sorted(kinds, key=str)], "rubric.word.and"))
        fns = [f for f, _ in compiled]
        return (lambda env: Fraction(impl(*(f(env) for f in fns)))), compiled[0][1]

    def count(self, node, args):
        """``count(PANEL > 0)``: how many of the panel's sheets for the entry total more than 0 (its judged
        criteria, as each judge marked them); the engine counts them (``engine/sheet_counts.py``)."""
        test = args[0] if len(args) == 1 else None
        if (not isinstance(test, Tree) or test.data != "compare" or not isinstance(test.children[0], Tree)
                or test.children[0].data != "name" or test.children[2].data != "literal"
                or test.children[2].children[1] is not None
                or test.children[0].children[0].value not in self.count_panels):
            raise _error_at(node, "expression.count", panels=Joined(sorted(self.count_panels)))
        panel, op = test.children[0].children[0].value, test.children[1].value
        value = _number(test.children[2].children[0])
        key = f"count({panel} {op} {format_number(value)})"
        self.counts[key] = (key, panel, op, value)
        self.used.add(key)
        return (lambda env: Fraction(env[key])), Dimension.NUMBER

    def c_compare(self, node):
        left, op, right = node.children
        (a, ka), (b, kb) = self.compile(left), self.compile(right)
        if {ka, kb} & {TEXT, BOOL, ANY}:
            return self.compare_words(node, left, op.value, right, (a, ka), (b, kb))
        (a, ka), (b, kb) = self.numeric(left), self.numeric(right)
        if ka != kb:
            raise _error_at(node, "expression.type:compare", a=dimension_word(ka), b=dimension_word(kb))
        test = _COMPARE[op.value]
        return (lambda env: test(a(env), b(env))), BOOL

    def compare_words(self, node, left, op: str, right, first, second):
        """A comparison where one side is text, a yes/no value or an attribute of unknown kind."""
        (a, ka), (b, kb) = first, second
        if ANY in (ka, kb):  # checked again once the data says the column's kind (rubric/attributes.py)
            other = kb if ka == ANY else ka
            if other in (TEXT, BOOL) and op not in ("==", "!="):
                raise _error_at(node, "expression.type:text_order", op=op)
            return (lambda env: False), BOOL  # never run: the bound expression is
        for side, literal in ((left, right), (right, left)):
            if _is_name(side, CHECK_PREFIX) and _is_string(literal) and literal.children[0].value[1:-1] not in CHECK_RESULTS:
                raise _error_at(literal, "expression.check_result", did_you_mean(
                    literal.children[0].value[1:-1], CHECK_RESULTS), value=literal.children[0].value[1:-1],
                    results=Joined(CHECK_RESULTS))
        if op not in ("==", "!="):
            raise _error_at(node, "expression.type:text_order", op=op)
        if {ka, kb} == {BOOL, TEXT}:  # entry.新人 == "是": the word read as yes or no
            literal = right if kb == TEXT else left
            word = literal.children[0].value[1:-1].strip().casefold() if _is_string(literal) else None
            if word not in _TRUTH:
                raise _error_at(literal, "expression.type:bool_word", words=Joined(sorted(_TRUTH)))
            truth = _TRUTH[word]
            a, b = (a, lambda env: truth) if kb == TEXT else (lambda env: truth, b)
        elif ka != kb:
            raise _error_at(node, "expression.type:compare", a=dimension_word(ka), b=dimension_word(kb))
        test = _COMPARE[op]
        return (lambda env: test(a(env), b(env))), BOOL

    def c_within(self, node, negate: bool = False):
        value_node, range_node = node.children[0], node.children[-1]
        fn, kind = self.numeric(value_node)
        interval = _range(range_node)
        if interval.dimension != kind:
            raise _error_at(range_node, "expression.type:compare_range", a=dimension_word(kind),
                            b=dimension_word(interval.dimension))
        if negate:
            return (lambda env: fn(env) not in interval), BOOL
        return (lambda env: fn(env) in interval), BOOL

    def c_not_within(self, node):
        return self.c_within(node, negate=True)

    def c_and(self, node):
        parts = [self.boolean(c) for c in node.children if not isinstance(c, Token)]
        return (lambda env: all(p(env) for p in parts)), BOOL

    def c_or(self, node):
        parts = [self.boolean(c) for c in node.children if not isinstance(c, Token)]
        return (lambda env: any(p(env) for p in parts)), BOOL

    def c_not(self, node):
        part = self.boolean(node.children[-1])
        return (lambda env: not part(env)), BOOL


def _is_name(node, prefix: str) -> bool:
    return isinstance(node, Tree) and node.data == "name" and node.children[0].value.startswith(prefix)


def _is_string(node) -> bool:
    return isinstance(node, Tree) and node.data == "string"


def compile_formula(text: str, names: Mapping[str, Dimension] | None = None,
                    expect: Dimension | None = Dimension.NUMBER, *, attributes=None,
                    counts: frozenset[str] | None = None) -> Formula:
    """Compile a numeric formula over ``names``; ``expect`` is the required dimension. ``attributes``: the
    entry attributes ``entry.X`` may name (ANY_ATTRIBUTES: any, before the data is known); ``counts``: the
    panels ``count(PANEL > 0)`` may name."""
    tree = parse(text, "formula").children[0]
    compiler = _Compiler(names or {}, text, attributes, counts)
    fn, kind = compiler.numeric(tree)
    if expect is not None and kind != expect:
        raise _error_at(tree, "expression.type:formula", expect=dimension_word(expect),
                        found=dimension_word(kind))
    return Formula(text, fn, kind, frozenset(compiler.used), frozenset(compiler.headers),
                   tuple(compiler.counts.values()))


def compile_condition(text: str, names: Mapping[str, Dimension] | None = None, *, attributes=None,
                      counts: frozenset[str] | None = None) -> Condition:
    """Compile a condition such as ``chars in 800..1200 and size >= 3 MB`` (``attributes``, ``counts``: as
    for :func:`compile_formula`)."""
    tree = parse(text, "condition").children[0]
    compiler = _Compiler(names or {}, text, attributes, counts)
    fn = compiler.boolean(tree)
    return Condition(text, fn, BOOL, frozenset(compiler.used), frozenset(compiler.headers),
                     tuple(compiler.counts.values()))


def compile_range(text: str, expect: Dimension | None = None) -> Range:
    """Compile ``26..30``, ``21..``, ``..5`` or ``4 min..6 min``."""
    tree = parse(str(text), "range").children[0]
    interval = _range(tree)
    _expect(tree, interval.dimension, expect, "expression.type:range")
    return interval


def compile_quantity(text: str, expect: Dimension | None = None) -> Quantity:
    """Compile ``3 MB``, ``90 s``, ``16 pt`` or a plain number."""
    tree = parse(str(text), "quantity").children[0]
    quantity = _quantity(tree)
    _expect(tree, quantity.dimension, expect, "expression.type:quantity")
    return quantity


def _expect(tree, found: Dimension, expect: Dimension | None, key: str) -> None:
    if expect is not None and found != expect:
        raise _error_at(tree, key, _unit_hint(expect), expect=dimension_word(expect), found=dimension_word(found))


def compile_rank_table(text: str) -> RankTable:
    """Compile ``1 -> 20; 2..4 -> 18; 21.. -> 9``. Coverage and order are linted later."""
    tree = parse(text, "rank_table")
    rules = []
    for rule in tree.children:
        span, points_tree = rule.children
        numbers = [int(t.value) for t in span.children]
        if span.data == "rank_single":
            first, last = numbers[0], numbers[0]
        elif span.data == "rank_closed":
            first, last = numbers
            if first > last:
                raise _error_at(span, "expression.range:rank_inverted", first=first, last=last)
        else:
            first, last = numbers[0], None
        if first < 1:
            raise _error_at(span, "expression.range:rank_start")
        fn, kind = _Compiler({}).numeric(points_tree)
        if kind is not Dimension.NUMBER:
            raise _error_at(points_tree, "expression.type:points", found=dimension_word(kind))
        rules.append(RankRule(first, last, fn({})))
    return RankTable(tuple(rules))


def _unit_hint(dimension: Dimension) -> Message | None:
    if dimension is Dimension.NUMBER:
        return None
    return Message("expression.hint.unit_" + dimension.value.replace(" ", "_"))
