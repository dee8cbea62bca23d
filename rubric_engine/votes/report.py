"""``rubric votes``: where every vote went, per entry and category, as data, then as a format.

Voter ids and IPs are masked (a keyed-hash prefix, stable within a report: one voter keeps
one mask) in every output but the committee's (``--audit``).
"""
from __future__ import annotations

import hashlib
import hmac
import os
from fractions import Fraction

from ..data import ContestData
from ..errors import DataInputError, Location
from ..messages import Message
from ..rubric.model import Rubric
from .count import VoteCount

FORMATS = ("table", "json", "csv", "xlsx", "md", "html")  # xlsx: render/votes_workbook.py
LISTED = 10_000  # set-aside votes listed one by one (the counts cover them all)


ENGINES = ("duckdb", "spark")
DIALECTS = ("duckdb", "spark", "trino")


def check_choices(fmt: str, engine: str, dialect: str) -> None:
    from ..errors import RubricEngineError
    from ..language.wording import Joined

    for value, options in ((fmt, FORMATS), (engine.partition(":")[0], ENGINES), (dialect, DIALECTS)):
        if value not in options:
            raise RubricEngineError.of("votes.unknown_choice", None, value=value, options=Joined(options))


def print_sql(rubric: Rubric, dialect: str) -> str:
    from .script import print_script

    return print_script(rubric, dialect)


def run(data: ContestData, rubric: Rubric, engine: str, audit: bool) -> tuple[dict, dict | None]:
    """The report (masked) and, for ``--audit``, the committee's (unmasked)."""
    count = count_on(data, rubric, engine)
    if count is None:
        raise DataInputError.of("votes.no_log", Location(str(data.folder)))
    document = vote_document(data, rubric, count)
    return document, vote_document(data, rubric, count, audit=True) if audit else None


def use_engine(data: ContestData, rubric: Rubric, engine: str) -> None:
    """``evaluate`` / ``explain --engine spark[:MASTER]``: the raw log counted again there, and the
    data's tallies those of that count (before anything is scored). ``duckdb``: nothing to do."""
    check_choices("json", engine, "duckdb")
    if engine == "duckdb" or data.vote_count is None:
        return
    count = count_on(data, rubric, engine)
    data.vote_count, data.votes = count, count.tallies()


def count_on(data: ContestData, rubric: Rubric, engine: str) -> VoteCount | None:
    """The data's count, or the same log counted again on ``spark[:MASTER]``."""
    count = data.vote_count
    if count is None or engine == "duckdb":
        return count
    from .count import count_votes
    from .engines import SparkEngine, spark_session

    import tempfile

    master = engine.partition(":")[2] or "local[2]"
    spark = SparkEngine(spark_session(master))
    with tempfile.TemporaryDirectory(prefix="rubric-votes-") as folder:
        log = f"{folder}/raw_log.parquet"  # on a cluster: a shared path (docs/votes.md)
        count.log.connection.execute(f"COPY raw_log TO '{log}' (FORMAT parquet)")
        spark.read_log(log)
        again = count_votes(spark, rubric, {e.id for e in data.entries}, count.reinstated)
    again.log = count.log
    return again


def refuse_final(data: ContestData, rubric: Rubric) -> None:
    """``evaluate --final`` while malformed rows remain, unless ``voting.malformed: exclude``."""
    count = data.vote_count
    if count is None or not count.malformed or rubric.voting.malformed == "exclude":
        return
    rows = ", ".join(str(line) for line, _ in count.malformed_rows)
    raise DataInputError.of("votes.final", Location(str(count.log.path) if count.log else None),
                            count=count.malformed, rows=rows)


def _ranks(values: dict[str, int]) -> dict[str, int]:
    ordered = sorted(values.values(), reverse=True)
    first = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return {entry: first[value] for entry, value in values.items()}


def _masker(data: ContestData, audit: bool):
    if audit:
        return lambda value: value
    key = (os.environ.get("RUBRIC_VOTES_MASK_KEY") or "".join(sorted(data.inputs.values()))).encode()
    return lambda value: hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:10] if value else ""


def vote_document(data: ContestData, rubric: Rubric, count: VoteCount, *, audit: bool = False) -> dict:
    """The report as data: the file's rows, per entry and category where the votes went, ranks and
    points with and without the exclusions, and the set-aside votes (masked unless ``audit``)."""
    mask = _masker(data, audit)
    labels = {c.id: c.label for c in rubric.voting.categories}
    titles = {e.id: e.title for e in data.entries}
    flags = {flag.id: flag for flag in rubric.voting.flags}
    rows = []
    for (entry, category), votes in sorted(count.keys.items()):
        row = {"entry": entry, "title": titles.get(entry, ""), "category": category,
               "category_label": labels.get(category, category), **votes.to_data()}
        row["flagged_by"] = {r: n for r, n in votes.matched_by.items() if flags[r].action == "flag"}
        row.setdefault("reinstated", 0)
        row.setdefault("reinstated_by", {})
        rows.append(row)
    panels = []
    for panel in rubric.vote_panels:
        with_ = {e.id: count.of(e.id, panel.category).counted for e in data.entries}
        without = {e.id: with_[e.id] + count.of(e.id, panel.category).excluded for e in data.entries}
        ranks, ranks_without = _ranks(with_), _ranks(without)
        panels.append({"panel": panel.id, "label": panel.label, "category": panel.category, "entries": [
            {"entry": e.id, "votes": with_[e.id], "rank": ranks[e.id], "points": _num(panel.rank_table.points(ranks[e.id])),
             "votes_without_exclusions": without[e.id], "rank_without_exclusions": ranks_without[e.id],
             "points_without_exclusions": _num(panel.rank_table.points(ranks_without[e.id]))}
            for e in sorted(data.entries, key=lambda e: (ranks[e.id], e.id))]})
    # a malformed row keeps what the log says (E404, ?) where no entry or category was recognised
    set_aside = [{"row": line, "entry": entry, "category": category, "voter": mask(voter), "ip": mask(ip),
                  "time": time, "status": status, "rule": rule}
                 for line, entry, category, voter, ip, time, status, rule in count.engine.rows(
                     "SELECT c.line, coalesce(e.id, l.entry), coalesce(g.id, l.category), l.voter, l.ip, l.time, c.status, c.rule "
                     "FROM classified AS c JOIN raw_log AS l ON c.line = l.line "
                     "LEFT JOIN entries AS e ON c.entry = e.code LEFT JOIN categories AS g ON c.category = g.code "
                     f"WHERE c.status IN ('excluded', 'malformed') ORDER BY c.line LIMIT {LISTED}")]
    hourly: dict = {}
    for entry, category, hour, counted, excluded in count.engine.rows(
            "SELECT entry, category, hour, counted, excluded FROM (" + _sql("hourly") + ") AS h ORDER BY hour"):
        hourly.setdefault(f"{entry}\t{category}", []).append([hour, counted, excluded])
    return {"kind": "votes", "audit": audit, "rows": count.rows, "malformed": count.malformed,
            "malformed_rows": [{"row": line, "problem": Message("votes.problem." + p).to_dict()}
                               for line, p in count.malformed_rows],
            "categories": [{"id": c.id, "label": c.label} for c in rubric.voting.categories],
            "rules": [{"id": f.id, "type": f.type, "action": f.action, "params": f.params}
                      for f in rubric.voting.flags],
            "entries": rows, "panels": panels, "set_aside": set_aside, "hourly": hourly,
            "reinstatements": [{"row": line, "rule": rule, "entry": entry, "voter": mask(voter), "ip": mask(ip),
                                "used": line not in count.unused_reinstated}
                               for line, rule, entry, voter, ip in count.reinstated],
            "conservation": "raw = counted + duplicates + outside + excluded (counted includes the reinstated); "
                            "rows = Σ raw + malformed"}


def _sql(name: str) -> str:
    from .script import sql

    return sql(name)


def _num(value: Fraction | None):
    if value is None:
        return None
    return int(value) if value.denominator == 1 else float(value)
