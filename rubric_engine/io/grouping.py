"""Rows grouped by a column's value, in bulk: a column with few distinct values (panels, judges) is
split by one C-speed pass per value instead of a Python step per row (a million score rows)."""
from __future__ import annotations

from itertools import compress, repeat
from operator import eq

FEW = 16  # distinct values up to which one pass per value beats one Python step per row


def rows_by_value(column: list, rows: list[int] | None = None) -> dict:
    """value -> the rows holding it, ascending; values in order of first appearance. ``rows``: the row
    numbers to hand out (a list as long as ``column``), so that their int objects are shared, not made again
    (a million fresh ints were 32 MB while reading)."""
    source = rows if rows is not None else range(len(column))
    values = list(dict.fromkeys(column))
    if len(values) > FEW:
        groups: dict = {value: [] for value in values}
        for row, value in zip(source, column):
            groups[value].append(row)
        return groups
    if len(values) == 1:
        return {values[0]: list(source)}
    return {value: list(compress(source, map(eq, repeat(value), column))) for value in values}


def entries_by_judge(judges: list[str], entries: list[str]) -> dict[str, set[str]]:
    """judge -> the set of entries on their sheets; judges in order of first appearance."""
    names = list(dict.fromkeys(judges))
    if len(names) > FEW:
        scored: dict[str, set[str]] = {}
        for judge, entry in zip(judges, entries):
            scored.setdefault(judge, set()).add(entry)
        return scored
    return {name: set(compress(entries, map(eq, repeat(name), judges))) for name in names}
