"""The scores file's optional ``weight`` (权重) column: a sheet's weight (a reviewer's confidence).

A weight is a number above 0; an empty cell is 1. Only an aggregation that declares
``uses_weights`` (the built-in ``weighted_mean``) reads them; for any other, a scores file
that gives a weight other than 1 on a panel gets one warning, at the first such cell.
"""
from __future__ import annotations

from fractions import Fraction

from ..errors import ProblemList
from ..messages import Message
from ..rubric.model import Panel
from .values import cell_error, number


def _weight(cell) -> Fraction:
    value = number(cell, Message("data.what.weight"))
    if value <= 0:
        raise cell_error(cell, "data.weight:positive", text=cell.text)
    return value


def read_weights(cols, problems: ProblemList) -> list | None:
    """Each row's weight (None where blank or bad: bad cells are errors in ``problems``); None without the column."""
    return cols.parse("weight", _weight, problems) if cols.has("weight") else None


def panel_weights(weights: list | None, rows: list[int], panel: Panel, cols, problems: ProblemList) -> list | None:
    """The weights of a panel's sheets (``rows`` of the file); None when every one is 1."""
    if weights is None:
        return None
    chosen = [weights[r] if weights[r] is not None else Fraction(1) for r in rows]
    if all(w == 1 for w in chosen):
        return None
    impl = panel.aggregation_impl
    if impl is not None and not impl.uses_weights:
        first = next(r for r, w in zip(rows, chosen) if w != 1)
        problems.problems.append(problem_at(cols, first, panel))
    return chosen


def problem_at(cols, row: int, panel: Panel):
    from ..errors import Problem

    return Problem.of("warning", "data.weights_ignored", cols.location(row, "weight"), panel=panel.label,
                      aggregation=panel.aggregation)
