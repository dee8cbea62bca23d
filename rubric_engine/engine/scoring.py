"""Panel scores: judged panels through an aggregation, vote panels through a rank table."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from ..errors import DataInputError, Problem
from ..rubric.model import Panel, Rubric
from .checks import Conformity
from .data import ContestData, ScoreSheet
from .ranking import competition_ranks


@dataclass
class JudgeLine:
    """One judge's sheet as it entered the panel score."""

    judge: str
    marks: dict  # criterion id -> Fraction (judged criteria only)
    total: Fraction  # marks + 规范性 when the panel includes it (per item: marks only)
    item: str | None = None
    factor: Fraction = Fraction(1)


@dataclass
class PanelScore:
    panel: str
    score: Fraction
    judges: list[JudgeLine] = field(default_factory=list)
    conformity: Fraction | None = None  # 规范性 added to every judge's total
    items: dict = field(default_factory=dict)  # item -> aggregated item score (× factor)
    criteria: dict = field(default_factory=dict)  # criterion id -> aggregated mark
    votes: int | None = None
    vote_rank: int | None = None
    missing: bool = False

    def to_dict(self) -> dict:
        if self.votes is not None:
            return {"votes": self.votes, "rank": self.vote_rank, "points": self.score}
        return {"score": self.score}


def _aggregate(panel: Panel, values: list[Fraction], entry: str) -> Fraction:
    aggregation = panel.aggregation_impl
    try:
        return Fraction(aggregation.fn(values, panel.aggregation_params))
    except ValueError as exc:
        raise DataInputError.single(
            f"panel {panel.id!r}, entry {entry!r}: the aggregation {panel.aggregation!r} cannot apply: {exc}",
            code="data.aggregation") from None


def judged_scores(rubric: Rubric, panel: Panel, data: ContestData, conformity: dict[str, Conformity],
                  warnings: list[Problem]) -> dict[str, PanelScore]:
    sheets: dict[str, list[ScoreSheet]] = defaultdict(list)
    judges = set(panel.judges)
    for sheet in data.scores:
        if sheet.panel == panel.id:
            sheets[sheet.entry].append(sheet)
            judges.add(sheet.judge)
    judged = [c for c in panel.criteria if rubric.criterion(c).judged]
    has_conformity = any(not rubric.criterion(c).judged for c in panel.criteria)
    result = {}
    for entry in data.entries:
        entry_sheets = sorted(sheets.get(entry.id, []), key=lambda s: (s.item or "", s.judge))
        bonus = conformity[entry.id].score if has_conformity else None
        if not entry_sheets:
            warnings.append(Problem("warning", "data.no_marks",
                                    f"entry {entry.id} has no marks from panel {panel.label} ({panel.id}); "
                                    f"its panel score counts as {bonus or 0}"))
            result[entry.id] = PanelScore(panel.id, bonus or Fraction(0), [], bonus, missing=True)
            continue
        scored_by = {s.judge for s in entry_sheets}
        for judge in sorted(judges - scored_by):
            warnings.append(Problem("warning", "data.judge_skipped",
                                    f"judge {judge} of panel {panel.label} ({panel.id}) did not score entry "
                                    f"{entry.id}; the score is the {panel.aggregation} of the others"))
        lines = []
        by_item: dict[str | None, list[JudgeLine]] = defaultdict(list)
        for sheet in entry_sheets:
            marks = {c: sheet.marks[c] for c in judged if c in sheet.marks}
            total = sum(marks.values(), Fraction(0))
            if bonus is not None and panel.items is None:
                total += bonus
            line = JudgeLine(sheet.judge, marks, total, sheet.item, sheet.factor)
            lines.append(line)
            by_item[sheet.item].append(line)
        criteria = {c: _aggregate(panel, [l.marks[c] for l in lines if c in l.marks], entry.id)
                    for c in judged if any(c in l.marks for l in lines)}
        if bonus is not None:
            criteria[rubric.conformity.id] = bonus
        if panel.items is None:
            score = _aggregate(panel, [l.total for l in lines], entry.id)
            result[entry.id] = PanelScore(panel.id, score, lines, bonus, criteria=criteria)
            continue
        items = {}
        for item, item_lines in sorted(by_item.items(), key=lambda kv: kv[0] or ""):
            factor = item_lines[0].factor
            items[item] = _aggregate(panel, [l.total for l in item_lines], entry.id) * factor
        combined = sum(items.values(), Fraction(0))
        if panel.items == "mean":
            combined /= len(items)
        if bonus is not None:
            combined += bonus
        result[entry.id] = PanelScore(panel.id, combined, lines, bonus, items, criteria)
    return result


def vote_scores(panel: Panel, data: ContestData, warnings: list[Problem]) -> dict[str, PanelScore]:
    votes = {}
    for entry in data.entries:
        key = (entry.id, panel.category)
        if key not in data.votes and data.has_votes_file:
            warnings.append(Problem("warning", "data.no_votes",
                                    f"entry {entry.id} has no votes row for category {panel.category!r}; "
                                    "it counts as 0 votes"))
        votes[entry.id] = data.votes.get(key, 0)
    if not data.has_votes_file:
        warnings.append(Problem("warning", "data.no_votes_file",
                                f"there is no votes file: every entry has 0 votes on panel {panel.id!r}"))
    ranks = competition_ranks(votes, key=lambda e: votes[e])
    result = {}
    for entry_id, count in votes.items():
        rank = ranks[entry_id]
        points = panel.rank_table.points(rank)
        if points is None:
            raise DataInputError.single(
                f"the rank table of panel {panel.id!r} gives no points for rank {rank} (entry {entry_id})",
                code="data.rank_table", hint="end the rank table with an open rule such as '21.. -> 9'")
        result[entry_id] = PanelScore(panel.id, points, votes=count, vote_rank=rank)
    return result
