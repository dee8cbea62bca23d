"""Running the award strategies: in rubric order, exclusive groups and shared work kept here.

The types a strategy sees (:class:`Standing`, :class:`AwardOutcome`, ``pick_top``) are the
public face's (``rubric_engine.awarding``); this module only runs the strategies.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction

from ..awarding import AwardOutcome, Standing  # noqa: F401 - evaluate.py imports them from here
from ..data import ContestData
from ..rubric.model import Award, Rubric
from .cascades import decide_all, same_pool
from .eligibility import excluded_entries
from .ranking import natural_key


@dataclass
class AwardContext:
    """What every strategy sees; satisfies :class:`rubric_engine.awarding.AwardContext`.

    ``award`` is the award being decided or explained: :attr:`eligible` is its pool (the entries that
    may win it, less the places a cascade freed), :meth:`places` counts a share among that pool."""

    rubric: Rubric
    data: ContestData
    standings: list[Standing]
    outcomes: list[AwardOutcome] = field(default_factory=list)
    taken: dict[str, set] = field(default_factory=dict)  # by exclusive group: its winners so far
    shared: dict = field(default_factory=dict)  # what strategies compute once for all awards
    removed: set = field(default_factory=set)  # out of the current award's pool: places freed (cascades.py)
    # award id -> entry id -> why it may not win that award (eligible: / a check of severity ineligible)
    ineligible: dict[str, dict] = field(default_factory=dict)
    award: Award | None = None  # the award being decided or explained
    vote_columns: dict | None = None  # vote category -> entry id -> votes (the evaluation's tallies)

    def once(self, key, compute):
        """``compute(self)``, computed once per evaluation (e.g. unit metrics for every unit award)."""
        if key not in self.shared:
            self.shared[key] = compute(self)
        return self.shared[key]

    def votes_in(self, category: str) -> dict:
        """entry id -> its votes in ``category``: the tallies' column, read once (0 for an entry not in it)."""
        columns = self.vote_columns if self.vote_columns is not None else self.once("vote_columns", lambda c: {})
        column = columns.get(category)
        if column is None:  # a context made without the tallies: read from the standings
            column = columns[category] = {s.id: s.votes.get(category, 0) for s in self.standings}
        return column

    def about(self, award: Award) -> "AwardContext":
        """The same context (outcomes, shared work) seen from ``award``: for explaining it."""
        return replace(self, award=award, removed=set())

    def pool(self, award: Award | None) -> list[Standing]:
        """The standings that may win ``award``, best first: not disqualified, not barred by its
        ``eligible:`` or a check of severity ``ineligible`` (no award given: by no such check)."""
        base = self.once("eligible", lambda c: [s for s in c.standings if not s.disqualified])
        if award is None:
            return self.once("eligible:any", lambda c: [s for s in base if not s.ineligible])
        barred = self.ineligible.get(award.id)
        if not barred:
            return base
        return self.once(("eligible", award.id), lambda c: [s for s in base if s.id not in barred])

    @property
    def eligible(self) -> list[Standing]:
        """The current award's pool, less the places a cascade freed, best first."""
        pool = self.pool(self.award)
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
        """``count``, or its share of the entries eligible for ``award`` (freed places do not shrink it)."""
        return award.places_among(len(self.pool(award)))

    def earlier(self, strategy: str, before: Award) -> list[Award]:
        """Awards of ``strategy`` that come before ``before`` in the rubric, among those with the same
        ``eligible:`` (a 最佳新人奖 by rank does not follow on from 一等奖's places; 新人一等奖, 新人二等奖 do)."""
        result = []
        for award in self.rubric.awards:
            if award.id == before.id:
                break
            if award.strategy == strategy and same_pool(award, before):
                result.append(award)
        return result

    def outcome(self, award: Award) -> AwardOutcome:
        return self.outcomes[[a.id for a in self.rubric.awards].index(award.id)]


def decide_awards(rubric: Rubric, data: ContestData, standings: list[Standing], bound: dict | None = None,
                  env_of=None, votes: dict | None = None) -> AwardContext:
    """Every award in rubric order, over its eligible pool, cascades and forfeits resolved (cascades.py);
    the context keeps the outcomes (and what strategies shared). ``bound``: the rubric's expressions over
    the data (rubric/attributes.py); ``env_of(entry id)``: the names an ``eligible:`` condition reads;
    ``votes``: category -> entry id -> votes, the tallies the standings' ``votes`` read."""
    barred = barred_entries(rubric, standings, bound, env_of)
    return decide_all(lambda: AwardContext(rubric, data, standings, ineligible=barred, vote_columns=votes),
                      decide_one, in_rank_order,
                      getattr(data, "forfeits", ()))


def barred_entries(rubric: Rubric, standings: list[Standing], bound: dict | None, env_of) -> dict[str, dict]:
    """award id -> entry id -> why it may not win that award; judged once, before any strategy runs."""
    barred: dict[str, dict] = {}
    any_ineligible = any(s.ineligible for s in standings)
    for award in rubric.awards:
        condition = (bound or {}).get(award.eligible.key) if award.eligible is not None else None
        if condition is not None or (any_ineligible and award.subject == "entries"):
            barred[award.id] = excluded_entries(award, standings, condition, env_of)
    return barred


def decide_one(award: Award, context: AwardContext) -> AwardOutcome:
    """One strategy's decision over the award's pool, its winners in rank order and its places noted."""
    context.award = award
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
