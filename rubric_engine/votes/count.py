"""Count a raw vote log: malformed rows out, the window, deduplication (the earliest vote
counts), then the rubric's vote rules; every row accounted for (conservation).

The log is a table ``raw_log`` already in the engine (see ``rubric_engine.io.votes``):
``line`` (its row in the file) and the texts ``entry``, ``category``, ``voter``, ``time``,
``ip``, ``device`` (``''`` where empty or absent), stripped.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Location
from ..messages import Message
from ..rubric.model import Rubric
from .rules import local_micros
from .script import FIRST_MALFORMED, Statement, parts, sql, stages

DAY_US, HOUR_US = 86_400_000_000, 3_600_000_000
STATUSES = ("counted", "duplicates", "outside", "excluded")


@dataclass
class KeyVotes:
    """Where one entry's votes of one category went."""

    raw: int = 0
    counted: int = 0
    duplicates: int = 0
    outside: int = 0
    excluded: int = 0
    excluded_by: dict[str, int] = field(default_factory=dict)  # rule id -> votes it excluded (first rule wins)
    matched_by: dict[str, int] = field(default_factory=dict)  # rule id -> votes it matched (flag or exclude)
    reinstated: int = 0  # of the counted: votes an exclude rule caught and a reinstatement took back
    reinstated_by: dict[str, int] = field(default_factory=dict)  # rule id -> votes taken back from it

    def to_data(self) -> dict:
        """As data; ``reinstated`` and ``reinstated_by`` only where votes were reinstated."""
        data = {"raw": self.raw, "counted": self.counted, "duplicates": self.duplicates, "outside": self.outside,
                "excluded": self.excluded, "excluded_by": dict(self.excluded_by), "matched_by": dict(self.matched_by)}
        if self.reinstated:
            data.update(reinstated=self.reinstated, reinstated_by=dict(self.reinstated_by))
        return data


@dataclass
class VoteCount:
    """The counted log: per (entry, category) where the votes went, and the malformed rows."""

    rows: int
    malformed: int
    malformed_rows: list[tuple[int, str]]  # (file row, problem), the first FIRST_MALFORMED
    keys: dict[tuple[str, str], KeyVotes]
    flags: tuple = ()  # the rubric's VoteFlags, in order
    engine: object = None  # where the log and its classification live (DuckEngine / SparkEngine)
    log: object = None  # the raw log itself (rubric_engine.io.votes.VoteLog), when read from a file
    reinstated: tuple = ()  # the votes_reinstated rows (file row, rule, entry, voter, ip) it was counted with
    unused_reinstated: tuple = ()  # the file rows of those that took back no vote

    def tallies(self) -> dict[tuple[str, str], int]:
        """``{(entry, category): counted}``; an entry whose votes were all set aside has 0 (not absent)."""
        return {key: votes.counted for key, votes in self.keys.items()}

    def of(self, entry: str, category: str) -> KeyVotes:
        return self.keys.get((entry, category), KeyVotes())


class ConservationError(RuntimeError):
    """The counts do not add up: a bug in the counting, never in the data."""


def count_votes(engine, rubric: Rubric, entry_ids: set[str], reinstated: tuple = ()) -> VoteCount:
    """``reinstated``: the votes_reinstated rows, ``(file row, rule, entry, voter, ip)``."""
    _register_lookups(engine, rubric, entry_ids)
    columns = list(zip(*reinstated)) or [[], [], [], [], []]
    engine.register("reinstated", {"request": ("BIGINT", list(columns[0])),
                                   **{name: ("VARCHAR", list(values)) for name, values in
                                      zip(("rule", "entry", "voter", "ip"), columns[1:])}})
    engine.run(parts())
    _register_times(engine, rubric, [text for (text,) in engine.rows(sql("unread_times"))])
    for statement in stages(rubric, reinstating=bool(reinstated)):
        engine.run(statement)
        if statement.name == "ranked":
            engine.run(Statement("drop", "parts", ""))  # read into ranked: its numbers are not needed again
    keys: dict[tuple[str, str], KeyVotes] = {}
    for entry, category, raw, counted, duplicates, outside, excluded, back in engine.rows(sql("summary")):
        keys[(entry, category)] = KeyVotes(raw, counted, duplicates, outside, excluded, reinstated=back)
    for entry, category, rule, back in engine.rows(sql("reinstated_by")):
        keys[(entry, category)].reinstated_by[rule] = back
    for entry, category, rule, excluded, matched in engine.rows(sql("by_rule")):
        votes = keys[(entry, category)]
        if excluded:
            votes.excluded_by[rule] = excluded
        votes.matched_by[rule] = matched
    order = {flag.id: position for position, flag in enumerate(rubric.voting.flags)}
    for votes in keys.values():  # rules in rubric order
        votes.excluded_by = dict(sorted(votes.excluded_by.items(), key=lambda item: order.get(item[0], len(order))))
        votes.matched_by = dict(sorted(votes.matched_by.items(), key=lambda item: order.get(item[0], len(order))))
        votes.reinstated_by = dict(sorted(votes.reinstated_by.items(), key=lambda item: order.get(item[0], len(order))))
    malformed_rows = [(line, problem) for line, problem in engine.rows(sql("malformed", first=FIRST_MALFORMED))]
    (malformed,), = engine.rows(sql("malformed_count"))
    (rows,), = engine.rows(sql("rows"))
    used = {request for (request,) in engine.rows(sql("reinstated_used"))}
    count = VoteCount(rows, malformed, malformed_rows, keys, rubric.voting.flags, engine, reinstated=tuple(reinstated),
                      unused_reinstated=tuple(row[0] for row in reinstated if row[0] not in used))
    check_conservation(count, {(e, c): n for e, c, n in engine.rows(sql("raw_counts"))})
    return count


def check_conservation(count: VoteCount, raw_counts: dict) -> None:
    """raw = counted + duplicates + outside + excluded per entry and category; rows = Σ raw + malformed."""
    for key, votes in count.keys.items():
        parts_sum = votes.counted + votes.duplicates + votes.outside + votes.excluded
        if (not (votes.raw == parts_sum == raw_counts.get(key, 0)) or sum(votes.excluded_by.values()) != votes.excluded
                or not votes.reinstated <= votes.counted):
            raise ConservationError(f"votes of {key}: raw {votes.raw} (counted apart: {raw_counts.get(key, 0)}) "
                                    f"!= {parts_sum} ({votes.to_data()})")
    if set(raw_counts) != set(count.keys):
        raise ConservationError(f"entries/categories differ: {sorted(set(raw_counts) ^ set(count.keys))}")
    total = sum(v.raw for v in count.keys.values()) + count.malformed
    if total != count.rows:
        raise ConservationError(f"log rows {count.rows} != Σ raw + malformed {total}")


def _register_lookups(engine, rubric: Rubric, entry_ids: set[str]) -> None:
    from ..io.values import CellError, choice  # noqa: F401  (the project's own reading of a category)

    # entries and categories dictionary-encoded once: the counting sorts and groups integers,
    # the texts come back by these small tables after the aggregates (script.py)
    ids = sorted(entry_ids)
    engine.register("entries", {"id": ("VARCHAR", ids), "code": ("BIGINT", list(range(1, len(ids) + 1)))})
    options, codes = {}, {}
    for position, category in enumerate(rubric.voting.categories, start=1):
        options[category.id] = category.id
        options[category.label] = category.id
        codes[category.id] = position
    engine.register("categories", {"id": ("VARCHAR", list(codes)), "code": ("BIGINT", list(codes.values()))})
    texts = [text for (text,) in engine.rows("SELECT DISTINCT category FROM raw_log")]
    ids: list = []
    for text in texts:
        if not text:
            ids.append(rubric.voting.default_category)
            continue
        try:
            ids.append(choice(_cell(text), Message("data.what.vote_category"), options))
        except CellError:
            ids.append(None)
    engine.register("cat_map", {"text": ("VARCHAR", texts), "code": ("BIGINT", [codes.get(i) for i in ids])})


def _register_times(engine, rubric: Rubric, texts: list[str]) -> None:
    """The times the SQL does not read itself, read once each by the project's parser."""
    from ..io.values import CellError, timestamp

    what = Message("data.what.time")
    tz = rubric.contest.timezone
    kept, ts, days, hours = [], [], [], []
    for text in texts:
        try:
            moment = timestamp(_cell(text), what)
        except CellError:
            continue
        if moment is None:
            continue
        t = local_micros(moment, tz)
        kept.append(text)
        ts.append(t)
        days.append(t // DAY_US)
        hours.append(t // HOUR_US)
    engine.register("time_fix", {"time": ("VARCHAR", kept), "t": ("BIGINT", ts), "day": ("BIGINT", days),
                                 "hour": ("BIGINT", hours)})


def _cell(text: str):
    from ..io.tables import Cell

    return Cell(text, Location(""))
