"""``rank_tables:`` and the rank-table lint (issue 14 deliver 3, issue 18 item 17), and a ranks-only rubric."""
from __future__ import annotations

import json
from fractions import Fraction

import pytest

from tests.conftest import write_csv

RANKS_ONLY = """\
rubric_version: 1
contest: {id: books, name: 好书评选, submission: {deadline: "2026-05-01"}}
rank_tables:
  top3: "1 -> 5; 2 -> 3; 3 -> 1"
panels:
  - {id: jury, label: 评委会, type: judged, ballot: ranked, rank_table: TABLE, aggregation: mean, weight: 100%}
awards:
  - {id: best, label: 年度好书, strategy: rank_tier, count: 1}
"""


def rubric_with(tmp_path, table: str = "top3", tables: str = '"1 -> 5; 2 -> 3; 3 -> 1"'):
    path = tmp_path / "r.yaml"
    path.write_text(RANKS_ONLY.replace("TABLE", table).replace('"1 -> 5; 2 -> 3; 3 -> 1"', tables, 1),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("tables,said", [
    ('"1 -> 5; 2 -> 3; 4.. -> 1"', "r.yaml:4:9: error: top3: no points for rank 3"),
    ('"1 -> 5; 2..3 -> 3; 3.. -> 1"', "r.yaml:4:9: error: top3: rank 3 is covered by more than one rule"),
    ('"1.. -> 5; 2 -> 3"', "r.yaml:4:9: error: top3: rank 2 is covered by more than one rule"),
])
def test_a_gap_or_an_overlap_in_a_rank_tables_entry_is_a_located_error(cli, tmp_path, tables, said):
    code, out, err = cli("validate", rubric_with(tmp_path, tables=tables))
    assert code == 1 and said in err, err
    assert "Traceback" not in err


def test_an_inline_gap_is_an_error_at_the_panel(cli, tmp_path):
    code, out, err = cli("validate", rubric_with(tmp_path, table='"1 -> 5; 3.. -> 1"'))
    assert code == 1 and "r.yaml:6:70: error: 评委会: no points for rank 2" in err, err


def test_a_table_without_an_open_rule_warns_and_later_ranks_get_0(cli, tmp_path):
    code, out, err = cli("validate", rubric_with(tmp_path))
    assert code == 0 and "r.yaml:4:9: warning: top3: no points for ranks 4 and beyond" in err, err


def test_an_unknown_table_name_says_did_you_mean(cli, tmp_path):
    code, out, err = cli("validate", rubric_with(tmp_path, table="tpo3"))
    assert code == 1 and "r.yaml:6:70: error: unknown rank table 'tpo3'" in err and "did you mean 'top3'" in err, err


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    root = tmp_path_factory.mktemp("books")
    rubric = root / "r.yaml"
    rubric.write_text(RANKS_ONLY.replace("TABLE", "top3").replace("3 -> 1", "3 -> 1; 4.. -> 0"), encoding="utf-8")
    data = root / "data"
    write_csv(data / "entries.csv", [["id", "title", "unit"], ["B1", "甲", "社1"], ["B2", "乙", "社2"],
                                     ["B3", "丙", "社3"], ["B4", "丁", "社4"]])
    ballots = {"张": ["B1", "B2", "B3"], "李": ["B2", "B1", "B4"], "王": ["B2", "B3", "B1"]}
    write_csv(data / "scores.csv", [["panel", "judge", "entry", "rank"],
                                    *[["jury", judge, entry, rank] for judge, order in ballots.items()
                                      for rank, entry in enumerate(order, 1)]])
    return rubric, data


def test_a_ranks_only_rubric_validates_shows_evaluates_and_explains(cli, books):
    rubric, data = books
    code, out, err = cli("validate", rubric)
    assert code == 0 and "error" not in err, err
    code, out, err = cli("show", rubric)
    assert code == 0 and "top3" in out, err
    assert not [line for line in out.splitlines() if line.startswith("Criteria")]  # no criteria table
    code, out, err = cli("evaluate", rubric, data, "--format", "json")
    assert code == 0, err
    # mean of three judges' points (5, 3, 1; 0 when not ranked), as a share of 5 (the table's top) × 100
    points = {"B1": (5 + 3 + 1), "B2": (3 + 5 + 5), "B3": (1 + 0 + 3), "B4": (0 + 1 + 0)}
    expected = {e: Fraction(p, 3) / 5 * 100 for e, p in points.items()}
    assert {e["id"]: Fraction(e["final_exact"]) for e in json.loads(out)["entries"]} == expected
    assert "warning" not in err, err
    code, out, err = cli("explain", rubric, data, "B4")
    assert code == 0, err
    assert "judge 李, judge's total: rank 3 = 1" in out and "judge 张, judge's total: not ranked = 0" in out, out
    for fmt in ("csv", "md", "html", "xlsx"):
        code, out, err = cli("evaluate", rubric, data, "--format", fmt, "--output", str(data.parent / f"out.{fmt}"))
        assert code == 0, (fmt, err)
