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
from .terminal import cell
from .sections import terminal_sections

_STYLES = {"✓": "green", "✗": "bold red", "?": "yellow", "–": "dim"}


def _table(title: str, headers, rows) -> Table:
    """A plain table that keeps numbers on one line (right-aligned) and folds text by display width."""
    from rich import box

    table = Table(title=cell(title), title_justify="left", show_lines=False, box=box.SIMPLE_HEAD,
                  padding=(0, 1), show_edge=False)
    from rich.cells import cell_len

    for index, header in enumerate(headers):
        values = [row[index] for row in rows if row[index] is not None]
        widest = max((max(cell_len(line) for line in str(v).split("\n")) for v in values), default=0)
        numeric = bool(values) and all(isinstance(v, (int, float)) for v in values)
        if numeric:  # one line, as wide as the widest number or half the header
            width = max(widest, (cell_len(str(header)) + 1) // 2)
            table.add_column(cell(header), overflow="fold", justify="right", min_width=width, max_width=width)
        else:  # short texts (a unit's name) stay on one line; long ones fold
            table.add_column(cell(header), overflow="fold", min_width=widest if widest <= 20 else None)
    for row in rows:
        cells = []
        for value in row:
            text = "" if value is None else str(value)
            if isinstance(value, str) and "、" in text and max(map(cell_len, text.split("、"))) > 8:
                text = text.replace("、", "\n")  # a list (awards, units) one item a line, never cut mid-name
            cells.append(cell(text, _STYLES.get(text[:1], "")))
        table.add_row(*cells)
    return table


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
