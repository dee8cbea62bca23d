"""Built-in award strategies: tiers by final rank, most votes, and a unit composite."""
from __future__ import annotations

import math
from itertools import repeat
from collections import Counter
from fractions import Fraction

from rubric_engine import (AwardOutcome, AwardStrategy, Joined, Message, ParamError, Subject, format_fixed,
                           format_number, hookimpl, pick_top, pool_places, text)


def rank_tier(award, context) -> AwardOutcome:
    """Tiers by place among the eligible entries, in rubric order: with counts 2, 6, 12 the first
    tier is places 1–2, the second 3–8, the third 9–20 (a count may be a share: ``10%``, each tier
    rounding its own). Entries tied on rank share a tier, so a tie at the last place can give a
    tier more winners than its count (reported). A place freed in a group (cascades) moves the
    entries behind it up: the places are counted in the pool the strategy is given."""
    earlier = sum(context.places(a) for a in context.earlier("rank_tier", award))
    count = context.places(award)
    first, last = earlier + 1, earlier + count
    outcome = AwardOutcome(award.id, places=count)
    for standing, place in pool_places(context.eligible):
        if place > last:
            break
        if first <= place:
            outcome.winners.append(standing.id)
            outcome.reasons[standing.id] = (
                Message("plugins.rank_tier.reason", rank=place, first=first, last=last) if place == standing.rank
                else Message("awards.rank_tier.reason:place", rank=standing.rank, place=place, first=first, last=last))
    if len(outcome.winners) > count:
        outcome.notes.append(Message("plugins.rank_tier.tie", rank=place_of(context.eligible, outcome.winners[-1]),
                                     winners=len(outcome.winners), places=count))
    return outcome



def place_of(pool, entry_id: str) -> int | None:
    return next((place for standing, place in pool_places(pool) if standing.id == entry_id), None)


def _standing(context, entry_id: str):
    return context.once("standing_by_id", lambda c: {s.id: s for s in c.standings})[entry_id]


def explain_rank_tier(award, context, entry_id: str) -> dict:
    """Why an entry missed a tier, said by one tier only: the lowest tier with winners when the
    entry won none, else the tier just above the one it won. The item goes after every award's
    (``more``); the other tiers add nothing to their own items."""
    standing = _standing(context, entry_id)
    if standing.rank is None:
        return {}
    tiers = [a for a in context.rubric.awards if a.strategy == award.strategy and _opened(a) == _opened(award)]
    won = next((i for i, tier in enumerate(tiers) if entry_id in context.outcome(tier).winners), None)
    if won is None:
        target = next((tier for tier in tiers[::-1] if context.outcome(tier).winners), None)
        key = "results.why_not.tier"
    else:
        target = tiers[won - 1] if won else None
        key = "results.why_not.higher_tier"
    if target is None or target.id != award.id or not context.outcome(award).winners:
        return {}
    finals = {s.id: s.final for s in context.standings}
    lowest = min(finals[w] for w in context.outcome(award).winners)
    gap = lowest - standing.final
    decimals = context.rubric.final.decimals
    fields = {"award": award.label, "lowest": format_fixed(lowest, decimals), "gap": format_fixed(gap, decimals)}
    if won is None:
        fields["mine"] = format_fixed(standing.final, decimals)
    return {"more": [{"award": award.id, "label": award.label, "won": False, "missed_by": gap,
                      "missed_by_exact": str(gap), "lowest_exact": str(lowest), "why_not": Message(key, **fields)}]}


def _opened(award):
    """An award's ``eligible:`` as written: tiers follow on only from tiers open to the same entries."""
    return award.eligible.text if getattr(award, "eligible", None) is not None else None


def rank_tier_places(award) -> int:
    """How many places of the final ranking the tier gives out (``rubric show`` adds them up; a share
    of the entries is known only once they are: 0)."""
    return award.count if award.share is None else 0


def most_votes(award, context) -> AwardOutcome:
    """The most votes in ``params.category`` wins (entries with no votes never win);
    ties share the award; an exclusive group passes it to the next best."""
    category = award.params["category"]
    label = next((c.label for c in context.rubric.voting.categories if c.id == category), category)
    column = context.votes_in(category)
    ids = [s.id for s in context.eligible]
    candidates = [(i, n) for i, n in zip(ids, map(column.get, ids, repeat(0))) if n > 0]
    excluded = context.excluded_for(award)
    winners, note = pick_top(candidates, award.count, excluded)
    votes = dict(candidates)
    outcome = AwardOutcome(award.id, winners, scores=votes)
    for winner in winners:
        outcome.reasons[winner] = Message("plugins.most_votes.reason", category=label, votes=votes[winner])
    if note:
        outcome.notes.append(note)
    if context.rubric.voting.optional and not getattr(context.data, "has_votes_file", True):  # and no votes file
        outcome.notes.append(Message("plugins.most_votes.no_votes_file", category=label))
    floor = min((votes[w] for w in winners), default=None)
    skipped = sorted(c for c in excluded if floor is not None and votes.get(c, 0) >= floor) if excluded else []
    if skipped:
        outcome.notes.append(Message("plugins.most_votes.skipped", entries=Joined(skipped), group=award.exclusive_group))
    return outcome


def explain_most_votes(award, context, entry_id: str) -> dict:
    """An entry that did not win: its votes beside the winner's."""
    outcome = context.outcome(award)
    if entry_id in outcome.winners or not outcome.winners:
        return {}
    category = award.params["category"]
    label = next((c.label for c in context.rubric.voting.categories if c.id == category), category)
    return {"why_not": Message("explain.why_not.votes", category=label,
                               mine=_standing(context, entry_id).votes.get(category, 0),
                               winner=_standing(context, outcome.winners[0]).votes.get(category, 0))}


def _category_labels(rubric) -> dict:
    return {"category": {c.id: c.label for c in rubric.voting.categories}}


def _prepare_most_votes(params, rubric):
    category = params.get("category", rubric.voting.default_category)
    known = [c.id for c in rubric.voting.categories]
    if category not in known:
        from rubric_engine import did_you_mean

        raise ParamError(Message("plugins.most_votes.category", category=category), "category",
                         did_you_mean(category, known) or Message("plugins.most_votes.category.hint",
                                                                  categories=Joined(known)))
    return {"category": category}


# the built-in unit metrics; their labels and descriptions are catalogue messages
# (plugins.metric.<name>, plugins.metric.<name>.description)
BUILTIN_UNIT_METRICS = ("nominations", "entry_ranks")


def unit_metrics(context) -> dict[str, dict[str, Fraction | int]]:
    """Each unit's raw metrics, exact (int or Fraction): nominations, entry_ranks, the units file's columns."""
    nominations = Counter(s.unit for s in context.standings)
    # entries beyond the unit's quota (the unit_quota check's max_entries) are not nominations
    quota = next((c.params.get("max_entries", 5) for c in context.rubric.checks if c.type == "unit_quota"), None)
    ranks_of: dict[str, list[int]] = {}
    for standing in context.standings:
        if standing.rank is not None:
            ranks_of.setdefault(standing.unit, []).append(standing.rank)
    total = sum(len(ranks) for ranks in ranks_of.values())
    metrics: dict[str, dict[str, Fraction]] = {}
    units = context.data.units
    for unit, count in nominations.items():
        ranks = ranks_of.get(unit)
        values = metrics[unit] = {"nominations": count if quota is None else min(count, quota), "entry_ranks": (
            Fraction(sum(total - r + 1 for r in ranks), total * len(ranks)) if ranks else 0)}
        if unit in units:
            values.update(units[unit])  # already exact numbers
    return metrics


def unit_composite(award, context) -> AwardOutcome:
    """A weighted composite of unit metrics, each scaled to 0–1 by the best unit's value, out of 100
    (issue 17: one scale in every output). Only units with at least one entry can win; ties share the award."""
    metrics = context.once("unit_metrics", unit_metrics)
    units = list(metrics)
    numerators, denominator = _composite([[metrics[u].get(name, 0) for u in units]
                                          for name in award.params["weights"]],
                                         list(award.params["weights"].values()))
    composite = {unit: Fraction(n * 100, denominator) for unit, n in zip(units, numerators)}
    winners, note = pick_top(zip(units, numerators), award.count, context.excluded_for(award))
    outcome = AwardOutcome(award.id, winners, scores=composite)
    for winner in winners:
        outcome.reasons[winner] = Message("plugins.unit_composite.reason", score=format_number(composite[winner]))
    if note:
        outcome.notes.append(note)
    return outcome


def _metric_bests(context) -> dict:
    """The best unit's value of every metric, once for all units (every unit's results show them)."""
    bests: dict = {}
    for values in context.once("unit_metrics", unit_metrics).values():
        for name, value in values.items():
            bests[name] = max(bests.get(name, 0), value)
    return bests


def _award_terms(award, context) -> list[tuple]:
    """(metric, label, best value, weight, weight × 100 ÷ best) for each metric of ``award``, once."""
    labels = {**{name: text(f"plugins.metric.{name}") for name in BUILTIN_UNIT_METRICS},
              **{m.id: m.label for m in context.rubric.unit_metrics}}
    bests = context.once("unit_metric_bests", _metric_bests)
    terms = []
    for name, weight in award.params["weights"].items():
        best, weight = bests.get(name, 0), Fraction(weight)
        terms.append((name, labels.get(name, name), best, weight, weight * 100 / best if best else Fraction(0)))
    return terms, {}  # (name, label, best, weight, weight × 100 ÷ best), and the term dicts made so far


def _explaining(award, context) -> tuple:
    """What explaining every unit of ``award`` shares, once: the metrics, the terms, the outcome."""
    outcome = context.outcome(award)
    lowest = min((outcome.scores[w] for w in outcome.winners if w in outcome.scores), default=None)
    terms, made = _award_terms(award, context)
    return context.once("unit_metrics", unit_metrics), terms, made, outcome, set(outcome.winners), lowest


def explain_unit_composite(award, context, unit: str) -> dict:
    """Each metric of ``unit``: its value, the best unit's, the weight and the term it adds."""
    metrics, award_terms, made, outcome, winners, lowest = context.once(("unit_explain", award.id),
                                                                        lambda c: _explaining(award, c))
    values = metrics.get(unit)
    if values is None:
        return {"eligible": False, "reason": Message("plugins.unit_composite.no_entries")}
    terms = []
    for position, (name, label, best, weight, per_unit) in enumerate(award_terms):
        value = values.get(name, 0)
        # units with equal values share one read-only term (25 000 units, few distinct values): no
        # Fraction product per unit; a Fraction keyed by its two integers (its own hash costs a pow)
        key = (position, value.numerator, value.denominator) if type(value) is Fraction else \
            (position, type(value), value)
        term = made.get(key)
        if term is None:
            term = made[key] = {"metric": name, "label": label, "value": value, "best": best, "weight": weight,
                                "term": per_unit * value}  # out of 100, as the composite
        terms.append(term)
    return {"eligible": True, "terms": terms, "composite": outcome.scores[unit], "won": unit in winners,
            "lowest_winner": lowest}


def _composite(columns: list[list], weights: list[Fraction]) -> tuple[list[int], int]:
    """Σ weight × value ÷ best value, for every unit at once: integer numerators over one denominator."""
    numerators, denominator = [0] * (len(columns[0]) if columns else 0), 1
    for column, weight in zip(columns, weights):
        scale = math.lcm(1, *{v.denominator for v in column})
        scaled = [v.numerator * (scale // v.denominator) for v in column]
        best = max(scaled, default=0)
        if not best:
            continue
        coefficient = Fraction(weight) / best  # weight × (v × scale) ÷ (best value × scale)
        p, q = coefficient.numerator, coefficient.denominator
        numerators = [n * q + p * v * denominator for n, v in zip(numerators, scaled)]
        denominator *= q
    return numerators, denominator


def _metric_labels(rubric) -> dict:
    """``rubric show``: the metrics named in ``weights`` by their labels."""
    metrics = {name: text(f"metric.{name}") for name in BUILTIN_UNIT_METRICS}
    metrics.update((m.id, m.label) for m in rubric.unit_metrics)
    return {"weights": metrics}


def _prepare_unit_composite(params, rubric):
    from rubric_engine import Dimension, did_you_mean, param_quantity

    known = list(BUILTIN_UNIT_METRICS) + [m.id for m in rubric.unit_metrics]
    raw = params.get("weights") or {}
    if not raw:
        raise ParamError(Message("plugins.unit_composite.no_weights"), "weights",
                         Message("plugins.unit_composite.metrics", metrics=Joined(known)))
    weights = {}
    for name, value in raw.items():
        if name not in known:
            raise ParamError(Message("plugins.unit_composite.unknown_metric", metric=name), f"weights.{name}",
                             did_you_mean(name, known) or Message("plugins.unit_composite.metrics:declare",
                                                                  metrics=Joined(known)))
        weights[name] = (param_quantity(raw, name, Dimension.NUMBER) if isinstance(value, str)
                         else Fraction(repr(value)) if isinstance(value, float) else Fraction(value))
        if weights[name] < 0:
            raise ParamError(Message("plugins.unit_composite.negative", metric=name), f"weights.{name}")
    return {"weights": weights}


@hookimpl
def register_award_strategies(register):
    # summaries are catalogue messages (plugins.strategy.<name>.summary), worded when shown
    register(AwardStrategy("rank_tier", rank_tier, Message("plugins.strategy.rank_tier.summary"),
                           params_schema={"type": "object", "additionalProperties": False},
                           explain=explain_rank_tier, places=rank_tier_places, chained=True))
    register(AwardStrategy("most_votes", most_votes, Message("plugins.strategy.most_votes.summary"),
                           params_schema={"type": "object", "additionalProperties": False,
                                          "properties": {"category": {"type": "string"}}},
                           prepare=_prepare_most_votes, explain=explain_most_votes, param_labels=_category_labels))
    register(AwardStrategy("unit_composite", unit_composite, Message("plugins.strategy.unit_composite.summary"),
                           subject=Subject.UNITS,
                           params_schema={"type": "object", "additionalProperties": False, "required": ["weights"],
                                          "properties": {"weights": {"type": "object"}}},
                           prepare=_prepare_unit_composite, explain=explain_unit_composite,
                           param_labels=_metric_labels))
