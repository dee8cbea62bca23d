"""Errors of a table shown grouped: one entry per (file, column, kind), naming the first rows.

A scores file with a wrong rule behind it (a criterion whose ``min`` forbids the −5..+5
grades the judges gave) makes one error per cell; hundreds of lines say one thing. The first
error of each (file, column, code) is shown whole (its line, caret, hint), followed by one
line naming the first ``first`` rows of the kind and ``另有 N 条同类`` — the words the
warnings report (:func:`.terminal.report`) uses. Every error stays in the data
(``RubricEngineError.problems``); only what reaches the terminal is grouped.
"""
from __future__ import annotations

from typing import Iterable

from ..messages import join, text


def _group_key(problem) -> tuple | None:
    location = problem.location
    if location is None or not location.line or not location.column_name:
        return None  # not a table cell: its own entry
    return problem.severity, problem.code, location.file, location.column_name


def group_table_errors(problems: Iterable) -> list[list]:
    """The problems in order of first appearance, those of one (file, column, code) in one group."""
    groups: list[list] = []
    index: dict[tuple, list] = {}
    for problem in problems:
        key = _group_key(problem)
        if key is None:
            groups.append([problem])
            continue
        group = index.get(key)
        if group is None:
            group = index[key] = []
            groups.append(group)
        group.append(problem)
    return groups


def rendered_groups(problems: Iterable, *, first: int = 10) -> list[tuple[str, bool]]:
    """(text, is_error) per group: the first problem rendered, then the rows of its kind when it has company."""
    shown = []
    for group in group_table_errors(problems):
        lead = group[0]
        lines = lead.render().split("\n")
        if len(group) > 1:
            rows = join(p.location.line for p in group[:first])
            summary = "    " + text("terminal.errors.same_rows", count=len(group), rows=rows)
            if len(group) > first:
                summary += text("terminal.errors.separator") + text("terminal.report.more", count=len(group) - first,
                                                                    code=lead.code)
            hint_at = next((i for i, line in enumerate(lines) if i and line.startswith("    ")
                            and lead.hint_text and lead.hint_text in line), len(lines))
            lines.insert(hint_at, summary)
        shown.append(("\n".join(lines), lead.is_error))
    return shown
