"""Built-in aggregations: how judges' totals become a panel score (exactly).

Each has the full form (sheets in, the score and the dropped sheets out) and an integer
fast path over scaled totals; tests/engine/test_aggregations.py holds the two equal.
"""
from __future__ import annotations

from fractions import Fraction

from rubric_engine import Aggregated, Aggregation, Message, hookimpl


def _check_drop(count: int, drop: int) -> None:
    if count <= 2 * drop:
        raise ValueError(Message("plugins.aggregation.too_few_judges", drop=drop, needed=2 * drop, count=count))


def _kept(sheets, drop: int) -> tuple[list[int], tuple[int, ...]]:
    """Positions kept and dropped: the ``drop`` lowest and highest totals go (ties: the later sheet first)."""
    _check_drop(len(sheets), drop)
    order = sorted(range(len(sheets)), key=lambda i: sheets[i].total)
    dropped = tuple(sorted(order[:drop] + order[len(order) - drop:]))
    return order[drop:len(order) - drop], dropped


def mean(sheets, params) -> Aggregated:
    """The arithmetic mean of all judges' totals."""
    return Aggregated(sum((s.total for s in sheets), Fraction(0)) / len(sheets))


def median(sheets, params) -> Aggregated:
    """The middle total; with an even number of judges, the mean of the middle two."""
    ordered = sorted(s.total for s in sheets)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Aggregated(Fraction(ordered[middle]))
    return Aggregated((ordered[middle - 1] + ordered[middle]) / 2)


def trimmed_mean(sheets, params) -> Aggregated:
    """Drop the ``drop`` highest and ``drop`` lowest totals (default 1), mean the rest."""
    kept, dropped = _kept(sheets, params.get("drop", 1))
    return Aggregated(sum((sheets[i].total for i in kept), Fraction(0)) / len(kept), dropped)


def trimmed_sum(sheets, params) -> Aggregated:
    """Drop the ``drop`` highest and ``drop`` lowest totals (default 1), sum the rest (diving)."""
    kept, dropped = _kept(sheets, params.get("drop", 1))
    return Aggregated(sum((sheets[i].total for i in kept), Fraction(0)), dropped)


def weighted_mean(sheets, params) -> Aggregated:
    """Each total times its sheet's weight (the scores file's 权重, default 1), over the sum of the weights."""
    weights = sum((s.weight for s in sheets), Fraction(0))
    return Aggregated(sum((s.total * s.weight for s in sheets), Fraction(0)) / weights)


def total(sheets, params) -> Aggregated:
    """The sum of all judges' totals (some sports add the remaining marks)."""
    return Aggregated(sum((s.total for s in sheets), Fraction(0)))


# --- the same over scaled integer totals: (numerator, denominator), not reduced ---------------

def mean_int(totals, params):
    return sum(totals), len(totals)


def median_int(totals, params):
    ordered = sorted(totals)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle], 1
    return ordered[middle - 1] + ordered[middle], 2


def _trim_int(totals, drop: int) -> list[int]:
    _check_drop(len(totals), drop)
    ordered = sorted(totals)
    return ordered[drop:len(ordered) - drop]


def trimmed_mean_int(totals, params):
    kept = _trim_int(totals, params.get("drop", 1))
    return sum(kept), len(kept)


def trimmed_sum_int(totals, params):
    return sum(_trim_int(totals, params.get("drop", 1))), 1


def total_int(totals, params):
    return sum(totals), 1


DROP_SCHEMA = {"type": "object", "additionalProperties": False,
               "properties": {"drop": {"type": "integer", "minimum": 1}}}
NONE = {"type": "object", "additionalProperties": False, "properties": {}}  # takes no params


@hookimpl
def register_aggregations(register):
    # summaries are catalogue messages (plugins.aggregation.<name>.summary), worded when shown
    for name, aggregate, integers, schema in (("mean", mean, mean_int, NONE), ("median", median, median_int, NONE),
                                              ("trimmed_mean", trimmed_mean, trimmed_mean_int, DROP_SCHEMA),
                                              ("trimmed_sum", trimmed_sum, trimmed_sum_int, DROP_SCHEMA),
                                              ("sum", total, total_int, NONE),
                                              ("weighted_mean", weighted_mean, None, NONE)):
        register(Aggregation(name, summary=Message(f"plugins.aggregation.{name}.summary"), params_schema=schema,
                             aggregate=aggregate, integers=integers, default=aggregate is mean,
                             uses_weights=aggregate is weighted_mean))
