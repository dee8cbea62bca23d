"""Rich renderables for a result document: the terminal view of every command.

User data never reaches Rich as a string it could read as markup or emoji: every cell and
title is a ``Text`` made by :func:`terminal.cell`. Warnings are not a table here: they go to
stderr, grouped by kind (:func:`terminal.report`).
"""
from __future__ import annotations

from typing import Iterable

from rich.table import Table

from ..messages import text
from . import tabular
from .fit import FittedTable
from .terminal import cell, visible_lines
from .sections import terminal_sections

_STYLES = {"✓": "green", "✗": "bold red", "?": "yellow", "–": "dim"}


def _table(title: str, headers, rows):
    """A table laid out for the terminal's width: numbers right-aligned on one line, no id or number
    split (:class:`.fit.FittedTable`); a list (awards, units, winners) one item a line when an item is
    long, so a name is never cut."""
    from rich import box
    from rich.cells import cell_len

    from ..messages import join

    separator = join(["", ""])
    numeric = []
    for index in range(len(headers)):
        values = [row[index] for row in rows if row[index] not in (None, "")]
        numeric.append(bool(values) and all(isinstance(v, (int, float)) for v in values))
    shown, styles = [], []
    for row in rows:
        cells, row_styles = [], []
        for value in row:
            text_value = "" if value is None else str(value)  # made visible by the table
            if isinstance(value, str) and separator in text_value:
                items = text_value.split(separator)
                if max(map(cell_len, items)) > 8 or any(" " in item for item in items):
                    text_value = "\n".join(items)  # one a line: "E041（并列）", "E041 (tied)" stay whole
            cells.append(text_value)
            row_styles.append(_STYLES.get(text_value[:1], ""))
        shown.append(cells)
        styles.append(row_styles)
    whole = [all(cell_len(line) <= 20 for row in shown for line in row[i].split("\n")) for i in range(len(headers))]
    return FittedTable(title, headers, shown, numeric=numeric, whole=whole, styles=styles, clean=visible_lines, box=box.SIMPLE_HEAD,
                       padding=(0, 1), show_edge=False)


def renderables(document: dict, kind: str, **options) -> Iterable:
    from .terminal import Paragraph

    if kind == "explain":
        subject = document["entry"]["id"] if "entry" in document else document["unit"]["name"]
        table = Table(title=cell(text("terminal.explain.title", subject=subject)), title_justify="left",
                      show_header=False)
        table.add_column(text("results.header.step"), style="bold", no_wrap=True)
        table.add_column(text("results.header.detail"), overflow="fold")
        for step, detail in tabular.explain_lines(document):
            table.add_row(cell(step), Paragraph(detail))  # wrapped by display width, not only at spaces
        yield table
        return
    if kind == "check":
        from .check_view import check_renderables

        yield from check_renderables(document, **options)
        return
    for title, section, *_ in terminal_sections(kind):  # 180 rows on a terminal help nobody (xlsx has them)
        if section is tabular.results_table:
            from .results_view import ResultsTable

            yield ResultsTable(document, title)  # laid out for the terminal's width
            continue
        headers, rows = section(document)
        if rows:
            yield _table(title, headers, rows)
    if kind == "evaluate":
        for index, line in enumerate(tabular.notes(document)):
            yield Paragraph(line, "yellow" if index == 0 and document.get("provisional") else "dim")


def render_table(document: dict, kind: str, **view) -> bytes:
    """The terminal view as plain text (what `rubric` prints on a terminal), 160 columns wide."""
    import io

    from .terminal import console as make_console

    stream = io.StringIO()
    console = make_console(file=stream, width=160, plain=True)
    for renderable in renderables(document, kind, **view):
        console.print(renderable)
    return stream.getvalue().encode("utf-8")
