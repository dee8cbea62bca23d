"""The tables of each kind of result document, by kind: one registry instead of a kind switch.

Every tabular format (csv, md, xlsx, the committee's html, the terminal) takes its tables
from here, so they never disagree. ``csv`` writes the first section of a kind. A new kind of
document, or a new table of an existing kind, is one :func:`register` call.
"""
from __future__ import annotations

from typing import Any, Callable, NamedTuple

from ..messages import Message, text
from . import tabular

TableFn = Callable[[dict], "tuple[list[str], list[list[Any]]]"]


class Section(NamedTuple):
    title: str  # sheet name / heading (registered as a catalogue Message, shown in the current language)
    table: TableFn
    terminal: bool = True  # shown on a terminal (long detail tables and warnings are not)


_SECTIONS: dict[str, list[Section]] = {}


def register(kind: str, title: "str | Message", table: TableFn, *, terminal: bool = True) -> None:
    _SECTIONS.setdefault(kind, []).append(Section(title, table, terminal))


def sections(kind: str) -> list[Section]:
    """The sections of ``kind``, their titles in the current language."""
    return [section._replace(title=str(section.title)) for section in _SECTIONS.get(kind, ())]


def _explain_table(document: dict):
    return [text("results.header.step"), text("results.header.detail")], \
        [list(line) for line in tabular.explain_lines(document)]


register("evaluate", Message("results.section.results"), tabular.results_table)
register("evaluate", Message("results.section.panel_details"), tabular.panel_details_table, terminal=False)
register("evaluate", Message("results.section.awards"), tabular.awards_table)
register("evaluate", Message("results.section.units"), tabular.units_table)
register("evaluate", Message("results.section.warnings"), tabular.warnings_table, terminal=False)
register("check", Message("results.section.checks"), tabular.checks_table)
register("check", Message("results.section.reasons"), tabular.check_reasons_table)
register("check", Message("results.section.warnings"), tabular.warnings_table, terminal=False)
register("explain", Message("results.section.explain"), _explain_table)
