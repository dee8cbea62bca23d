"""Ranked ballots in the scores file: rows ``panel, judge, entry, rank`` (名次) of a ``ballot: ranked`` panel.

The scores file may hold marks and ranks side by side: the rows of ranked panels are taken
out here and the rest goes to :mod:`.scores` unchanged (same columns, same row numbers).
Each judge of a ranked panel gets one sheet per entry: the rank given, or ``None`` where the
judge did not rank the entry (0 points, no warning). A rank given twice by one judge, an entry
ranked twice, a rank that is not a whole number from 1, marks on a ranked row and a rank on a
marks row are located errors.
"""
from __future__ import annotations

import dataclasses

from ..data import PanelSheets
from ..errors import ProblemList, did_you_mean
from ..messages import Message, join
from ..rubric.model import Rubric
from .columns import map_headers, row_order
from .keys import escaped, fold_column, fold_key
from .scores import SCORE_COLUMNS
from .tables import Table, cell_text


def _positive_integer(value) -> int | None:
    text = cell_text(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return int(text) if text.isascii() and text.isdigit() and int(text) >= 1 else None


def read_ballots(table: Table, rubric: Rubric, entry_ids: set[str], problems: ProblemList,
                 assignments=None) -> tuple[Table, dict[str, PanelSheets]]:
    """(the table without the ranked panels' rows, each ranked panel's sheets); problems go to ``problems``."""
    ranked = {}
    for panel in rubric.judged_panels:
        if panel.ranked:
            ranked[panel.id] = ranked[panel.label] = panel.id
    cols = map_headers(table, SCORE_COLUMNS, ProblemList())  # the scores reader reports the columns
    if not cols.has("panel") or not (ranked or cols.has("rank")):
        return table, {}
    lowered = {k.lower(): v for k, v in ranked.items()}
    panel_of = [ranked.get(key) or lowered.get(key.lower()) for key in map(fold_key, cols.texts("panel"))]
    local = ProblemList()
    rank_cells = cols.raw("rank") if cols.has("rank") else [None] * len(cols)
    rest = [row for row, panel_id in enumerate(panel_of) if panel_id is None]
    for row in rest:
        if cell_text(rank_cells[row]):
            local.add("error", "data.ballot:rank_on_marks", cols.location(row, "rank"))
    result = {}
    if len(rest) < len(panel_of):
        if not cols.has("rank"):
            local.add("error", "data.ballot:no_rank_column", cols.location(None),
                      panels=join(rubric.panel(p).label for p in dict.fromkeys(p for p in panel_of if p)))
        else:
            result = _sheets(cols, rubric, panel_of, rank_cells, entry_ids, local, assignments)
    local.problems.sort(key=row_order)
    problems.extend(local.problems)
    if len(rest) == len(panel_of):
        return table, result
    kept = dataclasses.replace(table, columns=[[column[r] for r in rest] for column in table.columns],
                               lines=[table.lines[r] for r in rest])
    return kept, result


def _sheets(cols, rubric: Rubric, panel_of: list, rank_cells: list, entry_ids: set[str],
            local: ProblemList, assignments=None) -> dict[str, PanelSheets]:
    written = {c: cols.texts(c) for c in ("judge", "entry")}
    judges, merged = fold_column(written["judge"], lambda r: cols.location(r, "judge"), Message("data.key_what.judge"))
    entries, merged_entries = fold_column(written["entry"], lambda r: cols.location(r, "entry"),
                                          Message("data.key_what.entry"))
    local.extend(merged + merged_entries)
    marks = [c for c in cols.index if c.startswith("criterion:")]
    if marks:
        marks = [cols.raw(c) for c in marks]
    by_panel: dict[str, dict] = {}
    for row, panel_id in enumerate(panel_of):
        if panel_id is None:
            continue
        panel = rubric.panel(panel_id)
        state = by_panel.setdefault(panel_id, {"ranks": {}, "sheets": {}, "judges": {}})
        judge, entry = judges[row], entries[row]
        bad = False
        if not judge:
            local.add("error", "data.missing:judge", cols.location(row, "judge"))
            bad = True
        elif panel.judges and judge not in {fold_key(j) for j in panel.judges}:
            close = did_you_mean(judge, panel.judges)
            local.error(Message("data.unknown:judge", judge=escaped(written["judge"][row]), panel=panel.label,
                                names=join(panel.judges)), cols.location(row, "judge"), code="data.unknown",
                        hint=Message("data.unknown:judge.close", word=close.fields["word"]) if close
                        else Message("data.unknown:judge.hint"))
            bad = True
        if not entry:
            local.add("error", "data.missing:entry", cols.location(row, "entry"))
            bad = True
        elif entry not in entry_ids:
            local.error(Message("data.unknown:entry", entry=escaped(written["entry"][row])),
                        cols.location(row, "entry"), code="data.unknown",
                        hint=did_you_mean(entry, entry_ids) or Message("data.hint.entries_table"))
            bad = True
        if any(cell_text(column[row]) for column in marks):
            local.add("error", "data.ballot:marks_on_ranked", cols.location(row), panel=panel.label)
        rank = _positive_integer(rank_cells[row])
        if rank is None:
            key = "data.ballot:rank_missing" if not cell_text(rank_cells[row]) else "data.ballot:rank_bad"
            local.add("error", key, cols.location(row, "rank"), text=cell_text(rank_cells[row]), panel=panel.label)
            bad = True
        if bad:
            continue
        state["judges"].setdefault(judge, None)
        first = state["sheets"].get((judge, entry))
        if first is not None:
            local.add("error", "data.ballot:entry_twice", cols.location(row, "entry"), judge=escaped(judge),
                      entry=entry, panel=panel.label, first=cols.table.lines[first])
            continue
        earlier = state["ranks"].get((judge, rank))
        if earlier is not None:
            local.add("error", "data.ballot:rank_twice", cols.location(row, "rank"), judge=escaped(judge),
                      rank=rank, panel=panel.label, entry=entry, first_entry=entries[earlier],
                      first=cols.table.lines[earlier])
            continue
        state["ranks"][(judge, rank)] = row
        state["sheets"][(judge, entry)] = row
    result = {}
    ordered = sorted(entry_ids)
    for panel_id, state in by_panel.items():
        panel = rubric.panel(panel_id)
        entry_list, judge_list, rank_list = [], [], []
        for judge in list(panel.judges and [fold_key(j) for j in panel.judges]) or list(state["judges"]):
            for entry in ordered:
                row = state["sheets"].get((judge, entry))
                if row is None and assignments is not None and not assignments.assigned(panel_id, judge, entry):
                    continue  # never assigned to this judge: no sheet, not even a 0
                entry_list.append(entry)
                judge_list.append(judge)
                rank_list.append(_positive_integer(rank_cells[row]) if row is not None else None)
        result[panel_id] = PanelSheets(panel_id, entry_list, judge_list, {}, {}, rank=rank_list)
    return result
