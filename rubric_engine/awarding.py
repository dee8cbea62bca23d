"""What an award strategy works with: standings in, an outcome out (part of the public face).

The engine (``engine/awards.py``) runs the strategies in rubric order; a strategy, built-in
or a plugin's, sees only the types here and the :class:`AwardContext` protocol.
"""
from __future__ import annotations

import heapq
from operator import itemgetter
from dataclasses import dataclass, field
from fractions import Fraction
from collections.abc import Mapping
from typing import Any, Callable, Hashable, Iterable, Protocol

from .messages import Message


class EntryVotes(Mapping):
    """One entry's votes by category, read from the contest's tables (category -> entry -> votes):
    a read-only mapping as a dict would give, 0 for an entry without votes. A dict per entry
    cost ~300 bytes for 100 000 entries; this view holds two references."""

    __slots__ = ("_entry", "_by_category")

    def __init__(self, entry: str, by_category: Mapping[str, Mapping[str, int]]):
        self._entry, self._by_category = entry, by_category

    def __getitem__(self, category: str) -> int:
        return self._by_category[category].get(self._entry, 0)

    def get(self, category: str, default=None):
        by_entry = self._by_category.get(category)
        return default if by_entry is None else by_entry.get(self._entry, 0)

    def __iter__(self):
        return iter(self._by_category)

    def __len__(self) -> int:
        return len(self._by_category)

    def __repr__(self) -> str:
        return repr(dict(self))


class EntryAttributes(Mapping):
    """One entry's attributes: the entries table's extra columns by header as written (新人 → True), a
    read-only mapping; a value is a bool (是/否 columns), an exact number, a text, or None (an empty cell)."""

    __slots__ = ("_entry", "_columns")

    def __init__(self, entry: str, columns: Mapping[str, Any]):
        self._entry, self._columns = entry, columns  # header -> rubric_engine.data.attributes.Attribute

    def __getitem__(self, header: str):
        return self._columns[header].values.get(self._entry)

    def __iter__(self):
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __repr__(self) -> str:
        return repr(dict(self))


_NO_ATTRIBUTES: Mapping[str, Any] = {}


@dataclass(slots=True)
class Standing:
    """An entry's place in the contest, as award strategies see it.

    ``rank`` is the contest's final rank; within an award that has ``eligible:`` (or while some entry is
    ``ineligible``) a strategy's pool (``context.eligible``) holds only the entries that may win it, and
    ``pool_places(context.eligible)`` gives their places among themselves."""

    id: str
    unit: str
    final: Fraction
    rank: int | None  # None: disqualified
    tie_key: tuple
    votes: Mapping[str, int]  # by vote category (a dict, or an EntryVotes view)
    disqualified: bool = False
    attributes: Mapping[str, Any] = field(default_factory=lambda: _NO_ATTRIBUTES)  # entry.<header> values
    ineligible: tuple = ()  # why a check of severity ``ineligible`` keeps it from every award (Messages)


@dataclass
class AwardOutcome:
    """The winners of one award; ``reasons`` says why each won; ``notes`` flag ties.

    Reasons and notes are :class:`Message` values (a key and its fields), worded only when
    shown; a plain string is accepted from older plugins and shown as it is.
    """

    award: str
    winners: list[str] = field(default_factory=list)
    reasons: dict[str, Message | str] = field(default_factory=dict)  # by winner
    notes: list[Message | str] = field(default_factory=list)
    scores: dict[str, Any] = field(default_factory=dict)  # by candidate: the value it was ranked by
    tied: list[str] = field(default_factory=list)  # winners sharing their place with another winner (并列)
    places: int | None = None  # the places given out (``count``, or its share worked out); None: no count applies
    # places freed after the strategy decided (a forfeit, a one_award_per clash) and who took them:
    # [{"entry", "cause": "forfeit" | "clash", "kept"?, "shared"?, "note"?, "by": [...], "vacant": bool}]
    replaced: list[dict] = field(default_factory=list)


class AwardContext(Protocol):
    """The ``context`` argument of ``decide(award, context)`` and ``explain(award, context, subject)``."""

    rubric: Any  # the loaded rubric: awards, voting categories, unit metrics
    data: Any  # the contest data: entries, units, votes
    standings: list[Standing]  # every entry, best first
    outcomes: list[AwardOutcome]  # the awards decided so far, in rubric order

    @property
    def eligible(self) -> list[Standing]:
        """The standings that may win (not disqualified, not ineligible, meeting the award's ``eligible:``),
        best first."""

    def once(self, key: str, compute: Callable[[Any], Any]) -> Any:
        """``compute(context)``, computed once per evaluation and shared by every award."""

    def votes_in(self, category: str) -> Mapping[str, int]:
        """entry id -> its votes in the vote ``category`` (0, or absent, for none): one column for a strategy
        that reads every entry's votes (``standing.votes[category]`` is the same number, entry by entry)."""

    def excluded_for(self, award: Any) -> set[str]:
        """The winners already taken by the award's exclusive group."""

    def places(self, award: Any) -> int:
        """The award's places: its ``count``, or (``count: 10%``) that share of the eligible entries,
        rounded half up, at least 1."""

    def earlier(self, strategy: str, before: Any) -> list[Any]:
        """The awards of ``strategy`` that come before ``before`` in the rubric."""

    def outcome(self, award: Any) -> AwardOutcome:
        """The outcome of ``award`` (once it is decided)."""


def pool_places(pool):
    """(standing, place) in a pool given best first: competition places (1, 2, 2, 4) by final rank."""
    place, previous = 0, None
    for index, standing in enumerate(pool, start=1):
        if standing.rank != previous:
            place, previous = index, standing.rank
        yield standing, place


def pick_top(candidates: Iterable[tuple[str, Hashable]], count: int, exclude: set = frozenset()):
    """The best ``count`` candidates by key (higher is better), skipping ``exclude``.

    Candidates tied with the last one taken share the award, so there may be more
    winners than ``count``. Returns (winners, note-or-None); the note is a :class:`Message`.
    """
    pool = [(c, k) for c, k in candidates if c not in exclude] if exclude else list(candidates)
    if len(pool) > count > 0:  # the count-th best key; all at or above it win (ties at the last place share)
        threshold = heapq.nlargest(count, map(itemgetter(1), pool))[-1]
        winners = [c for c, k in pool if k >= threshold]
    else:
        winners = [c for c, _ in pool] if count > 0 else []
    winners.sort()
    note = None
    if len(winners) > count:
        note = Message("results.award.tie", winners=len(winners), count=count)
    return winners, note
