"""Competition ranking ("1224"): equal keys share a rank, the next rank skips."""
from __future__ import annotations

import re
from typing import Callable, Hashable, Iterable, TypeVar

T = TypeVar("T")


def competition_ranks(items: Iterable[T], key: Callable[[T], Hashable]) -> dict[T, int]:
    """Rank ``items`` by ``key`` descending (higher is better); ties share a rank."""
    ordered = sorted(items, key=key, reverse=True)
    ranks: dict[T, int] = {}
    previous = object()
    rank = 0
    for position, item in enumerate(ordered, start=1):
        value = key(item)
        if value != previous:
            rank = position
            previous = value
        ranks[item] = rank
    return ranks


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> list:
    """Sort key that puts E2 before E10."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(text) if part]
