"""Deciding awards: strategies are plugins; exclusive groups and shared ties live here."""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Hashable, Iterable

from ..messages import text
from ..rubric.model import Award, Rubric
from ..data import ContestData
from .ranking import natural_key


@dataclass
class Standing:
    """An entry's place in the contest, as award strategies see it."""

    id: str
    unit: str
    final: Fraction
    rank: int | None  # None: disqualified
    tie_key: tuple
    votes: dict  # category -> int
    disqualified: bool = False


@dataclass
class AwardOutcome:
    """The winners of one award; ``reasons`` says why each won; ``notes`` flag ties."""

    award: str
    winners: list[str] = field(default_factory=list)
    reasons: dict = field(default_factory=dict)  # winner -> text
    notes: list[str] = field(default_factory=list)
    scores: dict = field(default_factory=dict)  # candidate -> the value it was ranked by
    tied: list[str] = field(default_factory=list)  # winners that share their place with another winner (并列)


@dataclass
class AwardContext:
    rubric: Rubric
    data: ContestData
    standings: list[Standing]
    outcomes: list[AwardOutcome] = field(default_factory=list)
    taken: dict = field(default_factory=dict)  # exclusive group -> set of winners
    shared: dict = field(default_factory=dict)  # what strategies compute once for all awards

    def once(self, key: str, compute):
        """``compute(self)``, computed once per evaluation (e.g. unit metrics for every unit award)."""
        if key not in self.shared:
            self.shared[key] = compute(self)
        return self.shared[key]

    @property
    def eligible(self) -> list[Standing]:
        """The standings that may win (not disqualified), best first."""
        return self.once("eligible", lambda context: [s for s in context.standings if not s.disqualified])

    def excluded_for(self, award: Award) -> set:
        return set(self.taken.get(award.exclusive_group, ())) if award.exclusive_group else set()

    def earlier(self, strategy: str, before: Award) -> list[Award]:
        """Awards of ``strategy`` that come before ``before`` in the rubric."""
        result = []
        for award in self.rubric.awards:
            if award.id == before.id:
                break
            if award.strategy == strategy:
                result.append(award)
        return result


def pick_top(candidates: Iterable[tuple[str, Hashable]], count: int, exclude: set = frozenset()):
    """The best ``count`` candidates by key (higher is better), skipping ``exclude``.

    Candidates tied with the last one taken share the award, so there may be more
    winners than ``count``. Returns (winners, note-or-None).
    """
    pool = [(c, k) for c, k in candidates if c not in exclude]
    if len(pool) > count > 0:  # the count-th best key; all at or above it win (ties at the last place share)
        threshold = heapq.nlargest(count, (k for _, k in pool))[-1]
        winners = [c for c, k in pool if k >= threshold]
    else:
        winners = [c for c, _ in pool] if count > 0 else []
    winners.sort()
    note = None
    if len(winners) > count:
        note = text("results.award.tie", winners=len(winners), count=count)
    return winners, note


def decide_awards(rubric: Rubric, data: ContestData, standings: list[Standing]) -> AwardContext:
    """Every award in rubric order; the context keeps the outcomes (and what strategies shared)."""
    context = AwardContext(rubric, data, standings)
    for award in rubric.awards:
        outcome = award.strategy_impl.decide(award, context)
        in_rank_order(award, outcome, context)
        context.outcomes.append(outcome)
        if award.exclusive_group:
            context.taken.setdefault(award.exclusive_group, set()).update(outcome.winners)
    return context



def in_rank_order(award: Award, outcome: AwardOutcome, context: AwardContext) -> None:
    """Winners in rank order, then id (SPEC §6): by the value the award ranked them by (``scores``,
    higher first) when the strategy gave one, then by final rank; ``ordered: false`` lists them by id.
    ``tied``: the winners whose place (that value, else the final rank) another winner shares."""
    rank = {s.id: s.rank for s in context.standings}
    numeric = all(isinstance(outcome.scores.get(w), (int, float, Fraction)) for w in outcome.winners)
    scores = outcome.scores if numeric else {}  # a plugin's own kind of score: rank order only

    def place(winner: str) -> tuple:
        score = scores.get(winner)
        return (-score if score is not None else 0, rank.get(winner) or 0)

    if award.ordered:
        outcome.winners = sorted(outcome.winners, key=lambda w: (place(w), natural_key(w)))
    else:
        outcome.winners = sorted(outcome.winners, key=natural_key)
    places = [scores.get(w) if scores else rank.get(w) for w in outcome.winners]
    outcome.tied = [w for w, p in zip(outcome.winners, places) if p is not None and places.count(p) > 1]
