"""Issue 15 (parts 1, 2, 5): entry attributes, eligible:, severity ineligible, tie-breaks by formula.

One hand-made contest; every expected winner is worked out by hand in the comments."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rubric_engine import Contest, RubricEngineError
from rubric_engine.cli import app
from tests.conftest import TEST_LANGUAGE

RUBRIC = """\
rubric_version: 1
contest: {id: staff, name: 客服之星, submission: {deadline: "2026-03-31"}}
criteria:
  - {id: quality, label: 质量, max: 100}
panels:
  - {id: jury, label: 评委, type: judged, weight: 100%, criteria: [quality]}
final:
  tie_break: ["count(jury > 0)"]
voting:
  optional: true
  categories: [{id: popularity, label: 人气, default: true}]
checks:
  - {id: deadline, label: 提交时间, type: deadline, severity: ineligible}
awards:
  - {id: first, label: 一等奖, strategy: rank_tier, count: 1}
  - {id: second, label: 二等奖, strategy: rank_tier, count: 2}
  - {id: rookie, label: 最佳新人奖, strategy: rank_tier, count: 1, eligible: entry.新人}
  - {id: agent, label: 最佳坐席奖, strategy: rank_tier, count: 1, eligible: 'entry.岗位 == "坐席"'}
  - {id: popular, label: 人气奖, strategy: most_votes, eligible: votes.popularity >= 30}
"""
ENTRIES = """\
id,title,unit,submitted_at,新人,岗位,备注
E1,甲,一部,2026-03-01,否,坐席,
E2,乙,二部,2026-04-02,是,坐席,迟交
E3,丙,三部,2026-03-01,是,质检,
E4,丁,一部,2026-03-01,是,坐席,
E5,戊,二部,2026-03-01,,坐席,
E6,己,三部,2026-03-01,是,质检,
"""
MARKS = {"E1": (90, 90, 90), "E2": (95, 95, 95), "E3": (30, 0, 0), "E4": (10, 10, 10), "E5": (80, 80, 80),
         "E6": (70, 70, 70)}
VOTES = {"E1": 25, "E2": 100, "E3": 40, "E4": 35, "E5": 29, "E6": 31}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("attrs")
    (root / "rubric.yaml").write_text(RUBRIC, encoding="utf-8")
    data = root / "data"
    data.mkdir()
    (data / "entries.csv").write_text(ENTRIES, encoding="utf-8")
    rows = ["panel,judge,entry,quality"] + [f"jury,J{j + 1},{e},{m}" for e, marks in MARKS.items()
                                            for j, m in enumerate(marks)]
    (data / "scores.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (data / "votes.csv").write_text("entry,votes\n" + "".join(f"{e},{v}\n" for e, v in VOTES.items()),
                                    encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def result(folder):
    runner = CliRunner()
    out = runner.invoke(app, ["evaluate", str(folder / "rubric.yaml"), str(folder / "data"), "--format", "json",
                              "--lang", TEST_LANGUAGE])
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def winners(result, award):
    return next(a["winners"] for a in result["awards"] if a["id"] == award)


def entry(result, entry_id):
    return next(e for e in result["entries"] if e["id"] == entry_id)


def test_late_entry_is_ranked_and_listed_but_wins_nothing(result):
    # E2 (95) is first on the final, but submitted after the deadline: severity ineligible
    late = entry(result, "E2")
    assert late["rank"] == 1 and late["awards"] == [] and late["disqualified"] is False
    assert late["ineligible"][0]["code"] == "results.ineligible.check"
    assert late["conformity"]["score"] is None or late["conformity"]["violations"] == ["deadline"]
    assert entry(result, "E1")["ineligible"] is False
    # the tiers count places among the eligible: E1 (90) first; E5 (80), E6 (70) second
    assert winners(result, "first") == ["E1"] and winners(result, "second") == ["E5", "E6"]


def test_rookie_award_by_a_yes_no_column_without_plugin(result):
    # 新人 = 是: E2 (ineligible), E3, E4, E6; E5's cell is empty (false). Best of E3, E4, E6: E6 (70)
    assert winners(result, "rookie") == ["E6"]


def test_string_literal_compare(result):
    # 岗位 == 坐席: E1 (90), E2 (ineligible), E4, E5 → E1
    assert winners(result, "agent") == ["E1"]


def test_vote_gated_award(result):
    # ≥ 30 votes: E2 (100, ineligible), E3 40, E4 35, E6 31 → E3; E5 (29) is below the gate
    assert winners(result, "popular") == ["E3"]


def test_eurovision_tie_by_count_of_judges_who_gave_points(result):
    # E3 and E4 both average 10; E4 got points from 3 judges, E3 from 1
    assert entry(result, "E4")["final"] == entry(result, "E3")["final"] == 10
    assert (entry(result, "E4")["rank"], entry(result, "E3")["rank"]) == (5, 6)


def test_a_used_column_is_not_reported_unused(result):
    warned = " ".join(result["warnings"])
    assert "备注" in warned and "新人" not in warned and "岗位" not in warned


def test_explain_says_why_not_eligible_with_the_values(folder):
    runner = CliRunner()
    args = [str(folder / "rubric.yaml"), str(folder / "data")]
    out = runner.invoke(app, ["explain", *args, "E3", "--lang", "zh-CN", "--format", "json"])
    assert out.exit_code == 0, out.output
    explained = json.loads(out.stdout)
    agent = next(a for a in explained["awards"] if a["award"] == "agent")
    assert agent["why_not"]["text"] == '不符合参评条件：entry.岗位 == "坐席"（entry.岗位 = 质检）'
    tie = explained["rank"]["same_final_score"][0]["decided_by"]
    assert (tie["by"], tie["mine"], tie["theirs"], tie["result"]) == ("count(jury > 0)", 1, 3, "behind")
    document = Contest.open(folder / "rubric.yaml", folder / "data", language="zh-CN").explain("E5")
    rookie = next(a for a in document["awards"] if a["award"] == "rookie")
    assert rookie["eligible"] is False and "为空" in rookie["why_not"]["text"]
    late = Contest.open(folder / "rubric.yaml", folder / "data", language="zh-CN").explain("E2")
    assert late["ineligible"] and all(a["why_not"]["code"] == "results.ineligible.check"
                                      for a in late["awards"])


def test_missing_column_is_a_located_error_with_did_you_mean(folder, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(RUBRIC.replace("eligible: entry.新人}", "eligible: entry.新人奖}"), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["validate", str(bad)]).exit_code == 0  # no DATA: any entry.* is accepted
    with pytest.raises(RubricEngineError) as refused:
        Contest.open(bad, folder / "data", language="zh-CN").evaluate()
    problem = refused.value.problems[0]
    line = RUBRIC.splitlines().index(next(l for l in RUBRIC.splitlines() if "rookie" in l)) + 1
    assert problem.location.file == str(bad) and problem.location.line == line
    assert problem.location.column == RUBRIC.splitlines()[line - 1].index("entry.") + 1
    assert "新人奖" in str(problem.message) and "新人" in str(problem.hint)
    out = runner.invoke(app, ["evaluate", str(bad), str(folder / "data")])
    assert out.exit_code == 1 and "Traceback" not in out.output


def test_text_cannot_be_ordered(folder, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(RUBRIC.replace('entry.岗位 == "坐席"', "entry.岗位 > 3"), encoding="utf-8")
    with pytest.raises(RubricEngineError) as refused:
        Contest.open(bad, folder / "data", language="zh-CN").evaluate()
    assert refused.value.problems[0].code == "expression.type"
