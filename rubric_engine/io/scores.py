"""Judges' sheets (``scores.csv``/``.xlsx``), read column by column into exact integer marks.

Every mark is checked once per distinct text (range, step, band), so a million sheets
cost a few dict lookups each. Problems are reported in the order of the file's rows.
Wide form: one row per sheet, one column per criterion. Long form: one row per mark
(评分项 + 分数), gathered into sheets first.
"""
from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction

from ..data import PanelSheets
from ..errors import Location, Problem, ProblemList, did_you_mean
from ..language.units import format_number
from ..language.wording import Joined
from ..messages import Message, join
from ..rubric.model import Criterion, Rubric
from .columns import map_headers, row_order
from .grouping import entries_by_judge, rows_by_value
from .keys import escaped, fold_column, fold_key
from .tables import Cell, Table, cell_text
from .values import CellError, choice, number
from .weights import panel_weights, read_weights



SCORE_COLUMNS = {"panel": "评分组", "judge": "评委", "entry": "作品编号", "item": "轮次", "factor": "系数",
                 "criterion": "评分项", "score": "分数", "weight": "权重",
                 "rank": "名次"}  # rank: read by io/ballots.py (ranked-ballot panels' rows), never here


def criterion_scale(criterion: Criterion) -> int:
    """The denominator every valid mark of ``criterion`` fits: marks are min + k × step."""
    return math.lcm(criterion.min.denominator, criterion.step.denominator)


class _MarkParser:
    """Parses one criterion's marks, once per distinct cell value."""

    def __init__(self, criterion: Criterion):
        self.criterion, self.scale = criterion, criterion_scale(criterion)
        self.seen: dict = {}

    def __call__(self, value):
        """An int (the scaled mark), a Problem-maker for an error, or (int, warning-maker)."""
        outcome = self.seen.get(value, self)
        if outcome is self:
            outcome = self.seen[value] = self._parse(value)
        return outcome

    def _parse(self, value):
        c = self.criterion
        cell = Cell(value, Location(""))
        try:
            mark = number(cell, Message("data.what.mark", criterion=c.label), negative=True)
        except CellError as exc:
            return exc.problem
        if not c.min <= mark <= c.max:  # one rule, the rubric's: negative marks where its min is below 0
            key = "data.range:negative" if mark < 0 <= c.min else "data.range"
            return Problem.of("error", key, criterion=c.label, text=cell.text, min=format_number(c.min),
                              max=format_number(c.max))
        if ((mark - c.min) / c.step).denominator != 1:
            return Problem.of("error", "data.step", criterion=c.label, text=cell.text, step=format_number(c.step))
        scaled = int(mark * self.scale)
        if c.bands and c.band_of(mark) is None:
            return scaled, Problem.of("warning", "data.band_gap", criterion=c.label, text=cell.text)
        return scaled


class ScoreReader:
    def __init__(self, table: Table, rubric: Rubric, entry_ids: set[str], problems: ProblemList):
        self.table, self.rubric, self.entry_ids = table, rubric, entry_ids
        self.out = problems
        self.p = ProblemList()  # this table's problems, sorted by row at the end
        self._by_panel_columns: dict[str, tuple] = {}  # panel -> (entries, judges, judge -> entries) (_unique_by_judge)

    def at(self, problem: Problem, row: int, column: str | None) -> None:
        self.p.problems.append(replace(problem, location=self.cols.location(row, column)))

    def error(self, key: str, row: int, column: str | None, hint: Message | None = None, /, **fields) -> None:
        """The error ``key`` of the catalogue at ``row``, ``column``; its hint ``hint``, else ``key.hint``."""
        problem = Problem.of("error", key, self.cols.location(row, column), **fields)
        self.p.problems.append(replace(problem, hint=hint) if hint is not None else problem)

    def read(self) -> dict[str, PanelSheets]:
        rubric = self.rubric
        criteria_names = {}
        for criterion in rubric.criteria:
            criteria_names[criterion.id] = f"criterion:{criterion.id}"
            criteria_names[criterion.label] = f"criterion:{criterion.id}"
        self.cols = cols = map_headers(self.table, SCORE_COLUMNS, self.out, required=("panel", "judge", "entry"),
                                       extra=criteria_names, unknown_is_error=True)
        if not all(cols.has(c) for c in ("panel", "judge", "entry")) or not len(cols):
            return {}
        long_form = cols.has("criterion") or cols.has("score")
        if long_form and not (cols.has("criterion") and cols.has("score")):
            self.out.add("error", "data.column:long_form", Location(str(self.table.path), 1))
            return {}
        self.long_form = long_form
        self.absent: dict[str, list[str]] = {}  # criterion id -> the panels that need it but the file lacks it
        kept = self._kept_rows()
        self.factors = (cols.parse("factor", lambda cell: number(cell, Message("data.what.factor")), self.p)
                        if cols.has("factor") else None)
        self.weights = read_weights(cols, self.p)  # 权重 (io/weights.py)
        sheets = self._long_sheets(kept) if long_form else self._wide_sheets(kept)
        result = {}
        for panel_id, (rows, cells) in sheets.items():
            built = self._panel_sheets(panel_id, rows, cells)
            if built is not None:
                result[panel_id] = built
        self._same_judge_twice(result)
        self._report_absent_columns()
        self.p.problems.sort(key=row_order)
        self.out.extend(self.p.problems)
        return result

    def _report_absent_columns(self) -> None:
        """A criterion missing from the whole file is one error, not one per sheet: in the wide
        form at the header that looks like it (a typo such as 内容 for 内容性), with a did-you-mean."""
        import difflib

        from ..messages import join

        for criterion_id, panels in self.absent.items():
            criterion = self.rubric.criterion(criterion_id)
            names = {"label": criterion.label, "id": criterion.id,
                     "panels": join(self.rubric.panel(p).label for p in panels)}
            if self.long_form:
                self.out.add("error", "data.missing:criterion_rows", self.cols.location(0, "criterion"), **names)
                continue
            unknown = self.cols.unknown
            close = (difflib.get_close_matches(criterion.label, list(unknown), n=1, cutoff=0.5)
                     or difflib.get_close_matches(criterion.id, list(unknown), n=1, cutoff=0.6))
            if close:
                header = close[0]
                reported = unknown.pop(header)
                if reported in self.out.problems:
                    self.out.problems.remove(reported)  # the one error below says it all
                self.out.add("error", "data.column:criterion_typo", reported.location,
                             column=reported.location.column, header=header, **names)
            else:
                self.out.add("error", "data.column:criterion_missing",
                             Location(str(self.table.path), self.table.header_line), **names)

    # --- which rows make sheets ----------------------------------------------------------
    def _kept_rows(self) -> list[int]:
        cols, rubric = self.cols, self.rubric
        panels = {}
        for panel in rubric.judged_panels:
            panels[panel.id] = panel.id
            panels[panel.label] = panel.id
        self.panel_of = cols.parse("panel", lambda cell: choice(Cell(fold_key(cell.text), cell.location),
                                                                Message("data.what.panel"), panels), self.p,
                                   skip_blank=False)
        self.written: dict[str, list[str]] = {}
        self.judges, self.entries = self._folded("judge"), self._folded("entry")
        self.items = cols.texts("item")
        allowed = {p.id: {fold_key(j) for j in p.judges} for p in rubric.judged_panels if p.judges}
        with_items = {p.id for p in rubric.judged_panels if p.items}
        if self._every_row_fits(allowed, with_items):
            return list(range(len(self.panel_of)))
        entry_ids, kept = self.entry_ids, []
        for row, (panel_id, judge, entry, item) in enumerate(zip(self.panel_of, self.judges, self.entries,
                                                                 self.items)):
            if (panel_id is not None and judge and entry in entry_ids
                    and (panel_id not in allowed or judge in allowed[panel_id])
                    and (item or panel_id not in with_items)):
                kept.append(row)
                continue
            if not judge:
                self.error("data.missing:judge", row, "judge")
            if entry and entry not in entry_ids:
                self.error("data.unknown:entry", row, "entry", did_you_mean(entry, entry_ids)
                           or Message("data.hint.entries_table"), entry=escaped(self.written["entry"][row]))
                continue
            if not entry:
                self.error("data.missing:entry", row, "entry")
                continue
            if panel_id is None or not judge:
                continue
            panel = rubric.panel(panel_id)
            if panel_id in allowed and judge not in allowed[panel_id]:
                close = did_you_mean(judge, panel.judges)  # never an extra judge: say how to fix it
                hint = (Message("data.unknown:judge.close", word=close.fields["word"]) if close is not None
                        else Message("data.unknown:judge.hint"))
                self.error("data.unknown:judge", row, "judge", hint, judge=escaped(self.written["judge"][row]),
                           panel=panel.label,
                           names=join(panel.judges))
                continue
            self.error("data.missing:item", row, "item", panel=panel.label)
        return kept

    def _folded(self, column: str) -> list[str]:
        """The column's keys folded (io/keys.py); a warning where folding merged two spellings."""
        written = self.cols.texts(column)
        self.written[column] = written  # as the file spells them: what an error about one row shows
        keys, merged = fold_column(written, lambda row: self.cols.location(row, column),
                                   Message(f"data.key_what.{column}"))
        self.p.problems.extend(merged)
        return keys

    def _same_judge_twice(self, result: dict[str, PanelSheets]) -> None:
        """A judge who scored exactly the entries another judge of the panel lacks: one judge spelt two
        ways (专家三 on one row, 专家3 on the rest)? A warning with the did-you-mean, at the first row."""
        for panel_id, sheets in result.items():
            kept = self._by_panel_columns.get(panel_id)  # the sets made while reading, if no sheet was dropped
            scored = kept[2] if kept is not None and kept[0] is sheets.entry else entries_by_judge(sheets.judge,
                                                                                                  sheets.entry)
            everything = set().union(*scored.values()) if scored else set()
            for judge, entries in scored.items():
                if len(entries) * 2 > len(everything):
                    continue  # only the judge with the fewer sheets is the odd spelling
                for other, theirs in scored.items():
                    if other != judge and entries == everything - theirs:
                        row = self.judges.index(judge)
                        self.p.problems.append(Problem.of(
                            "warning", "data.judge_split", self.cols.location(row, "judge"), judge=escaped(judge),
                            other=escaped(other), panel=self.rubric.panel(panel_id).label, count=len(entries)))
                        break

    def _every_row_fits(self, allowed: dict[str, set[str]], with_items: set[str]) -> bool:
        """The common case, checked column by column: every row names a known panel, judge and entry."""
        panels = set(self.panel_of)
        if None in panels or not all(self.judges) or not set(self.entries) <= self.entry_ids:
            return False
        if allowed and not all(judge in allowed[panel] for panel, judge in set(zip(self.panel_of, self.judges))
                               if panel in allowed):
            return False
        return not (panels & with_items) or all(self.items)

    def _key(self, row: int) -> tuple:
        return self.panel_of[row], self.judges[row], self.entries[row], self.items[row] or None

    # --- gathering sheets: panel id -> (first row of each sheet, criterion -> [(value, row) per sheet]) --------
    def _wide_sheets(self, kept: list[int]) -> dict:
        by_panel = self._unique_sheets(kept)
        if by_panel is None:
            by_panel = self._sheets_reporting_duplicates(kept)
        columns = [c.id for c in self.rubric.criteria if self.cols.has(f"criterion:{c.id}")]
        result = {}
        for panel_id, rows in by_panel.items():
            cells = {}
            for criterion_id in columns:
                raw = self.cols.raw(f"criterion:{criterion_id}")
                cells[criterion_id] = ([raw[r] for r in rows], None)  # None: each on its sheet's row
            result[panel_id] = (rows, cells)
        return result

    def _unique_sheets(self, kept: list[int]) -> dict[str, list[int]] | None:
        """Rows by panel when no (panel, judge, entry, item) repeats, else None: the common case, in bulk."""
        columns = (self.panel_of, self.judges, self.entries, self.items)
        if len(kept) == len(self.panel_of):
            if not any(self.items):  # no 轮次: unique when no judge of a panel has an entry twice
                return self._unique_by_judge(rows_by_value(self.panel_of, kept))
            keys = list(zip(*columns))  # then the set (straight from zip: RSS 38 MB higher after reading)
            if len(set(keys)) != len(keys):
                return None
            del keys
            return rows_by_value(self.panel_of, kept)
        keys = [(p[r], j[r], e[r], i[r]) for p, j, e, i in [columns] for r in kept]
        if len(set(keys)) != len(keys):
            return None
        panels = [key[0] for key in keys]
        return {panel_id: [r for r, p in zip(kept, panels) if p == panel_id] for panel_id in dict.fromkeys(panels)}

    def _unique_by_judge(self, by_panel: dict[str, list[int]]) -> dict[str, list[int]] | None:
        """``by_panel`` when no judge of a panel has an entry on two rows, else None. Each panel's entry and
        judge columns and every judge's set of entries are kept: the sheets and the same-judge-twice
        check read them again (one set per judge instead of a million 4-tuples)."""
        entries, judges = self.entries, self.judges
        for panel_id, rows in by_panel.items():
            panel_entries, panel_judges = [entries[r] for r in rows], [judges[r] for r in rows]
            scored = entries_by_judge(panel_judges, panel_entries)
            if sum(map(len, scored.values())) != len(rows):
                self._by_panel_columns.clear()
                return None
            self._by_panel_columns[panel_id] = (panel_entries, panel_judges, scored)
        return by_panel

    def _sheets_reporting_duplicates(self, kept: list[int]) -> dict[str, list[int]]:
        first: dict[tuple, int] = {}
        by_panel: dict[str, list[int]] = {}
        for row in kept:
            key = self._key(row)
            if key in first:
                panel_id, judge, entry, item = key
                self.error("data.duplicate:sheet_item" if item else "data.duplicate:sheet", row, "entry",
                           judge=judge, entry=entry, panel=self.rubric.panel(panel_id).label, item=item or "",
                           first=self.table.lines[first[key]])
                continue
            first[key] = row
            by_panel.setdefault(key[0], []).append(row)
        return by_panel

    def _long_sheets(self, kept: list[int]) -> dict:
        criteria = {}
        for criterion in self.rubric.criteria:
            criteria[criterion.id] = criterion.id
            criteria[criterion.label] = criterion.id
        criterion_of = self.cols.parse("criterion", lambda cell: choice(cell, Message("data.what.criterion"), criteria),
                                       self.p, skip_blank=False)
        scores = self.cols.raw("score")
        sheets: dict[tuple, dict] = {}
        for row in kept:
            key = self._key(row)
            sheet = sheets.setdefault(key, {"row": row, "marks": {}})
            criterion_id = criterion_of[row]
            if criterion_id is None:
                continue
            if criterion_id in sheet["marks"] and cell_text(scores[row]):
                criterion = self.rubric.criterion(criterion_id)
                self.error("data.duplicate:mark", row, "score", criterion=criterion.label, judge=key[1], entry=key[2])
                continue
            if cell_text(scores[row]) or criterion_id not in sheet["marks"]:
                sheet["marks"][criterion_id] = (scores[row], row)
        result: dict[str, tuple] = {}
        for key, sheet in sheets.items():
            rows, cells = result.setdefault(key[0], ([], {}))
            position = len(rows)
            rows.append(sheet["row"])
            for criterion_id, (value, row) in sheet["marks"].items():
                values, where = cells.setdefault(criterion_id, ([None] * position, [sheet["row"]] * position))
                values.extend([None] * (position - len(values)))
                where.extend([sheet["row"]] * (position - len(where)))
                values.append(value)
                where.append(row)
        for rows, cells in result.values():
            for values, where in cells.values():
                values.extend([None] * (len(rows) - len(values)))
                where.extend(rows[len(where):])
        return result

    # --- marks -----------------------------------------------------------------------------
    def _panel_sheets(self, panel_id: str, rows: list[int], cells: dict) -> PanelSheets | None:
        rubric = self.rubric
        panel = rubric.panel(panel_id)
        column_of = {cid: "score" if where is not None else f"criterion:{cid}"
                     for cid, (_, where) in cells.items()}
        judged = [c for c in panel.criteria if rubric.criterion(c).judged]
        dropped: set[int] = set()  # sheets with a bad mark: reported, not scored
        missing: dict[int, list[str]] = {}
        for criterion_id, (values, where) in cells.items():
            criterion = rubric.criterion(criterion_id)
            if criterion_id in judged:
                continue
            for position, value in enumerate(values):
                if cell_text(value):
                    row = rows[position] if where is None else where[position]
                    if not criterion.judged:
                        self.p.problems.append(Problem.of(
                            "warning", "data.computed_column", self.cols.location(row, column_of[criterion_id]),
                            criterion=criterion.label))
                    else:
                        self.error("data.criterion", row, column_of[criterion_id], panel=panel.label,
                                   criterion=criterion.label)
        marks: dict[str, list[int]] = {}
        for criterion_id in judged:
            if criterion_id not in cells:  # no such column (or no such row, in the long form): one error
                self.absent.setdefault(criterion_id, []).append(panel_id)
                dropped.update(range(len(rows)))
                marks[criterion_id] = [0] * len(rows)
                continue
            values, where = cells[criterion_id]
            parser = _MarkParser(rubric.criterion(criterion_id))
            distinct = {v: (parser(v) if cell_text(v) else None) for v in set(values)}
            outcomes = list(map(distinct.__getitem__, values))
            if all(type(o) is int for o in set(outcomes) if o is not None) and None not in outcomes:
                marks[criterion_id] = outcomes
                continue
            scaled = []
            for position, outcome in enumerate(outcomes):
                row = rows[position] if where is None else where[position]
                if outcome is None:
                    missing.setdefault(position, []).append(criterion_id)
                    scaled.append(0)
                elif type(outcome) is int:
                    scaled.append(outcome)
                elif isinstance(outcome, tuple):
                    self.at(outcome[1], row, column_of[criterion_id])
                    scaled.append(outcome[0])
                else:
                    self.at(outcome, row, column_of[criterion_id])
                    dropped.add(position)
                    scaled.append(0)
            marks[criterion_id] = scaled
        for position, absent in sorted(missing.items()):
            if position in dropped:
                continue
            row = rows[position]
            labels = Joined(rubric.criterion(c).label for c in absent)
            self.p.problems.append(Problem.of(
                "error", "data.missing:marks", self.cols.location(row), judge=self.judges[row],
                entry=self.entries[row], criteria=labels, panel=panel.label))
            dropped.add(position)
        factors = None
        if self.factors is not None:
            factors = [self.factors[r] if self.factors[r] is not None else Fraction(1) for r in rows]
            if all(f == 1 for f in factors):
                factors = None
            elif panel.items:
                self._factors_agree(panel, rows, factors)
        weights = panel_weights(self.weights, rows, panel, self.cols, self.p)
        keep = [i for i in range(len(rows)) if i not in dropped] if dropped else None
        pick = (lambda column: [column[i] for i in keep]) if keep is not None else (lambda column: column)
        kept_columns = self._by_panel_columns.get(panel_id)
        panel_entries, panel_judges = (kept_columns[0], kept_columns[1]) if kept_columns is not None else (
            [self.entries[r] for r in rows], [self.judges[r] for r in rows])
        return PanelSheets(
            panel_id, pick(panel_entries), pick(panel_judges),
            {c: pick(m) for c, m in marks.items()},
            {c: criterion_scale(rubric.criterion(c)) for c in judged},
            pick([self.items[r] or None for r in rows]) if panel.items else None,
            pick(factors) if factors is not None else None,
            weight=pick(weights) if weights is not None else None)

    def _factors_agree(self, panel, rows: list[int], factors: list[Fraction]) -> None:
        from .item_factors import disagreeing_factors

        for row, first, entry, item, factor, expected in disagreeing_factors(
                rows, [self.entries[r] for r in rows], [self.items[r] for r in rows], factors):
            self.error("data.factor_disagrees", row, "factor", entry=entry, item=item, panel=panel.label,
                       factor=format_number(factor), expected=format_number(expected), first=self.table.lines[first])


def read_scores(table: Table, rubric: Rubric, entry_ids: set[str], problems: ProblemList) -> dict[str, PanelSheets]:
    """The judged panels' sheets; every problem goes to ``problems``, in the order of the rows."""
    return ScoreReader(table, rubric, entry_ids, problems).read()
