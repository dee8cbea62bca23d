"""``rubric evaluate`` on a terminal: the results table laid out for the console's width.

Ids and numbers never wrap; the 作品名称 and 参赛单位 are shortened with an ellipsis by
display width (a CJK character takes two columns); awards stand one per line. When the
terminal is too narrow for every column (80 columns cannot hold ten), the 参赛单位 and then
the panel columns are left out — said below the table, never silently.
"""
from __future__ import annotations

from typing import Iterable

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.table import Table

from ..messages import join, text
from . import tabular
from .check_view import shorten
from .fit import header_min
from .terminal import Paragraph, cell, visible


TITLE_MIN, TITLE_MAX, UNIT_MIN = 16, 30, 12
_PAD = 3  # each column's padding (one space either side) and the divider between columns


def _text(value) -> str:
    return visible("" if value is None else value)


class ResultsTable:
    """The results table, built for the width it is printed at."""

    def __init__(self, document: dict, title: str):
        self.document, self.title_text = document, title
        self.headers, rows = tabular.results_table(document)
        count = len(self.headers)
        self.title, self.unit, self.final = 2, 3, count - 3
        self.awards, self.review = count - 2, count - 1
        self.rows = []
        for row in rows:
            row = [_text(v) for v in row]
            row[self.awards] = "\n".join(row[self.awards].split(join(["", ""])))  # one award a line, any language
            row[self.review] = tabular.text("results.review") if row[self.review] else ""
            self.rows.append(row)

    def _natural(self, i: int) -> int:
        lines = [line for row in self.rows for line in row[i].split("\n")]
        widest = max((cell_len(line) for line in lines), default=0)
        if i in (self.title, self.unit):
            return min(TITLE_MAX, max(widest, cell_len(self.headers[i])))
        return max(widest, header_min(self.headers[i]))  # a long header wraps, never inside a word

    def layout(self, width: int) -> tuple[dict[int, int], list[str]]:
        """Column index → width for the columns shown; the headers of those left out."""
        widths = {i: self._natural(i) for i in range(len(self.headers))}
        if not any(row[self.review] for row in self.rows):
            del widths[self.review]
        panels = list(range(4, self.final))  # the panels, then 规范性
        steps = [("shrink", self.unit), ("shrink", self.title), ("drop", self.unit),
                 *[("drop", i) for i in reversed(panels)]]
        left_out = []
        for action, i in steps:
            if sum(widths.values()) + _PAD * len(widths) - 1 <= width:
                break
            if action == "shrink":
                widths[i] = min(widths[i], TITLE_MIN if i == self.title else UNIT_MIN)
            else:
                del widths[i]
                left_out.append(self.headers[i])
        spare = width - sum(widths.values()) - _PAD * len(widths) + 1
        if spare > 0:  # give back to the title what it lost, as far as there is room
            back = max(0, min(spare, self._natural(self.title) - widths[self.title]))
            widths[self.title] += back
            spare -= back
        for i in widths:  # then room for headers on one line
            grow = max(0, min(spare, cell_len(self.headers[i]) - widths[i]))
            widths[i] += grow
            spare -= grow
        return widths, left_out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable:
        widths, left_out = self.layout(options.max_width)
        table = Table(title=cell(self.title_text), title_justify="left", box=box.SIMPLE_HEAD,
                      padding=(0, 1), show_edge=False)
        for i, width in widths.items():
            numeric = i not in (1, self.title, self.unit, self.awards, self.review)
            table.add_column(cell(self.headers[i]), width=width, justify="right" if numeric else "left",
                             overflow="fold")  # values fit their width; only a long header wraps
        for row in self.rows:
            cells = []
            for i, width in widths.items():
                value = shorten(row[i], width) if i in (self.title, self.unit) else row[i]
                cells.append(cell(value, "yellow" if i == self.review and value else ""))
            table.add_row(*cells)
        yield table
        if left_out:
            yield Paragraph(text("results.left_out", width=options.max_width,
                                                                columns=join(left_out)), "dim")
