"""The ``assignments`` table (评审分配: ``judge, entry``, optional ``panel``) and the check of the scores file
against it (:mod:`rubric_engine.data.assignments` says what an assignment means).

Key columns are folded as every key is (io/keys.py). A scores row for a pair never assigned is a
located error at its entry cell.
"""
from __future__ import annotations

from ..data import Assignments
from ..errors import ProblemList, did_you_mean
from ..messages import Message
from ..rubric.model import Rubric
from .columns import map_headers, row_order
from .keys import escaped, fold_column, fold_key
from .tables import Cell, Table
from .values import CellError, choice

ASSIGNMENT_COLUMNS = {"judge": "评委", "entry": "作品编号", "panel": "评分组"}


def _panels(rubric: Rubric) -> dict[str, str]:
    names = {}
    for panel in rubric.judged_panels:
        names[panel.id] = names[panel.label] = panel.id
    return names


def read_assignments(table: Table | None, rubric: Rubric, entry_ids: set[str], problems: ProblemList) -> Assignments:
    """The rubric's ``judges: [{name, entries}]`` and the table's rows, as one :class:`Assignments`."""
    result = Assignments()
    for panel in rubric.judged_panels:
        for judge, entries in panel.judge_entries:
            result.add(panel.id, fold_key(judge), (fold_key(e) for e in entries))
    rubric_entries(rubric, entry_ids, problems)
    if table is None:
        return result
    cols = map_headers(table, ASSIGNMENT_COLUMNS, problems, required=("judge", "entry"))
    if not (cols.has("judge") and cols.has("entry")):
        return result
    local = ProblemList()
    keys = {}
    for column in ("judge", "entry"):
        keys[column], merged = fold_column(cols.texts(column), lambda r, c=column: cols.location(r, c),
                                           Message(f"data.key_what.{column}"))
        local.extend(merged)
    panels = _panels(rubric)
    panel_texts = cols.texts("panel")
    for row, (judge, entry) in enumerate(zip(keys["judge"], keys["entry"])):
        panel = None
        if panel_texts[row]:
            try:
                panel = choice(Cell(fold_key(panel_texts[row]), cols.location(row, "panel")),
                               Message("data.what.panel"), panels)
            except CellError as exc:
                local.problems.append(exc.problem)
                continue
        if not judge:
            local.add("error", "data.missing:judge", cols.location(row, "judge"))
        elif not entry:
            local.add("error", "data.missing:entry", cols.location(row, "entry"))
        elif entry not in entry_ids:
            local.error(Message("data.unknown:entry", entry=escaped(entry)), cols.location(row, "entry"),
                        code="data.unknown", hint=did_you_mean(entry, entry_ids) or Message("data.hint.entries_table"))
        else:
            result.add(panel, judge, (entry,))
    local.problems.sort(key=row_order)
    problems.extend(local.problems)
    return result


def rubric_entries(rubric: Rubric, entry_ids: set[str], problems: ProblemList) -> None:
    """Every entry id of the rubric's ``judges: [{name, entries}]`` must be in the entries table: an error
    at the id in the rubric file, with the nearest entry id."""
    for panel in rubric.judged_panels:
        for (judge, entries), where in zip(panel.judge_entries, panel.judge_entry_where):
            for entry, location in zip(entries, where):
                if fold_key(entry) not in entry_ids:
                    problems.error(Message("data.assignment:rubric_entry", judge=escaped(judge), panel=panel.label,
                                           entry=escaped(entry)), location, code="data.assignment",
                                   hint=did_you_mean(fold_key(entry), entry_ids) or Message("data.hint.entries_table"))


def check_assigned(table: Table, rubric: Rubric, assignments: Assignments, problems: ProblemList) -> None:
    """Every row of the scores file whose (panel, judge, entry) was never assigned: an error at its entry cell."""
    if not assignments:
        return
    cols = map_headers(table, {"panel": "评分组", "judge": "评委", "entry": "作品编号"}, ProblemList())
    if not all(cols.has(c) for c in ("panel", "judge", "entry")):
        return  # the scores reader reports the missing columns
    panels = {**_panels(rubric), **{k.lower(): v for k, v in _panels(rubric).items()}}
    local = ProblemList()
    judges, entries = cols.texts("judge"), cols.texts("entry")
    for row, panel_text in enumerate(cols.texts("panel")):
        key = fold_key(panel_text)
        panel = panels.get(key) or panels.get(key.lower())
        judge, entry = fold_key(judges[row]), fold_key(entries[row])
        if panel is None or not judge or not entry or assignments.assigned(panel, judge, entry):
            continue
        allowed = sorted(assignments.allowed(panel, judge))
        local.add("error", "data.assignment:unassigned", cols.location(row, "entry"), judge=escaped(judge),
                  entry=escaped(entry), panel=rubric.panel(panel).label, count=len(allowed))
    local.problems.sort(key=row_order)
    problems.extend(local.problems)


def explained_splits(problems: ProblemList, rubric: Rubric, assignments: Assignments) -> None:
    """Drop the scores reader's "one judge spelt two ways?" warnings that the assignments explain: two judges
    who each scored only what they were assigned are two judges."""
    if not assignments:
        return
    panels = {panel.label: panel.id for panel in rubric.judged_panels}

    def explained(problem) -> bool:
        if problem.code != "data.judge_split":
            return False
        fields, panel = problem.message.fields, panels.get(str(problem.message.fields.get("panel")))
        return panel is not None and all(assignments.allowed(panel, fold_key(str(fields[k]))) is not None
                                         for k in ("judge", "other"))

    problems.problems[:] = [p for p in problems.problems if not explained(p)]
