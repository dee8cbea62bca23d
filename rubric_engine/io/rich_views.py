"""Rich renderables for a result document: the terminal view of every command."""
from __future__ import annotations

from typing import Iterable

from rich.table import Table
from rich.text import Text

from . import tabular
from .writers import _sections

_STYLES = {"✓": "green", "✗": "bold red", "?": "yellow", "–": "dim"}


def _table(title: str, headers, rows) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for header in headers:
        table.add_column(str(header), overflow="fold")
    for row in rows:
        cells = []
        for cell in row:
            text = "" if cell is None else str(cell)
            cells.append(Text(text, style=_STYLES.get(text[:1], "")) if text[:1] in _STYLES else text)
        table.add_row(*cells)
    return table


def renderables(document: dict, kind: str) -> Iterable:
    if kind == "explain":
        table = Table(title=f"{document['entry']['id']} 的得分推导", title_justify="left", show_header=False)
        table.add_column("步骤", style="bold")
        table.add_column("说明", overflow="fold")
        for step, text in tabular.explain_lines(document):
            table.add_row(step, text)
        yield table
        return
    for title, section in _sections(document, kind):
        if section is tabular.panel_details_table:
            continue  # 180 rows on a terminal help nobody: it is in the xlsx, csv and html outputs
        headers, rows = section(document)
        if rows:
            yield _table(title, headers, rows)
