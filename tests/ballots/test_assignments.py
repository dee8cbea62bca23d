"""Judge assignments (issue 14, deliver 6): who scores which entry; gaps never assigned are not warned."""
from __future__ import annotations

import json
from fractions import Fraction

import pytest

from tests.conftest import write_csv

RUBRIC = """\
rubric_version: 1
contest: {id: hack, name: 黑客松, submission: {deadline: "2026-05-01"}}
criteria:
  - {id: idea, label: 创意, max: 50}
  - {id: build, label: 实现, max: 50}
panels:
  - {id: tech, label: 技术评审, type: judged, weight: 60%, criteria: [idea, build], aggregation: mean}
  - id: biz
    label: 商业评审
    type: judged
    weight: 40%
    criteria: [idea, build]
    aggregation: mean
    judges: [{name: 投资人甲, entries: [T1, T2]}, {name: 投资人乙, entries: [T3, T4]}, 主席]
awards:
  - {id: first, label: 一等奖, strategy: rank_tier, count: 1}
"""
TEAMS = ["T1", "T2", "T3", "T4"]
# tech: each engineer sees two teams (from assignments.csv, GBK, Chinese headers); 组长 sees every team
TECH = {"工程师A": {"T1": (40, 30), "T3": (20, 25)}, "工程师B": {"T2": (35, 35), "T4": (45, 40)},
        "组长": {"T1": (30, 30), "T2": (25, 30), "T3": (30, 35), "T4": (40, 45)}}
BIZ = {"投资人甲": {"T1": (45, 40), "T2": (20, 20)}, "投资人乙": {"T3": (30, 30), "T4": (25, 35)},
       "主席": {"T1": (35, 35), "T2": (30, 30), "T3": (40, 40), "T4": (20, 30)}}


def write_contest(folder, extra_rows=(), tech=TECH):
    write_csv(folder / "entries.csv", [["id", "title", "unit"], *[[t, f"队{t}", f"校{t}"] for t in TEAMS]])
    rows = [[panel, judge, team, *marks] for panel, sheets in (("tech", tech), ("biz", BIZ))
            for judge, teams in sheets.items() for team, marks in teams.items()]
    write_csv(folder / "scores.csv", [["panel", "judge", "entry", "idea", "build"], *rows, *extra_rows])
    write_csv(folder / "assignments.csv", [["评委", "作品编号", "评分组"], ["工程师A", "T1", "技术评审"],
                                           ["工程师A", "T3", "tech"], ["工程师B", "T2", ""], ["工程师B", "T4", "tech"]],
              encoding="gbk")
    return folder


@pytest.fixture(scope="module")
def hack(tmp_path_factory):
    root = tmp_path_factory.mktemp("hack")
    rubric = root / "r.yaml"
    rubric.write_text(RUBRIC, encoding="utf-8")
    return rubric, write_contest(root / "data")


def mean_totals(sheets: dict, team: str) -> Fraction:
    totals = [sum(marks[team]) for marks in sheets.values() if team in marks]
    return Fraction(sum(totals), len(totals))


def test_a_contest_where_each_judge_sees_a_subset_has_no_warnings(cli, hack):
    rubric, data = hack
    code, out, err = cli("evaluate", rubric, data, "--format", "json")
    assert code == 0, err
    # no "judge X did not score T2" for pairs never assigned (the GBK table is read and said so)
    assert [line for line in err.splitlines() if "warning" in line and "read as gb18030" not in line] == [], err
    expected = {t: Fraction(3, 5) * mean_totals(TECH, t) + Fraction(2, 5) * mean_totals(BIZ, t) for t in TEAMS}
    assert {e["id"]: Fraction(e["final_exact"]) for e in json.loads(out)["entries"]} == expected


def test_a_sheet_for_an_unassigned_pair_is_a_located_error(cli, hack, tmp_path):
    data = write_contest(tmp_path / "data", extra_rows=[["tech", "工程师A", "T2", 10, 10],
                                                         ["biz", "投资人乙", "T1", 10, 10]])
    code, out, err = cli("evaluate", hack[0], data)
    assert code == 1
    assert "scores.csv:18:3: error: judge 工程师A is not assigned entry T2 on 技术评审 (2 entries are)" in err, err
    # errors of one kind in one column are grouped (issue 14): the first named, then the rows
    assert "2 errors of this kind in this column, on rows 18, 19" in err, err


def test_a_missing_sheet_of_an_assigned_pair_is_a_warning(cli, hack, tmp_path):
    tech = {**TECH, "工程师B": {"T2": (35, 35)}}  # T4 assigned to 工程师B, not scored
    code, out, err = cli("evaluate", hack[0], write_contest(tmp_path / "data", tech=tech))
    assert code == 0, err
    warnings = [line for line in err.splitlines() if "warning" in line and "gb18030" not in line]
    assert len(warnings) == 1 and "工程师B" in warnings[0] and "T4" in warnings[0], err


def test_an_unknown_entry_in_the_rubrics_judges_is_a_located_error(cli, hack, tmp_path):
    rubric = tmp_path / "r.yaml"
    written = RUBRIC.replace("[{name: 投资人甲, entries: [T1, T2]}, {name: 投资人乙, entries: [T3, T4]}, 主席]",
                             "\n      - name: 投资人甲\n        entries: [T1, X9]\n"
                             "      - {name: 投资人乙, entries: [T3, T44]}\n      - 主席")
    rubric.write_text(written, encoding="utf-8")
    lines = written.splitlines()
    x9 = next(n for n, line in enumerate(lines, 1) if "X9" in line)
    t44 = next(n for n, line in enumerate(lines, 1) if "T44" in line)
    code, out, err = cli("evaluate", rubric, hack[1], "--lang", "en")
    assert code == 1 and "Traceback" not in err
    column = lines[t44 - 1].index("T44") + 1
    assert (f"r.yaml:{t44}:{column}: error: judge 投资人乙 on 商业评审 is assigned entry 'T44', which is not in "
            "the entries table") in err, err
    assert "hint: did you mean 'T4'?" in err.split(f"r.yaml:{t44}:")[1].split("error:")[1], err  # its own hint
    assert f"r.yaml:{x9}:{lines[x9 - 1].index('X9') + 1}: error: judge 投资人甲" in err, err
    code, out, err = cli("evaluate", rubric, hack[1], "--lang", "zh-CN")
    assert f"r.yaml:{t44}:{column}: 错误：评委 投资人乙（商业评审）分配的作品编号“T44”不在作品表中" in err, err
