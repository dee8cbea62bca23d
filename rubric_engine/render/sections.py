"""The tables of each kind of result document, by kind: one registry instead of a kind switch.

Every tabular format (csv, md, xlsx, the committee's html, the terminal) takes its tables
from here, so they never disagree. ``csv`` writes the first section of a kind. A new kind of
document, or a new table of an existing kind, is one :func:`register` call.
"""
from __future__ import annotations

from typing import Any, Callable, NamedTuple

from . import tabular

TableFn = Callable[[dict], "tuple[list[str], list[list[Any]]]"]


class Section(NamedTuple):
    title: str  # sheet name / heading
    table: TableFn
    terminal: bool = True  # shown on a terminal (long detail tables and warnings are not)


_SECTIONS: dict[str, list[Section]] = {}


def register(kind: str, title: str, table: TableFn, *, terminal: bool = True) -> None:
    _SECTIONS.setdefault(kind, []).append(Section(title, table, terminal))


def sections(kind: str) -> list[Section]:
    return list(_SECTIONS.get(kind, ()))


def _explain_table(document: dict):
    return ["步骤", "说明"], [list(line) for line in tabular.explain_lines(document)]


register("evaluate", "结果", tabular.results_table)
register("evaluate", "评分明细", tabular.panel_details_table, terminal=False)
register("evaluate", "奖项", tabular.awards_table)
register("evaluate", "单位", tabular.units_table)
register("evaluate", "说明", tabular.notes_table, terminal=False)  # on a terminal: lines below the tables
register("evaluate", "提示", tabular.warnings_table, terminal=False)
register("check", "检查", tabular.checks_table)
register("check", "原因", tabular.check_reasons_table)
register("check", "图例", tabular.check_legend_table, terminal=False)
register("check", "提示", tabular.warnings_table, terminal=False)
register("explain", "推导", _explain_table)
