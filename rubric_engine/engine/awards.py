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
from .eligibility import excluded_entries, ranked_among
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
    # award id -> entry id -> why it may not win that award (eligible: / a check of severity ineligible)
    ineligible: dict[str, dict] = field(default_factory=dict)

    def once(self, key: str, compute):
        """``compute(self)``, computed once per evaluation (e.g. unit metrics for every unit award)."""
        if key not in self.shared:
            self.shared[key] = compute(self)
        return self.shared[key]

    @property
    def eligible(self) -> list[Standing]:
        """The standings that may win (not disqualified), best first."""
        return self.once("eligible", lambda context: [s for s in context.standings
                                                       if not s.disqualified and not s.ineligible])

    def excluded_for(self, award: Award) -> set:
        return set(self.taken.get(award.exclusive_group, ())) if award.exclusive_group else set()

    def earlier(self, strategy: str, before: Award) -> list[Award]:
        """Awards of ``strategy`` that come before ``before`` in the rubric, among those with the same
        ``eligible:`` (a 最佳新人奖 by rank does not follow on from 一等奖's places; 新人一等奖, 新人二等奖 do)."""
        result = []
        same = _eligibility(before)
        for award in self.rubric.awards:
            if award.id == before.id:
                break
            if award.strategy == strategy and _eligibility(award) == same:
                result.append(award)
        return result

    def outcome(self, award: Award) -> AwardOutcome:
        return self.outcomes[[a.id for a in self.rubric.awards].index(award.id)]


def _eligibility(award: Award) -> str | None:
    return award.eligible.text if award.eligible is not None else None


class AwardView(AwardContext):
    """The context one award's strategy sees when some entries may not win it: only the others, ranked
    again among themselves; outcomes, exclusive groups and the rest are the whole contest's."""

    def __init__(self, whole: AwardContext, standings: list[Standing]):
        super().__init__(whole.rubric, whole.data, standings, whole.outcomes, whole.taken, {}, whole.ineligible)


def decide_awards(rubric: Rubric, data: ContestData, standings: list[Standing], bound: dict | None = None,
                  env_of=None) -> AwardContext:
    """Every award in rubric order; the context keeps the outcomes (and what strategies shared).
    ``bound``: the rubric's expressions over the data (rubric/attributes.py); ``env_of(entry id)``: the
    names an ``eligible:`` condition reads."""
    context = AwardContext(rubric, data, standings)
    any_ineligible = any(s.ineligible for s in standings)
    for award in rubric.awards:
        condition = (bound or {}).get(award.eligible.key) if award.eligible is not None else None
        view = context
        if condition is not None or (any_ineligible and award.subject == "entries"):
            excluded = excluded_entries(award, standings, condition, env_of)
            context.ineligible[award.id] = excluded
            if excluded:
                view = AwardView(context, ranked_among(standings, excluded))
        outcome = award.strategy_impl.decide(award, view)
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
