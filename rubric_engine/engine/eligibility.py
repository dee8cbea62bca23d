"""Who may win an award: an award's ``eligible:`` condition and the checks of severity ``ineligible``.

Both act before the award's strategy runs: the strategy's pool (``AwardContext.eligible``) holds only the
eligible entries, and places are counted among them (``pool_places``, ``places()``). Neither ever makes a
vacancy.
"""
from __future__ import annotations

from fractions import Fraction

from ..language.compiler import ATTRIBUTE_PREFIX, CHECK_PREFIX, EmptyValue
from ..language.units import format_number
from ..language.wording import Joined
from ..messages import Message

_YES, _NO = Message("results.ineligible.yes"), Message("results.ineligible.no")


def condition_env(rubric, data, result) -> dict:
    """Every name an ``eligible:`` condition may read, for one entry (made only for awards that have one)."""
    entry_id = result.entry.id
    env = dict(result.env)  # the panels' names (evaluate.environment)
    env["final"], env["rank"] = result.final, result.rank
    for category in rubric.voting.categories:
        env[f"votes.{category.id}"] = data.votes.get((entry_id, category.id), 0)
    for check in rubric.checks:
        outcome = result.conformity.table.outcome(entry_id, check.id) if result.conformity.table else None
        env[CHECK_PREFIX + check.id] = ("waived" if outcome is not None and outcome.waived
                                        else str(outcome.status) if outcome is not None else "not_run")
    for header, attribute in data.attributes.items():
        env[ATTRIBUTE_PREFIX + header] = attribute.values.get(entry_id)
    return env


def ineligible_reasons(result, labels: dict) -> tuple[Message, ...]:
    """Why a check of severity ``ineligible`` keeps the entry from every award: one reason per check."""
    return tuple(Message("results.ineligible.check", check=labels[c]) for c in result.conformity.ineligible_by)


def shown_value(value):
    if value is None:
        return Message("results.ineligible.empty_value")
    if isinstance(value, bool):
        return _YES if value else _NO
    if isinstance(value, Fraction | int):
        return format_number(Fraction(value))
    return str(value)


def judge(condition, env: dict) -> Message | None:
    """None when ``env`` meets the condition, else why not: the condition with the values it read
    (不符合参评条件：entry.新人 == 是（entry.新人 = 否）); an empty cell makes it false."""
    names = sorted(condition.names)
    try:
        if condition(env):
            return None
    except EmptyValue as empty:
        return Message("results.ineligible.empty", condition=condition.text, header=empty.header)
    if env.get("rank") is None and "rank" in names:
        return Message("results.ineligible.unranked", condition=condition.text)
    values = Joined([Message("results.ineligible.value", name=n, value=shown_value(env.get(n))) for n in names])
    return Message("results.ineligible.condition", condition=condition.text, values=values)


def excluded_entries(award, standings, condition, env_of) -> dict[str, Message]:
    """entry id -> why it may not win ``award``: a check of severity ``ineligible`` (entry awards), or the
    award's own ``eligible:`` condition. Disqualified entries are not judged (they win nothing anyway)."""
    excluded: dict[str, Message] = {}
    for standing in standings:
        if standing.disqualified:
            continue
        if standing.ineligible and award.subject == "entries":
            excluded[standing.id] = standing.ineligible[0]
            continue
        if condition is not None:
            reason = judge(condition, env_of(standing.id))
            if reason is not None:
                excluded[standing.id] = reason
    return excluded
