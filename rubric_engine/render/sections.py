"""The tables of each kind of result document, by kind: one registry instead of a kind switch.

Every tabular format (csv, md, xlsx, the committee's html, the terminal) takes its tables
from here, so they never disagree. ``csv`` writes the first section of a kind. A new kind of
document, or a new table of an existing kind, is one :func:`register` call.

Who sees a section (issue 17): the terminal (the organiser's own screen) shows the
``terminal`` ones; every file output the ``files`` ones except the ``committee`` ones, which
only the committee's file (``--audit FILE``, kind ``audit``) has, beside all the others
(``public`` ones: there only, the committee's file has a fuller one).
"""
from __future__ import annotations

from typing import Any, Callable, NamedTuple

from ..messages import Message, text
from . import tabular, workbook_tables as sheets

TableFn = Callable[[dict], "tuple[list[str], list[list[Any]]]"]


class Section(NamedTuple):
    title: str  # sheet name / heading (registered as a catalogue Message, shown in the current language)
    table: TableFn
    terminal: bool = True  # shown on a terminal (long detail tables and warnings are not)
    files: bool = True  # written to files (csv, md, xlsx, html)
    audience: str = "all"  # "committee": only in the committee's file (--audit; judges' sheets, paths, warnings),
    #                      "public": only in the others (where the committee's file has a fuller one)


_SECTIONS: dict[str, list[Section]] = {}
AUDIT = "audit"  # the committee's document: the evaluate sections, the committee's among them, then its own


def register(kind: str, title: "str | Message", table: TableFn, *, terminal: bool = True, files: bool = True,
             audience: str = "all") -> None:
    _SECTIONS.setdefault(kind, []).append(Section(title, table, terminal, files, audience))


def _titled(found) -> list[Section]:
    return [section._replace(title=str(section.title)) for section in found]


def sections(kind: str) -> list[Section]:
    """The sections a file of ``kind`` has, titles in the current language: the public ones, or for
    ``audit`` every section of ``evaluate`` and the committee's own."""
    if kind == AUDIT:
        return _titled([s for s in _SECTIONS.get("evaluate", ()) if s.files and s.audience != "public"]
                       + _SECTIONS.get(AUDIT, []))
    return _titled(s for s in _SECTIONS.get(kind, ()) if s.files and s.audience != "committee")


def terminal_sections(kind: str) -> list[Section]:
    """The sections the terminal view of ``kind`` shows."""
    return _titled(s for s in _SECTIONS.get(kind, ()) if s.terminal)


def _explain_table(document: dict):
    return [text("results.header.step"), text("results.header.detail")], \
        [list(line) for line in tabular.explain_lines(document)]


register("evaluate", Message("results.section.results"), sheets.results_sheet, terminal=False)
register("evaluate", Message("results.section.results"), tabular.results_table, files=False)
register("evaluate", Message("sheets.section.panel_scores"), sheets.panel_scores_sheet, terminal=False)
register("evaluate", Message("sheets.section.judge_marks"), sheets.judge_sheets_sheet, terminal=False,
         audience="committee")
register("evaluate", Message("results.section.awards"), sheets.award_winners_sheet, terminal=False)
register("evaluate", Message("results.section.awards"), tabular.awards_table, files=False)
register("evaluate", Message("results.section.units"), tabular.units_table)
register("evaluate", Message("sheets.section.unit_composites"), tabular.unit_composites_table, terminal=False)
register("evaluate", Message("results.section.notes"), sheets.public_notes_table, terminal=False,
         audience="public")  # the terminal: lines below its tables
register("evaluate", Message("results.section.notes"), sheets.committee_notes_table, terminal=False,
         audience="committee")
register("evaluate", Message("results.section.warnings"), tabular.warnings_table, terminal=False,
         audience="committee")
register(AUDIT, Message("committee.section.inputs"), sheets.inputs_sheet, terminal=False)
register(AUDIT, Message("committee.section.verdicts"), sheets.verdicts_sheet, terminal=False)
register(AUDIT, Message("committee.section.skipped"), sheets.skipped_sheet, terminal=False)
register(AUDIT, Message("committee.section.phones"), sheets.phones_sheet, terminal=False)
register("check", Message("results.section.checks"), tabular.checks_table)
register("check", Message("results.section.reasons"), tabular.check_reasons_table)
register("check", Message("results.section.legend"), tabular.check_legend_table, terminal=False)
register("check", Message("results.section.warnings"), tabular.warnings_table, terminal=False)
register("explain", Message("results.section.explain"), _explain_table)
