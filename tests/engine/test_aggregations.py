"""The built-in aggregations from YAML cases: the full form and the integer fast path agree."""
from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import given, strategies as st

from rubric_engine import Aggregated, Aggregation, Sheet
from rubric_engine.builtins import aggregations as builtin

CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "aggregations.yml").read_text(encoding="utf-8"))
REGISTERED: dict[str, Aggregation] = {}
builtin.register_aggregations(register=lambda a: REGISTERED.setdefault(a.name, a))


def _sheets(totals: list[Fraction], weights=None) -> list[Sheet]:
    weights = [Fraction(w) for w in weights] if weights else [Fraction(1)] * len(totals)
    return [Sheet(f"J{i + 1}", {}, total, weight) for i, (total, weight) in enumerate(zip(totals, weights))]


def _fast(aggregation: Aggregation, totals: list[Fraction], params: dict) -> Fraction:
    """The fast path as the engine calls it: totals scaled to integers by their common denominator."""
    scale = math.lcm(*(t.denominator for t in totals))
    numerator, denominator = aggregation.integers([int(t * scale) for t in totals], params)
    return Fraction(numerator, denominator * scale)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['aggregation']}-{'-'.join(c['totals'])}" for c in CASES])
def test_aggregation_case(case):
    aggregation = REGISTERED[case["aggregation"]]
    totals = [Fraction(t) for t in case["totals"]]
    params = case.get("params", {})
    if "error" in case:
        with pytest.raises(ValueError, match=case["error"]):
            aggregation.apply(_sheets(totals), params)
        with pytest.raises(ValueError, match=case["error"]):
            _fast(aggregation, totals, params)
        return
    outcome = aggregation.apply(_sheets(totals, case.get("weights")), params)
    assert outcome.score == Fraction(case["score"])
    assert list(outcome.dropped) == case.get("dropped", [])
    if aggregation.integers is not None:  # weighted_mean reads the sheets' weights: no fast path over totals
        assert _fast(aggregation, totals, params) == outcome.score


def test_every_builtin_aggregation_has_cases():
    assert {c["aggregation"] for c in CASES} == set(REGISTERED)


marks = st.lists(st.integers(min_value=0, max_value=400).map(lambda n: Fraction(n, 4)), min_size=3, max_size=9)


@pytest.mark.parametrize("name", sorted(n for n, a in REGISTERED.items() if a.integers is not None))
@given(totals=marks)
def test_fast_path_equals_full_form(name, totals):
    aggregation = REGISTERED[name]
    assert _fast(aggregation, totals, {}) == aggregation.apply(_sheets(totals), {}).score


def test_a_simple_plugin_function_works_through_the_adapter():
    midrange = Aggregation("midrange", lambda totals, params: (min(totals) + max(totals)) / 2)
    assert midrange.apply(_sheets([Fraction(80), Fraction(90), Fraction(99)]), {}) == Aggregated(Fraction(179, 2))


def test_an_aggregation_needs_a_function():
    with pytest.raises(ValueError, match="needs fn"):
        Aggregation("empty")
