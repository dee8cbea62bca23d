"""One item, one factor: every row of an entry's item (a dive, an element) must give the same ``factor``."""
from __future__ import annotations

from fractions import Fraction


def disagreeing_factors(rows: list[int], entries: list[str], items: list[str], factors: list[Fraction]) -> list[tuple]:
    """(row, first row, entry, item, factor, first factor) for each row whose factor differs from the one the
    first row of the same (entry, item) gave."""
    first: dict[tuple, tuple[int, Fraction]] = {}
    found = []
    for row, entry, item, factor in zip(rows, entries, items, factors):
        seen = first.setdefault((entry, item), (row, factor))
        if seen[1] != factor:
            found.append((row, seen[0], entry, item, factor, seen[1]))
    return found
