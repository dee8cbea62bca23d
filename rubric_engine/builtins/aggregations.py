"""Built-in aggregations: how judges' totals become a panel score (exactly)."""
from __future__ import annotations

from fractions import Fraction

from ..extension import Aggregation
from ..hookspecs import hookimpl


def mean(marks, params) -> Fraction:
    """The arithmetic mean of all judges' totals."""
    return sum(marks, Fraction(0)) / len(marks)


def median(marks, params) -> Fraction:
    """The middle total; with an even number of judges, the mean of the middle two."""
    ordered = sorted(marks)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def trimmed_mean(marks, params) -> Fraction:
    """Drop the ``drop`` highest and ``drop`` lowest totals (default 1), mean the rest."""
    kept = _trim(marks, params.get("drop", 1))
    return sum(kept, Fraction(0)) / len(kept)


def _trim(marks, drop: int) -> list:
    if len(marks) <= 2 * drop:
        raise ValueError(f"dropping {drop} highest and {drop} lowest needs more than {2 * drop} judges, "
                         f"found {len(marks)}")
    ordered = sorted(marks)
    return ordered[drop:len(ordered) - drop]


def trimmed_sum(marks, params) -> Fraction:
    """Drop the ``drop`` highest and ``drop`` lowest totals (default 1), sum the rest (diving)."""
    kept = _trim(marks, params.get("drop", 1))
    return sum(kept, Fraction(0))


def total(marks, params) -> Fraction:
    """The sum of all judges' totals (some sports add the remaining marks)."""
    return sum(marks, Fraction(0))


@hookimpl
def register_aggregations(register):
    register(Aggregation("mean", mean, "arithmetic mean of the judges' totals"))
    register(Aggregation("median", median, "median of the judges' totals"))
    register(Aggregation("trimmed_mean", trimmed_mean,
                         "drop the highest and lowest totals (params: drop, default 1), then the mean",
                         {"type": "object", "additionalProperties": False,
                          "properties": {"drop": {"type": "integer", "minimum": 1}}}))
    register(Aggregation("trimmed_sum", trimmed_sum,
                         "drop the highest and lowest totals (params: drop, default 1), then the sum",
                         {"type": "object", "additionalProperties": False,
                          "properties": {"drop": {"type": "integer", "minimum": 1}}}))
    register(Aggregation("sum", total, "sum of the judges' totals"))
