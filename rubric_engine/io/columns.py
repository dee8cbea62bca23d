"""A table's columns by meaning: headers mapped to column ids, values parsed column by column.

Parsing works on the distinct values of a column (a mark column of a million rows
holds a few dozen different texts), so each cell costs one dict lookup; a cell's
location is made only when a message needs it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from ..errors import Location, Problem, ProblemList, did_you_mean
from ..language.wording import Joined
from ..messages import Message
from .tables import Cell, Table, cell_text
from .values import CellError


class Columns:
    """The columns of ``table`` that the reader knows, by column id."""

    def __init__(self, table: Table, index: dict[str, int], unknown: dict[str, Problem] | None = None):
        self.table, self.index = table, index
        self.unknown = unknown or {}  # header -> the problem reported for it (a reader may replace it)

    def __len__(self) -> int:
        return len(self.table)

    def has(self, column: str) -> bool:
        return column in self.index

    def raw(self, column: str) -> list:
        return self.table.columns[self.index[column]]

    def texts(self, column: str) -> list[str]:
        """Each cell's text (stripped; ``""`` where empty or where the column is absent)."""
        if column not in self.index:
            return [""] * len(self.table)
        values = self.raw(column)
        if set(map(type, values)) == {str}:  # no hashing of a million texts to learn their type
            return list(map(str.strip, values))
        return [cell_text(v) for v in values]

    def location(self, row: int, column: str | None = None) -> Location:
        """The cell's location, or the row's when the column is absent."""
        if column is None or column not in self.index:
            return self.table.location(row)
        return self.table.location(row, self.index[column])

    def cell(self, row: int, column: str) -> Cell | None:
        return self.table.cell(row, self.index[column]) if column in self.index else None

    def parse(self, column: str, parser: Callable[[Cell], Any], problems: ProblemList,
              skip_blank: bool = True) -> list:
        """``parser`` applied to each cell, once per distinct value; errors located per row.

        A cell that fails gives ``None`` and an error at its own row; a blank cell gives
        ``None`` without a message when ``skip_blank``.
        """
        values = self.raw(column)
        outcomes: dict[Any, Any] = {}
        failed: dict[Any, Problem] = {}
        for value in set(values):
            if skip_blank and not cell_text(value):
                outcomes[value] = None
                continue
            try:
                outcomes[value] = parser(Cell(value, Location("")))
            except CellError as exc:
                outcomes[value] = None
                failed[value] = exc.problem
        if failed:
            for row, value in enumerate(values):
                if value in failed:
                    problems.problems.append(replace(failed[value], location=self.location(row, column)))
        return [outcomes[v] for v in values]


def map_headers(table: Table, known: dict[str, str], problems: ProblemList, required=(),
                extra: dict[str, str] | None = None, unknown_is_error: bool = False) -> Columns:
    """Map headers (ids or labels) to column ids; report missing and unknown columns."""
    names = {**{k: k for k in known}, **{v: k for k, v in known.items()}}
    if extra:
        names.update(extra)
    lowered = {k.lower(): v for k, v in names.items()}
    index: dict[str, int] = {}
    unknown: dict[str, Problem] = {}
    for position, header in enumerate(table.headers):
        column_id = names.get(header) or lowered.get(header.lower())
        if column_id is None:
            location = Location(str(table.path), table.header_line, position + 1, column_name=header)
            hint = did_you_mean(header, names) or Message("data.column.known", columns=Joined(sorted(known)))
            if unknown_is_error:
                problems.error(Message("data.column:unknown", header=header), location, code="data.column",
                               hint=hint)
            else:
                problems.warning(Message("data.column:unused", header=header), location, code="data.column",
                                 hint=hint)
            unknown[header] = problems.problems[-1]
            continue
        if column_id in index:
            problems.error(Message("data.column:twice", column=column_id),
                           Location(str(table.path), 1, position + 1), code="data.column")
        index[column_id] = position
    for column in required:
        if column not in index:
            problems.add("error", "data.column:missing", Location(str(table.path), 1), column=column,
                         label=known.get(column, column))
    return Columns(table, index, unknown)


def row_order(problem: Problem) -> float:
    """Sort key: a table's problems row by row; those about the whole file last."""
    return problem.location.line if problem.location and problem.location.line else float("inf")
