"""``evaluate`` and ``explain --engine spark[:MASTER]``: the scores use the count made on that engine.

Spark itself is proven equal to DuckDB in test_spark.py; here the count "on Spark" is a
stand-in (the same log counted again with a reinstatement, so its tallies differ) to show
that evaluate and explain score with the count the engine made, not with the first one."""
from __future__ import annotations

import json

from tests.votes.every_rule import FLAGS, rows
from tests.votes.helpers import contest_folder, rubric_with


def stand_in(seen):
    def count_on(data, rubric, engine):
        from rubric_engine.votes.count import count_votes
        from rubric_engine.votes.engines import DuckEngine

        seen.append(engine)
        # b0, b1, b2 from IP A count again (b3 stays excluded by ip_cap): E1 has 1 + 3 = 4 votes
        return count_votes(DuckEngine(data.vote_count.log.connection), rubric, {e.id for e in data.entries},
                           ((2, "burst", "E1", "", "A"),))
    return count_on


def test_evaluate_and_explain_score_with_the_engines_count(tmp_path, cli, monkeypatch):
    import rubric_engine.votes.report as report

    seen = []
    monkeypatch.setattr(report, "count_on", stand_in(seen))
    rubric, data = str(rubric_with(tmp_path, FLAGS)), str(contest_folder(tmp_path, rows()))
    code, out, err = cli("evaluate", rubric, data, "--format", "json")
    assert code == 0, err
    assert next(e for e in json.loads(out)["entries"] if e["id"] == "E1")["panels"]["online"]["votes"] == 1
    assert seen == []  # duckdb: the count made while reading
    code, out, err = cli("evaluate", rubric, data, "--format", "json", "--engine", "spark:local[1]")
    assert code == 0, err
    assert next(e for e in json.loads(out)["entries"] if e["id"] == "E1")["panels"]["online"]["votes"] == 4
    code, out, err = cli("explain", rubric, data, "E1", "--format", "json", "--engine", "spark")
    assert code == 0, err
    online = json.loads(out)["panels"]["online"]
    assert (online["votes"], online["vote_log"]["reinstated_by"]) == (4, {"burst": 3})
    assert seen == ["spark:local[1]", "spark"]


def test_an_unknown_engine_is_an_error_naming_the_choices(tmp_path, cli):
    rubric, data = str(rubric_with(tmp_path, FLAGS)), str(contest_folder(tmp_path, rows()))
    for command in (("evaluate",), ("explain", "E1")):
        code, _, err = cli(*command[:1], rubric, data, *command[1:], "--engine", "flink")
        assert code == 1 and "flink" in err and "spark" in err and "Traceback" not in err
