"""The counting as one SQL script: the .sql files of this folder, bound with the rubric's values.

Every statement is written in DuckDB's dialect and transpiled with sqlglot for the others
(``spark``, ``trino``), never kept as hand-made copies. Bound values are integers and
rule ids (``[A-Za-z_][A-Za-z0-9_]*``, the schema's ids): no rubric text reaches SQL.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from ..rubric.model import Rubric
from .rules import epoch_day

FOLDER = Path(__file__).with_name("sql")
# a plain contest-time date or date-time; every other text goes to the project's parser
TIME_PATTERN = r"^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?$"
KEY_COLUMNS = {"voter": "voter", "entry": "entry", "category": "category", "day": "day", "ip": "ip",
               "device": "device"}
FIRST_MALFORMED = 10
TEXTS = ("voter", "ip", "device")  # the log's texts ranked carries only where a later stage reads them
_ALL_COLUMNS = re.compile(r"(?:SELECT|,)\s*(?:[A-Za-z_][A-Za-z0-9_]*\.)?\*", re.IGNORECASE)


def sql(name: str, **values) -> str:
    text = (FOLDER / f"{name}.sql").read_text(encoding="utf-8")
    return Template(text).substitute(values) if values else text


@dataclass(frozen=True)
class Statement:
    kind: str  # "view" | "table" (materialised where the engine can)
    name: str
    sql: str


def needs_time(rubric: Rubric) -> bool:
    voting = rubric.voting
    return bool("day" in voting.one_vote_per or voting.opens or voting.closes
                or any(flag.rule.needs_time for flag in voting.flags))


def carried(rubric: Rubric, reinstating: bool = True) -> list[str]:
    """The log's texts (voter, ip, device) ranked must carry: the one_vote_per key's, those a
    rule's SQL names (or all, for a rule selecting ``*``), and voter and ip where
    reinstatements are matched. The others stay in raw_log: a narrower sort, less to spill."""
    voting = rubric.voting
    wanted = {name for name in voting.one_vote_per if name in TEXTS}
    if reinstating:
        wanted |= {"voter", "ip"}
    for flag in voting.flags:
        text = re.sub(r"--[^\n]*", "", flag.rule.render(flag.bound))
        if _ALL_COLUMNS.search(text):
            return list(TEXTS)
        wanted |= {name for name in TEXTS if re.search(rf"\b{name}\b", text, re.IGNORECASE)}
    return [name for name in TEXTS if name in wanted]


def stages(rubric: Rubric, reinstating: bool = True) -> list[Statement]:
    """The statements after ``parts`` and ``time_fix``: typed rows up to the classification.

    ``reinstating``: whether a votes_reinstated table has rows (else voter and ip are carried
    only where the key or a rule needs them)."""
    voting = rubric.voting
    outside = []
    if voting.opens:
        outside.append(f"day < {epoch_day(voting.opens)}")
    if voting.closes:
        outside.append(f"day > {epoch_day(voting.closes)}")
    key = ", ".join(KEY_COLUMNS[name] for name in voting.one_vote_per) or "entry"
    texts = carried(rubric, reinstating)
    typed_texts = "".join(f", r.{name}" for name in texts)
    ranked_texts = "".join(f", {name}" for name in texts)
    deduped_texts = ", ".join(f"k.{name}" if name in texts else f"'' AS {name}" for name in TEXTS)
    statements = [
        Statement("view", "typed", sql("typed", needs_time="TRUE" if needs_time(rubric) else "FALSE",
                                       carried=typed_texts)),
        Statement("table", "ranked", sql("ranked", key=key, outside=" OR ".join(outside) or "1 = 0",
                                         carried=ranked_texts)),
        # a view: each rule filters ranked as it reads it, instead of a second wide copy of the log
        Statement("view", "deduped", sql("deduped", texts=deduped_texts)),
        Statement("view", "deduped_keys", sql("deduped_keys", texts=deduped_texts.replace("k.", ""))),
    ]
    caught = []
    for position, flag in enumerate(voting.flags, start=1):
        statements.append(Statement("table", f"hits_{position}", flag.rule.render(flag.bound)))
        caught.append(f"SELECT line, '{flag.id}' AS rule, {position} AS position, '{flag.action}' AS action "
                      f"FROM hits_{position}")
    none = "SELECT CAST(NULL AS BIGINT) AS line, '' AS rule, 0 AS position, '' AS action WHERE 1 = 0"
    statements.append(Statement("view", "caught", " UNION ALL ".join(caught) or none))
    rules = [f"SELECT {position} AS position, '{flag.id}' AS id" for position, flag in
             enumerate(voting.flags, start=1)]
    statements.append(Statement("view", "rules", " UNION ALL ".join(rules) or "SELECT 0 AS position, '' AS id WHERE 1 = 0"))
    statements.append(Statement("table", "reinstated_hits", sql("reinstated_hits")))
    statements.append(Statement("view", "excluded", sql("excluded")))
    statements.append(Statement("table", "classified", sql("classified")))
    return statements


def parts() -> Statement:
    return Statement("table", "parts", sql("parts", pattern=TIME_PATTERN))


def transpile(text: str, dialect: str) -> str:
    if dialect == "duckdb":
        return text
    import sqlglot

    return sqlglot.transpile(text, read="duckdb", write=dialect)[0]


def print_script(rubric: Rubric, dialect: str) -> str:
    """The whole counting as a script in ``dialect``, the rubric's values bound.

    It reads ``raw_log`` (line, entry, category, voter, time, ip, device: texts, ``''``
    where empty), ``entries`` (id), ``cat_map`` (text, id), ``time_fix`` (time, t, day,
    hour: the texts the SQL does not read itself, read by the project's parser) and
    ``reinstated`` (request, rule, entry, voter, ip: the votes_reinstated table).
    """
    import sqlglot

    out = []
    for statement in [parts(), *stages(rubric)]:
        body = sqlglot.transpile(statement.sql, read="duckdb", write=dialect, pretty=True)[0]
        view = "TEMPORARY VIEW" if dialect == "spark" else "VIEW"
        out.append(f"-- {statement.name}\nCREATE OR REPLACE {view} {statement.name} AS\n{body};\n")
    for name in ("summary", "by_rule", "reinstated_by", "hourly"):
        body = sqlglot.transpile(sql(name), read="duckdb", write=dialect, pretty=True)[0]
        out.append(f"-- {name}\n{body};\n")
    return "\n".join(out)
