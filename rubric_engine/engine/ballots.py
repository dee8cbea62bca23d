"""A ranked-ballot panel scored as a judged one: each judge's rank of an entry becomes that judge's total.

The rank table turns a rank into points (an unranked entry: 0 points from that judge); the
panel's aggregation then combines the judges' points exactly as it combines judged totals, so
drops, explain and audit work unchanged.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from ..data import ContestData
from ..rubric.model import Panel, Rubric
from .checks import Conformity
from .scoring import JudgedPanel, JudgeLine


@dataclass(slots=True)
class RankedLine(JudgeLine):
    """One judge's place for the entry (``rank`` None: not ranked) and the points it gave."""

    rank: int | None = None


def judged_panel(rubric: Rubric, panel: Panel, data: ContestData, conformity: dict[str, Conformity]) -> JudgedPanel:
    """The panel's scorer: a :class:`RankedPanel` for ``ballot: ranked``, else a :class:`JudgedPanel`."""
    return (RankedPanel if panel.ranked else JudgedPanel)(rubric, panel, data, conformity)


class RankedPanel(JudgedPanel):
    def __init__(self, rubric: Rubric, panel: Panel, data: ContestData, conformity: dict[str, Conformity]):
        super().__init__(rubric, panel, data, conformity)
        ranks = self.sheets.rank or [None] * len(self.sheets)
        table, points_of = panel.rank_table, {}
        for rank in set(ranks):
            points_of[rank] = Fraction(0) if rank is None else (table.points(rank) or Fraction(0))
        self.scale = math.lcm(1, *(p.denominator for p in points_of.values()))
        self.points = [points_of[rank] for rank in ranks]
        self.totals = [int(p * self.scale) for p in self.points]
        self.ranks = ranks

    def lines(self, entry: str, with_conformity: bool = True) -> list[JudgeLine]:
        result = [RankedLine(self.sheets.judge[i], {}, self.points[i], rank=self.ranks[i])
                  for i in self.rows.get(entry, ())]
        return sorted(result, key=lambda line: line.judge)
