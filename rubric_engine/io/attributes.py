"""The entries table's extra columns kept as entry attributes (``entry.<header>``), typed per column."""
from __future__ import annotations

from typing import Iterable

from ..data.attributes import Attribute, typed_column
from ..errors import ProblemList
from .tables import cell_text


def entry_attributes(table, cols, ids: list[str], kept: Iterable[str], rubric, problems: ProblemList) -> dict:
    """Each header the reader does not know becomes an :class:`Attribute`; the "not used by the rubric"
    warning stays only for the columns no expression of the rubric reads."""
    used = getattr(rubric, "attributes_used", frozenset())
    kept = set(kept)
    attributes = {}
    for header, problem in cols.unknown.items():
        position = table.headers.index(header)
        texts = [cell_text(v) for v in table.columns[position]]
        kind, values = typed_column(header, texts)
        by_entry, lines = {}, {}
        for row, entry_id in enumerate(ids):
            if entry_id in kept and entry_id not in by_entry:
                by_entry[entry_id], lines[entry_id] = values[row], table.lines[row]
        attributes[header] = Attribute(header, kind, by_entry, str(table.path), position + 1, lines)
        if header in used and problem in problems.problems:
            problems.problems.remove(problem)
    return attributes
