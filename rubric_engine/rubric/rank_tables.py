"""Rank tables: ``rank_tables:`` defined once and named by a panel's ``rank_table``, and their lint.

A panel's ``rank_table`` is either a table written inline (``"1 -> 12; 2 -> 10; 3.. -> 0"``) or
the name of a ``rank_tables:`` entry (``eurovision``). Each table is linted once, where it is
written: a rank with no rule between two covered ranks, or a rank covered twice, is an error;
a table with no open last rule is a warning (later ranks get 0 points); points that rise as the
rank gets worse are a warning.
"""
from __future__ import annotations

import re

from ..errors import Problem, did_you_mean
from ..language import RankTable, compile_rank_table
from ..language.units import format_number
from ..language.wording import Joined, rank_span, written
from ..messages import Message
from .yaml_source import YamlDocument

_NAME = re.compile(r"[^\W\d]\w*")  # what a rank_tables: name looks like (a table always has '->')


def named_tables(builder) -> dict[str, RankTable]:
    """``rank_tables:`` compiled, by name (an entry that does not compile is reported and left out)."""
    result = {}
    for name in builder.data.get("rank_tables", {}) or {}:
        table = builder.expression(compile_rank_table, ("rank_tables", name))
        if table is not None:
            result[name] = table
    return result


def panel_table(builder, path: tuple, named: dict[str, RankTable]) -> tuple[RankTable | None, str]:
    """The table at ``path`` (a panel's ``rank_table``) and the name it referenced ("" when inline)."""
    text = str(builder._get(path)).strip()
    if _NAME.fullmatch(text):
        if text in named:
            return named[text], text
        declared = list(builder.data.get("rank_tables", {}) or {})
        if text not in declared:  # declared but broken: already reported where it is written
            what = Message("rubric.reference.rank_table")
            builder.error("rubric.reference", path,
                          did_you_mean(text, declared) or (Message("rubric.reference.known", what=what,
                                                                   names=Joined(declared)) if declared
                                                           else Message("rubric.reference.none", what=what)),
                          what=what, name=written(text))
        return None, text
    return builder.expression(compile_rank_table, path), ""


def lint_rank_tables(rubric, doc: YamlDocument) -> list[Problem]:
    """Every ``rank_tables:`` entry, and every panel's inline table, linted where it is written."""
    problems = []
    for name, table in rubric.rank_tables.items():
        problems += lint_table(table, name, doc, ("rank_tables", name))
    for index, panel in enumerate(rubric.panels):
        if panel.rank_table is not None and not panel.rank_table_name:
            problems += lint_table(panel.rank_table, panel.label, doc, ("panels", index, "rank_table"))
    return problems


class _Span:
    """A span of ranks, worded when shown (第 3–5 名 / ranks 3–5)."""

    def __init__(self, first: int, last: int | None):
        self.first, self.last = first, last

    def __str__(self) -> str:
        return rank_span(self.first, self.last)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _problem(doc: YamlDocument, path: tuple, key: str, severity: str = "warning", **fields) -> Problem:
    message = Message(key, **fields)
    return Problem(severity, message.code, message, doc.location(path), message.hint())


def lint_table(table: RankTable, name: str, doc: YamlDocument, path: tuple) -> list[Problem]:
    """Gaps and overlaps (errors), no open last rule and rising points (warnings) of one table."""
    problems = []
    ordered = sorted(table.rules, key=lambda r: r.first)
    expected = 1  # the first rank no rule has covered yet; None once an open rule covers the rest
    for rule in ordered:
        if expected is None or rule.first < expected:
            problems.append(_problem(doc, path, "lint.rank_overlap", "error", panel=name, rank=rule.first))
        elif rule.first > expected:
            problems.append(_problem(doc, path, "lint.rank_gap", "error", panel=name,
                                     ranks=_Span(expected, rule.first - 1)))
        if expected is not None:
            expected = None if rule.last is None else max(expected, rule.last + 1)
    if expected is not None:
        problems.append(_problem(doc, path, "lint.rank_gap:open", panel=name, ranks=_Span(expected, None),
                                 first=expected))
    for before, after in zip(ordered, ordered[1:]):
        if after.points > before.points:
            problems.append(_problem(doc, path, "lint.rank_rises", panel=name, rank=after.first,
                                     points=format_number(after.points), better=before.first,
                                     better_points=format_number(before.points)))
    return problems
