"""Vote rules: the type a plugin registers (``VoteRule``) and how a rubric's params are bound.

A rule is a SQL fragment, a ``SELECT row FROM deduped ...`` that names the deduplicated
votes it catches. ``deduped`` has the columns ``row`` (the file row), ``entry``,
``category``, ``voter``, ``ip``, ``device`` (``''`` where the log has none), ``t``
(microseconds since 1970-01-01 in contest time), ``day`` (days since 1970-01-01, contest
time) and ``hour`` (hours since then). Placeholders ``$name`` are bound from the rule's
``params`` by kind: the fragment only ever sees integers, so no rubric text reaches SQL.
Importing this module imports nothing heavy (no DuckDB).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from string import Template
from typing import Any, Mapping

from ..messages import Message

SQL_FOLDER = Path(__file__).with_name("sql")
_DURATION = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(s|sec|min|h|hour|hours|d|day|days)\s*")
_SECONDS = {"s": 1, "sec": 1, "min": 60, "h": 3600, "hour": 3600, "hours": 3600, "d": 86400, "day": 86400,
            "days": 86400}
KINDS = ("count", "duration", "period", "factor", "time")


@dataclass(frozen=True)
class VoteRule:
    """A kind of vote rule, the values ``voting.flags[].type`` may name.

    ``sql`` selects the ``row`` of every caught vote from ``deduped`` (see the module
    docstring); ``params`` maps each parameter to its kind: ``count`` (a whole number),
    ``duration`` (``10 min``, ``1 h``, ``2 day``; bound as microseconds, and ``$name_1`` as one less), ``period``
    (``1 h`` or ``1 day``; bound as the column ``hour`` or ``day``), ``factor`` (a
    positive number; bound as ``$name_num`` / ``$name_den``, two integers) and ``time``
    (a date-time in contest time; bound as microseconds).
    """

    name: str
    sql: str
    params: Mapping[str, str] = field(default_factory=dict)
    description: str = ""
    needs_time: bool = True  # a vote without a time is malformed when a rule needs times

    def __post_init__(self):
        bad = [kind for kind in self.params.values() if kind not in KINDS]
        if bad:
            raise ValueError(Message("votes.rule.kind", kind=bad[0], kinds=", ".join(KINDS)))

    def bind(self, params: Mapping[str, Any], timezone: dt.tzinfo) -> dict[str, Any]:
        """The placeholders' values; ``ValueError`` (a Message) names a missing or bad param."""
        unknown = sorted(set(params) - set(self.params))
        if unknown:
            raise ValueError(Message("votes.param:unknown", param=unknown[0], known=", ".join(self.params)))
        bound: dict[str, Any] = {}
        for name, kind in self.params.items():
            if name not in params:
                raise ValueError(Message("votes.param:missing", param=name))
            bound.update(_bind(name, kind, params[name], timezone))
        return bound

    def render(self, bound: Mapping[str, Any]) -> str:
        return Template(self.sql).substitute(bound)


def rule_sql(name: str) -> str:
    """A built-in rule's fragment, from ``sql/rules/<name>.sql``."""
    return (SQL_FOLDER / "rules" / f"{name}.sql").read_text(encoding="utf-8")


def duration_seconds(value: Any) -> Fraction | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Fraction(value) * 60 if value > 0 else None  # a bare number is minutes
    match = _DURATION.fullmatch(str(value))
    if not match:
        return None
    seconds = Fraction(match[1]) * _SECONDS[match[2]]
    return seconds if seconds > 0 else None


def local_micros(moment: dt.datetime, timezone: dt.tzinfo) -> int:
    """Microseconds since 1970-01-01 00:00 of contest time (a naive time is contest time)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone).replace(tzinfo=None)
    delta = moment - dt.datetime(1970, 1, 1)
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def epoch_day(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


def _bind(name: str, kind: str, value: Any, timezone: dt.tzinfo) -> dict[str, Any]:
    bad = ValueError(Message("votes.param:" + kind, param=name, value=str(value)))
    if kind == "count":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad
        return {name: value}
    if kind == "factor":
        try:
            number = Fraction(str(value)) if not isinstance(value, bool) else None
        except (ValueError, ZeroDivisionError):
            number = None
        if number is None or number <= 0:
            raise bad
        return {f"{name}_num": number.numerator, f"{name}_den": number.denominator}
    if kind in ("duration", "period"):
        seconds = duration_seconds(value)
        if seconds is None:
            raise bad
        if kind == "period":
            if seconds not in (3600, 86400):
                raise bad
            return {name: "hour" if seconds == 3600 else "day"}
        micros = int(seconds * 1_000_000)
        return {name: micros, f"{name}_1": micros - 1}  # _1: the frame of a half-open window [t, t + d)
    if kind == "time":
        moment = value if isinstance(value, dt.datetime) else None
        if moment is None and isinstance(value, dt.date):
            moment = dt.datetime.combine(value, dt.time())
        if moment is None:
            try:
                moment = dt.datetime.fromisoformat(str(value).strip().replace("/", "-"))
            except ValueError:
                raise bad from None
        return {name: local_micros(moment, timezone)}
    raise bad
