"""Running the award strategies: in rubric order, exclusive groups and shared work kept here.

The types a strategy sees (:class:`Standing`, :class:`AwardOutcome`, ``pick_top``) are the
public face's (``rubric_engine.awarding``); this module only runs the strategies.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..awarding import AwardOutcome, Standing  # noqa: F401 - evaluate.py imports them from here
from ..data import ContestData
from ..rubric.model import Award, Rubric
from .cascades import decide_all
from .ranking import natural_key


@dataclass
class AwardContext:
    """What every strategy sees; satisfies :class:`rubric_engine.awarding.AwardContext`."""

    rubric: Rubric
    data: ContestData
    standings: list[Standing]
    outcomes: list[AwardOutcome] = field(default_factory=list)
    taken: dict[str, set] = field(default_factory=dict)  # by exclusive group: its winners so far
    shared: dict = field(default_factory=dict)  # what strategies compute once for all awards
    removed: set = field(default_factory=set)  # out of the current award's pool: places freed (cascades.py)

    def once(self, key: str, compute):
        """``compute(self)``, computed once per evaluation (e.g. unit metrics for every unit award)."""
        if key not in self.shared:
            self.shared[key] = compute(self)
        return self.shared[key]

    @property
    def eligible(self) -> list[Standing]:
        """The standings that may win (not disqualified), best first."""
        pool = self.once("eligible", lambda context: [s for s in context.standings if not s.disqualified])
        return [s for s in pool if s.id not in self.removed] if self.removed else pool

    def excluded_for(self, award: Award) -> set:
        """The group's earlier winners where the strategy skips them itself (one award per entry, refilled:
        the next best takes the place); every other clash is the cascade's (cascades.py)."""
        group = award.exclusive_group
        skip = self.removed  # a unit strategy reads no pool of standings: it skips them
        if group and self.rubric.award_group(group).skips_winners:
            return set(self.taken.get(group, ())) | skip
        return set(skip)

    def places(self, award: Award) -> int:
        return award.places_among(len(self.once("eligible", lambda c: [s for s in c.standings
                                                                        if not s.disqualified])))

    def earlier(self, strategy: str, before: Award) -> list[Award]:
        """Awards of ``strategy`` that come before ``before`` in the rubric."""
        result = []
        for award in self.rubric.awards:
            if award.id == before.id:
                break
            if award.strategy == strategy:
                result.append(award)
        return result

    def outcome(self, award: Award) -> AwardOutcome:
        return self.outcomes[[a.id for a in self.rubric.awards].index(award.id)]


def decide_awards(rubric: Rubric, data: ContestData, standings: list[Standing]) -> AwardContext:
    """Every award in rubric order; the context keeps the outcomes (and what strategies shared)."""
    return decide_all(lambda: AwardContext(rubric, data, standings), decide_one, in_rank_order,
                      getattr(data, "forfeits", ()))


def decide_one(award: Award, context: AwardContext) -> AwardOutcome:
    """One strategy's decision, its winners in rank order and its places noted."""
    outcome = award.strategy_impl.decide(award, context)
    if outcome.places is None and award.strategy_impl.counted:
        outcome.places = context.places(award)
    in_rank_order(award, outcome, context)
    return outcome


def in_rank_order(award: Award, outcome: AwardOutcome, context: AwardContext) -> None:
    """Winners in rank order, then id (SPEC §6): by the value the award ranked them by (``scores``,
    higher first) when the strategy gave one, then by final rank; ``ordered: false`` lists them by id.
    ``tied``: the winners whose place (that value, else the final rank) another winner shares."""
    ranks = lambda c: {s.id: s.rank for s in c.standings}  # noqa: E731
    once = getattr(context, "once", None)  # once per evaluation, not per award (a bare context: each time)
    rank = once("rank_by_id", ranks) if once is not None else ranks(context)
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
