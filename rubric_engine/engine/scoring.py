"""Panel scores: judged panels through an aggregation, vote panels through a rank table.

Judged panels work on integers: every mark is scaled by one denominator per panel (the
criteria's steps and the 规范性 deductions), so totals, sums and trims are integer
arithmetic; a ``Fraction`` appears once per entry and panel, where the division happens.
Aggregations without an integer fast path (a plugin's) get exact :class:`Sheet` objects.
"""
from __future__ import annotations

import math
from pathlib import Path
from dataclasses import dataclass
from typing import Sequence
from fractions import Fraction

from ..errors import DataInputError, Location, Problem
from ..messages import text_or_none
from ..extension import Aggregated, Sheet
from ..rubric.model import Panel, Rubric
from .checks import Conformity
from .items import combine, panel_items, score_items, unscored_warnings
from .rounding import finish, round_marks
from .normalise import normalise_panel
from ..data import ContestData, PanelSheets
from .ranking import competition_ranks


@dataclass(slots=True)
class JudgeLine:
    """One judge's sheet as it entered the panel score (for explain)."""

    judge: str
    marks: dict  # criterion id -> Fraction (judged criteria only)
    total: Fraction  # marks + 规范性 when the panel includes it (per item: marks only)
    item: str | None = None
    factor: Fraction = Fraction(1)
    dropped: bool = False
    weight: Fraction = Fraction(1)
    position: int = -1  # the sheet's position in the panel's sheets (its normalisation terms, if any)


@dataclass(slots=True)
class PanelScore:
    panel: str
    score: Fraction
    judge_count: int = 0
    conformity: Fraction | None = None  # 规范性 added to every judge's total
    items: dict | None = None  # item -> aggregated item score (× factor, item_round); None: not scored
    criteria: dict | None = None  # criterion id -> aggregated mark (those a formula or tie-break reads)
    votes: int | None = None
    vote_rank: int | None = None
    missing: bool = False
    notes: list | None = None  # (item, Aggregated.note) where the aggregation said something (a plugin's)


def aggregation_label(name: str) -> str:
    """An aggregation's name as a person reads it (平均分 / mean); a plugin's own name when it has no label."""
    return text_or_none(f"aggregation.{name}") or name


def _fail(panel: Panel, entry: str, exc: ValueError) -> DataInputError:
    return DataInputError.of("data.aggregation", None, panel=panel.label, entry=entry,
                             aggregation=aggregation_label(panel.aggregation), reason=str(exc))


def panel_sheets(panel: Panel, data: ContestData, judged: list[str]) -> PanelSheets:
    """The sheets that the panel's aggregation sees, entry by entry.

    A contest-wide step over all of a panel's sheets at once — per-judge normalisation
    such as z-scores — belongs here, before any entry is aggregated. None exists yet.
    """
    return data.sheets.get(panel.id) or PanelSheets(panel.id, [], [], {c: [] for c in judged}, {c: 1 for c in judged})


def _compact(rows: dict[str, list[int]]) -> dict[str, Sequence[int]]:
    """Each entry's sheet positions as a ``range`` where they follow one another (as a scores file sorted by
    entry has them): the evaluation keeps the panel for explain and audit, and a range is 48 bytes where
    a list of five positions is 260."""
    for entry, group in rows.items():  # positions rise (rows_by_entry appends in file order): a full span is a run
        first, last = group[0], group[-1]
        if last - first + 1 == len(group):
            rows[entry] = range(first, last + 1)
    return rows


class JudgedPanel:
    """One judged panel's sheets, ready to score entry by entry."""

    def __init__(self, rubric: Rubric, panel: Panel, data: ContestData, conformity: dict[str, Conformity]):
        self.rubric, self.panel = rubric, panel
        self.judged = [c for c in panel.criteria if rubric.criterion(c).judged]
        self.adds_conformity = any(not rubric.criterion(c).judged for c in panel.criteria)
        self.raw_sheets = panel_sheets(panel, data, self.judged)
        self.sheets = round_marks(rubric, self.raw_sheets)  # criterion ``round``: before any judge's total
        self.item_names = panel_items(self.sheets.item) if panel.items else []
        self.bonus = {e.id: conformity[e.id].score for e in data.entries} if self.adds_conformity else {}
        scales = [self.sheets.scales[c] for c in self.judged]
        scales += list({b.denominator for b in self.bonus.values() if b is not None})
        self.scale = math.lcm(1, *scales)
        self.rows = _compact(self.sheets.rows_by_entry())
        self.judges = set(panel.judges) | set(self.sheets.judge)
        self.assigned = data.assignments.assigned
        marks = [[m * (self.scale // self.sheets.scales[c]) for m in self.sheets.marks[c]] if
                 self.scale != self.sheets.scales[c] else self.sheets.marks[c] for c in self.judged]
        self.totals = list(map(sum, zip(*marks))) if marks else [0] * len(self.sheets)
        # judge total → normalise (engine/normalise.py) → aggregate: the fast path then reads normalised totals
        self.normalised = normalise_panel(panel, self.sheets, self.judged, self.totals, self.scale,
                                          sum((rubric.criterion(c).max for c in self.judged), Fraction(0)))
        if self.normalised is not None:
            self.scale, self.totals = self.normalised.rescaled(self.scale)
        self._scores: dict[tuple[int, int], Fraction] = {}  # (numerator, denominator) → finished score

    def bonus_of(self, entry: str) -> Fraction | None:
        return self.bonus.get(entry) if self.adds_conformity else None

    def missing_judges(self, entry: str) -> list[str]:
        rows = self.rows.get(entry, ())
        if self.panel.items is None and len(rows) == len(self.judges):
            return []
        assigned = self.assigned  # judges never assigned the entry (data.assignments) are not missing
        return sorted(j for j in self.judges - {self.sheets.judge[i] for i in rows} if assigned(self.panel.id, j, entry))

    def lines(self, entry: str, with_conformity: bool = True) -> list[JudgeLine]:
        """The entry's sheets, exact, ordered by item and judge."""
        sheets, normalised = self.sheets, self.normalised
        bonus = self.bonus_of(entry) if with_conformity else None
        result = []
        for i in self.rows.get(entry, ()):
            marks = {c: Fraction(sheets.marks[c][i], sheets.scales[c]) for c in self.judged}
            total = sum(marks.values(), Fraction(0)) if normalised is None else normalised.totals[i]
            if bonus is not None and self.panel.items is None:
                total += bonus
            result.append(JudgeLine(sheets.judge[i], marks, total, sheets.item[i] if sheets.item else None,
                                    sheets.factor[i] if sheets.factor else Fraction(1),
                                    weight=sheets.weight[i] if sheets.weight else Fraction(1), position=i))
        return sorted(result, key=lambda line: (line.item or "", line.judge))

    def aggregate(self, lines: list[JudgeLine], entry: str, values=None) -> Aggregated:
        """The aggregation over ``lines`` (or over ``values`` in their place, e.g. one criterion's marks)."""
        panel = self.panel
        totals = [line.total for line in lines] if values is None else values
        sheets = [Sheet(line.judge, line.marks, total, line.weight, item=line.item, factor=line.factor, entry=entry)
                  for line, total in zip(lines, totals)]
        try:
            outcome = panel.aggregation_impl.apply(sheets, panel.aggregation_params)
        except ValueError as exc:
            raise _fail(panel, entry, exc) from None
        return Aggregated(Fraction(outcome.score), tuple(outcome.dropped), outcome.note)

    def _integers(self, values: list[int], entry: str) -> tuple[int, int]:
        """The aggregation's integer fast path: (numerator, denominator) over the scaled ``values``."""
        panel = self.panel
        try:
            return panel.aggregation_impl.integers(values, panel.aggregation_params)
        except ValueError as exc:
            raise _fail(panel, entry, exc) from None

    def fast(self, values: list[int], scale: int, entry: str) -> Fraction:
        """The aggregation's integer fast path over totals scaled by ``scale``."""
        numerator, denominator = self._integers(values, entry)
        return Fraction(numerator, denominator * scale)

    def _finished(self, values: list[int], entry: str, steps: list | None) -> Fraction:
        """The panel score (aggregated, then ``finish``) of one entry's scaled totals.

        A panel's entries share few distinct aggregates (five judges' sums of small marks), so each
        distinct (numerator, denominator) is made a ``Fraction`` and finished once, and the entries
        share that immutable object: no gcd and no fresh ``Fraction`` per entry. With ``steps``
        (explain) the rounding is recorded, so it is not looked up.
        """
        panel = self.panel
        numerator, denominator = self._integers(values, entry)
        if steps is not None:
            return finish(panel, Fraction(numerator, denominator * self.scale), steps)
        key = (numerator, denominator)
        score = self._scores.get(key)
        if score is None:
            score = self._scores[key] = finish(panel, Fraction(numerator, denominator * self.scale))
        return score

    def criterion_score(self, entry: str, criterion: str, lines: list[JudgeLine] | None = None) -> Fraction:
        if criterion not in self.judged:
            return self.bonus_of(entry) or Fraction(0)
        if self.panel.aggregation_impl.integers is not None:
            rows = self.rows[entry]
            marks = self.sheets.marks[criterion]
            return self.fast([marks[i] for i in rows], self.sheets.scales[criterion], entry)
        lines = lines if lines is not None else self.lines(entry)
        return self.aggregate(lines, entry, [line.marks[criterion] for line in lines]).score

    def score(self, entry: str, criteria: tuple[str, ...], with_conformity: bool = True,
              steps: list | None = None) -> PanelScore:
        """The entry's score; without 规范性 added to any total when ``with_conformity`` is false; its
        rounding steps (:mod:`.rounding`) appended to ``steps`` when given."""
        panel, bonus = self.panel, self.bonus_of(entry) if with_conformity else None
        rows = self.rows.get(entry)
        if panel.items is None and panel.aggregation_impl.integers is not None:
            scaled_bonus = bonus.numerator * (self.scale // bonus.denominator) if bonus is not None else 0
            totals = self.totals
            score = self._finished([totals[i] + scaled_bonus for i in rows], entry, steps)
            count = len(rows) if len(rows) == len(self.judges) else len({self.sheets.judge[i] for i in rows})
            result = PanelScore(panel.id, score, count, bonus)
        else:
            lines = self.lines(entry, with_conformity)
            result = self._generic(entry, lines, bonus, steps)
        if criteria:
            result.criteria = {criterion: self.criterion_score(entry, criterion) for criterion in criteria}
        return result

    def plain_scores(self, entries) -> dict[str, PanelScore] | None:
        """Every entry's score in one loop, the common case only (no items, the aggregation's integer
        path, no criterion a formula reads, every entry marked by every judge): the same objects
        :meth:`score` makes, without its per-entry branches. None when the panel is not that case or
        an entry is not (the caller then scores entry by entry)."""
        panel = self.panel
        if panel.items is not None or panel.aggregation_impl.integers is None:
            return None
        totals, rows_of, scale, finished = self.totals, self.rows, self.scale, self._finished
        bonus_of, judges, panel_id = self.bonus.get if self.adds_conformity else None, len(self.judges), panel.id
        result = {}
        for entry in entries:
            rows = rows_of.get(entry.id)
            if rows is None or len(rows) != judges:
                return None
            bonus = bonus_of(entry.id) if bonus_of is not None else None
            if bonus is not None:
                scaled = bonus.numerator * (scale // bonus.denominator)
                values = [totals[i] + scaled for i in rows]
            else:
                values = [totals[i] for i in rows]
            result[entry.id] = PanelScore(panel_id, finished(values, entry.id, None), judges, bonus)
        return result

    def _generic(self, entry: str, lines: list[JudgeLine], bonus: Fraction | None, steps=None) -> PanelScore:
        panel = self.panel
        count = len({line.judge for line in lines})
        notes: list = []

        def aggregate(group: list[JudgeLine]) -> Fraction:
            outcome = self.aggregate(group, entry)
            if outcome.note:
                notes.append((group[0].item, outcome.note))
            return outcome.score

        if panel.items is None:
            return PanelScore(panel.id, finish(panel, aggregate(lines), steps), count, bonus, notes=notes or None)
        items = score_items(panel, self.item_names, lines, aggregate, steps)
        combined = combine(panel, items)  # the scored items only (engine/items.py)
        if bonus is not None:
            combined += bonus
        values = {item: (score.value if score is not None else None) for item, score in items.items()}
        return PanelScore(panel.id, finish(panel, combined, steps), count, bonus, values, notes=notes or None)

    def without_conformity(self, entry: str) -> Fraction:
        """The entry's score on the same sheets with no 规范性 added (0 without a sheet): a final term's split."""
        return self.score(entry, (), with_conformity=False).score if entry in self.rows else Fraction(0)

    def explained(self, entry: str) -> tuple[list[JudgeLine], dict]:
        """The entry's lines with dropped ones marked, and every criterion's aggregate (for explain)."""
        lines = self.lines(entry)
        if not lines:
            return lines, {}
        if self.panel.items is None:
            for position in self.aggregate(lines, entry).dropped:
                lines[position].dropped = True
        else:
            by_item: dict[str | None, list[JudgeLine]] = {}
            for line in lines:
                by_item.setdefault(line.item, []).append(line)
            for item_lines in by_item.values():
                for position in self.aggregate(item_lines, entry).dropped:
                    item_lines[position].dropped = True
        criteria = {c: self.criterion_score(entry, c, lines) for c in self.judged}
        if self.adds_conformity:
            criteria[self.rubric.conformity.id] = self.bonus_of(entry)
        return lines, criteria


def judged_scores(judged: JudgedPanel, data: ContestData, warnings: list[Problem],
                  criteria: tuple[str, ...] = ()) -> dict[str, PanelScore]:
    """Every entry's score on the judged panel; ``criteria`` are the per-criterion aggregates a formula reads."""
    panel = judged.panel
    result = {}
    if judged.normalised is not None:
        warnings.extend(judged.normalised.warnings)
    plain = judged.plain_scores(data.entries) if not criteria else None
    if plain is not None:
        return plain
    for entry in data.entries:
        if entry.id not in judged.rows:
            bonus = judged.bonus_of(entry.id)
            warnings.append(Problem.of("warning", "data.no_marks", None, entry=entry.id, panel=panel.label,
                                       panel_id=panel.id, score=str(bonus or 0)))
            result[entry.id] = PanelScore(panel.id, bonus or Fraction(0), 0, bonus, missing=True,
                                          criteria={c: Fraction(0) for c in criteria})
            continue
        for judge in judged.missing_judges(entry.id):
            warnings.append(Problem.of("warning", "data.judge_skipped", None, judge=judge, panel=panel.label,
                                       panel_id=panel.id, entry=entry.id,
                                       aggregation=aggregation_label(panel.aggregation)))
        result[entry.id] = score = judged.score(entry.id, criteria)
        if panel.items:
            warnings.extend(unscored_warnings(panel, entry.id, score.items))
    return result


def require_votes(rubric: Rubric, data: ContestData) -> None:
    """No votes file while a vote panel exists: an error, unless ``voting: {optional: true}``.

    Asked when scoring (``evaluate``, ``explain``), not by ``check``: checks run before the vote closes."""
    from ..data.names import accepted_names
    from ..language.wording import Joined

    panels = [panel.label for panel in rubric.panels if panel.type == "votes"]
    if data.has_votes_file or not panels or rubric.voting.optional:
        return
    folder = str(data.folder) if data.folder else ""
    ignored = [Path(w.location.file).name for w in data.warnings
               if w.code == "data.table:unrecognised" and w.location and w.location.file]
    key = "data.votes_file:missing_ignored" if ignored else "data.votes_file:missing"  # 网络投票.csv: say so
    raise DataInputError.of(key, Location(folder) if folder else None, folder=folder, panels=Joined(panels),
                            names=Joined(accepted_names("votes")), ignored=Joined(ignored))


def vote_scores(panel: Panel, data: ContestData, warnings: list[Problem],
                category_label: str | None = None) -> dict[str, PanelScore]:
    category = category_label or panel.category
    tallies, wanted = data.votes, panel.category
    votes = {entry.id: tallies.get((entry.id, wanted), 0) for entry in data.entries}
    for entry_id in votes if data.has_votes_file else ():
        if (entry_id, wanted) not in tallies:
            warnings.append(Problem.of("warning", "data.no_votes", None, entry=entry_id, category=category))
    if not data.has_votes_file:
        warnings.append(Problem.of("warning", "data.no_votes_file", None, panel=panel.label))
    ranks = competition_ranks(votes, key=votes.__getitem__)
    made: dict[int, PanelScore] = {}  # equal votes, equal rank and points: one (read-only) score shared
    result = {}
    for entry_id, count in votes.items():
        score = made.get(count)
        if score is None:
            rank = ranks[entry_id]
            points = panel.rank_table.points(rank)
            if points is None:
                raise DataInputError.of("data.rank_table", None, panel=panel.label, rank=rank, entry=entry_id)
            if not data.has_votes_file:  # voting: {optional: true} and no votes: no entry earns vote points
                score = PanelScore(panel.id, Fraction(0), votes=0, vote_rank=rank, missing=True)
            else:
                score = PanelScore(panel.id, points, votes=count, vote_rank=rank)
            made[count] = score
        result[entry_id] = score
    return result
