"""Built-in award strategies on the final score: the best ``count`` (``top_ranked``) and every entry
at or above a score (``threshold``, score bands as several awards)."""
from __future__ import annotations

from fractions import Fraction

from rubric_engine import (AwardOutcome, AwardStrategy, Message, ParamError, format_fixed, hookimpl, pick_top,
                           pool_places)

MAX_GAP_DECIMALS = 4



def top_ranked(award, context) -> AwardOutcome:
    """The best ``count`` entries of the pool by final rank (a count may be a share, ``10%``); entries
    tied at the last place share it. Unlike ``rank_tier`` it does not follow the awards before it."""
    count = context.places(award)
    places = {s.id: place for s, place in pool_places(context.eligible)}
    winners, note = pick_top(((entry, -place) for entry, place in places.items()), count,
                             context.excluded_for(award))
    outcome = AwardOutcome(award.id, winners, places=count)
    for winner in winners:
        outcome.reasons[winner] = Message("awards.top_ranked.reason", place=places[winner], count=count)
    if note:
        outcome.notes.append(note)
    return outcome


def explain_top_ranked(award, context, entry_id: str) -> dict:
    """An entry of the pool that did not win: its place beside the last place that did."""
    outcome = context.outcome(award)
    places = {s.id: place for s, place in pool_places(context.eligible)}
    if entry_id in outcome.winners or entry_id not in places or not outcome.winners:
        return {}
    last = max(places.get(w, 0) for w in outcome.winners)
    return {"why_not": Message("awards.top_ranked.why_not", place=places[entry_id], count=outcome.places or 0,
                               last=last)}


def gap_decimals(gap: Fraction, decimals: int) -> int:
    """The fewest decimals, at least the display's and at most 4, at which ``gap`` cut down (never
    rounded up) is not zero; 4 when even that is zero."""
    for places in range(decimals, max(decimals, MAX_GAP_DECIMALS) + 1):
        if gap * 10**places >= 1:
            return places
    return max(decimals, MAX_GAP_DECIMALS)


def cut(value: Fraction, places: int) -> str:
    """``value`` cut (toward zero) to ``places`` decimals: a gap is never shown bigger than it is,
    a score under a bound never shown on it."""
    scale = 10**places
    whole = int(value * scale)  # int() truncates toward zero
    return format_fixed(Fraction(whole, scale), places)


def shown_below(value: Fraction, bound: Fraction, decimals: int) -> tuple[str, str]:
    """(value, gap) as a why-not shows a score under ``bound``: at display decimals, unless rounding would
    put the score on the bound (6.95 → 7.0 under 7.0): then both at the gap's decimals (6.95, 0.05)."""
    gap = bound - value
    places = gap_decimals(gap, decimals)
    if Fraction(format_fixed(value, decimals)) >= bound:
        return cut(value, places), cut(gap, places)
    return format_fixed(value, decimals), cut(gap, places)


def _in_band(final: Fraction, params: dict) -> bool:
    return final >= params["min"] and (params["below"] is None or final < params["below"])


def threshold(award, context) -> AwardOutcome:
    """Every entry of the pool whose exact final is at least ``params.min`` (and below ``params.below``,
    when given): ``min ≤ final < below``. There is no count: all who reach it win."""
    params, decimals = award.params, context.rubric.final.decimals
    excluded = context.excluded_for(award)
    outcome = AwardOutcome(award.id)
    for standing in context.eligible:
        if standing.id in excluded or not _in_band(standing.final, params):
            if standing.id not in excluded and standing.final < params["min"] <= Fraction(
                    format_fixed(standing.final, decimals)):  # shown as 7.0 yet under 7.0: said once, in a note
                mine, gap = shown_below(standing.final, params["min"], decimals)
                outcome.notes.append(Message("awards.threshold.near_miss", entry=standing.id, final=mine,
                                             shown=format_fixed(standing.final, decimals),
                                             min=_bound(params["min"], decimals), gap=gap))
            continue
        outcome.winners.append(standing.id)
        outcome.scores[standing.id] = standing.final
        fields = {"final": _shown_in_band(standing.final, params, decimals), "min": _bound(params["min"], decimals)}
        if params["below"] is None:
            outcome.reasons[standing.id] = Message("awards.threshold.reason", **fields)
        else:
            outcome.reasons[standing.id] = Message("awards.threshold.reason:band", below=_bound(params["below"],
                                                                                                decimals), **fields)
    return outcome


def _bound(value: Fraction, decimals: int) -> str:
    """A bound as the rubric wrote it, at least at display decimals (7.0, 89.99)."""
    places = decimals
    while places < MAX_GAP_DECIMALS and (value * 10**places).denominator != 1:
        places += 1
    return format_fixed(value, places)


def _shown_in_band(final: Fraction, params: dict, decimals: int) -> str:
    """A winner's final at display decimals, unless rounding would lift it onto ``below`` (89.996 → 90.00)."""
    below = params["below"]
    if below is not None and Fraction(format_fixed(final, decimals)) >= below:
        return shown_below(final, below, decimals)[0]
    return format_fixed(final, decimals)


def explain_threshold(award, context, entry_id: str) -> dict:
    """An entry of the pool that missed: under ``min`` by how much (exact comparison, the gap cut, never
    rounded up), or at or above ``below``."""
    params, decimals = award.params, context.rubric.final.decimals
    standing = next((s for s in context.eligible if s.id == entry_id), None)
    if standing is None or entry_id in context.outcome(award).winners:
        return {}
    final = standing.final
    if final < params["min"]:
        mine, gap = shown_below(final, params["min"], decimals)
        return {"missed_by": params["min"] - final, "why_not": Message(
            "awards.threshold.why_not", final=mine, min=_bound(params["min"], decimals), gap=gap)}
    if params["below"] is not None and final >= params["below"]:
        return {"why_not": Message("awards.threshold.why_not:above", final=format_fixed(final, decimals),
                                   below=_bound(params["below"], decimals))}
    return {}


def _number(params: dict, key: str) -> Fraction | None:
    from rubric_engine import Dimension, param_quantity

    value = params.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return Fraction(param_quantity(params, key, Dimension.NUMBER))
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def _prepare_threshold(params, rubric) -> dict:
    prepared = {"min": _number(params, "min"), "below": _number(params, "below")}
    if prepared["below"] is not None and prepared["below"] <= prepared["min"]:
        raise ParamError(Message("awards.threshold.below", min=params["min"], below=params["below"]), "below")
    return prepared


_NUMBER = {"anyOf": [{"type": "number"}, {"type": "string"}]}


@hookimpl
def register_award_strategies(register):
    register(AwardStrategy("top_ranked", top_ranked, Message("awards.strategy.top_ranked.summary"),
                           params_schema={"type": "object", "additionalProperties": False},
                           explain=explain_top_ranked))
    register(AwardStrategy("threshold", threshold, Message("awards.strategy.threshold.summary"),
                           params_schema={"type": "object", "additionalProperties": False, "required": ["min"],
                                          "properties": {"min": _NUMBER, "below": _NUMBER}},
                           prepare=_prepare_threshold, explain=explain_threshold, counted=False))
