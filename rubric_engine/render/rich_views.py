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
from .sections import sections

_STYLES = {"✓": "green", "✗": "bold red", "?": "yellow", "–": "dim"}


def _table(title: str, headers, rows) -> Table:
    table = Table(title=cell(title), title_justify="left", show_lines=False)
    for header in headers:
        table.add_column(cell(header), overflow="fold")
    for row in rows:
        cells = []
        for value in row:
            text = "" if value is None else str(value)
            cells.append(cell(text, _STYLES.get(text[:1], "")))
        table.add_row(*cells)
    return table


def renderables(document: dict, kind: str, **options) -> Iterable:
    if kind == "explain":
        subject = document["entry"]["id"] if "entry" in document else document["unit"]["name"]
        table = Table(title=cell(text("terminal.explain.title", subject=subject)), title_justify="left",
                      show_header=False)
        table.add_column(text("results.header.step"), style="bold", no_wrap=True)
        table.add_column(text("results.header.detail"), overflow="fold")
        for step, detail in tabular.explain_lines(document):
            table.add_row(cell(step), cell(detail))
        yield table
        return
    if kind == "check":
        from .check_view import check_renderables

        yield from check_renderables(document, **options)
        return
    for title, section, on_terminal in sections(kind):
        if not on_terminal:
            continue  # 180 rows on a terminal help nobody (they are in xlsx, csv, html); warnings go to stderr
        headers, rows = section(document)
        if rows:
            yield _table(title, headers, rows)


def render_table(document: dict, kind: str, **view) -> bytes:
    """The terminal view as plain text (what `rubric` prints on a terminal), 160 columns wide."""
    import io

    from .terminal import console as make_console

    stream = io.StringIO()
    console = make_console(file=stream, width=160, plain=True)
    for renderable in renderables(document, kind, **view):
        console.print(renderable)
    return stream.getvalue().encode("utf-8")
