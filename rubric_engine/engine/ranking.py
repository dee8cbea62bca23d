"""Competition ranking ("1224"): equal keys share a rank, the next rank skips."""
from __future__ import annotations

import re
from typing import Callable, Hashable, Iterable, TypeVar

T = TypeVar("T")


def competition_ranks(items: Iterable[T], key: Callable[[T], Hashable]) -> dict[T, int]:
    """Rank ``items`` by ``key`` descending (higher is better); ties share a rank."""
    items = list(items)
    keys = list(map(key, items))  # each key once (the sort and the tie test read the same list)
    ranks: dict[T, int] = {}
    previous = object()
    rank = 0
    for position, index in enumerate(sorted(range(len(items)), key=keys.__getitem__, reverse=True), start=1):
        value = keys[index]
        if value != previous:
            rank = position
            previous = value
        ranks[items[index]] = rank
    return ranks


def ranks_by_key_and_head(keys: list[tuple]) -> tuple[list[int], list[int]]:
    """Competition ranks by the whole key and by its first element, index by index, from one sort: in the
    order of the whole key (descending) the first elements fall too, so a place where the first element
    changes is its rank (an evaluation's tie keys start with the final)."""
    ranks, heads = [0] * len(keys), [0] * len(keys)
    rank = head_rank = 0
    previous = previous_head = object()
    for position, index in enumerate(sorted(range(len(keys)), key=keys.__getitem__, reverse=True), start=1):
        key = keys[index]
        if key != previous:
            rank, previous = position, key
            if key[0] != previous_head:
                head_rank, previous_head = position, key[0]
        ranks[index], heads[index] = rank, head_rank
    return ranks, heads


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> list:
    """Sort key that puts E2 before E10."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(text) if part]
