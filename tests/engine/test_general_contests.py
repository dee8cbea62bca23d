"""Beyond 2018 (SPEC §8): items with factors, other aggregations, declared judges.

Behaviour tests: each runs the library's front door (``Contest``), not the CLI."""
from __future__ import annotations

import csv
from collections import defaultdict
from fractions import Fraction

import pytest

from rubric_engine import Contest, RubricEngineError
from tests.conftest import MINI_RUBRIC, ROOT, TEST_LANGUAGE

DIVING = ROOT / "examples" / "diving"


def contest_of(rubric, folder=None) -> Contest:
    return Contest.open(rubric, folder, language=TEST_LANGUAGE)


def evaluated(rubric, folder) -> dict:
    return contest_of(rubric, folder).document("evaluate")


def problems_of(contest: Contest) -> str:
    """What evaluating ``contest`` refuses, as the CLI would print it (every problem located)."""
    with pytest.raises(RubricEngineError) as refused:
        contest.evaluate()
    return "\n".join(problem.render() for problem in refused.value.problems)


def test_diving_is_a_rubric_without_plugins():
    loaded = contest_of(DIVING / "rubric.yaml")
    assert [p.source for p in loaded.host.plugins() if p.source != "built-in"] == [] and loaded.rubric.panels
    result = evaluated(DIVING / "rubric.yaml", DIVING)
    # recompute independently: per dive drop 2 high + 2 low of 7, sum 3, × difficulty; sum the dives
    marks = defaultdict(list)
    factors = {}
    with open(DIVING / "scores.csv", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            marks[(row["entry"], row["item"])].append(Fraction(row["execution"]))
            factors[(row["entry"], row["item"])] = Fraction(row["factor"])
    totals = defaultdict(Fraction)
    for (entry, item), values in marks.items():
        totals[entry] += sum(sorted(values)[2:5]) * factors[(entry, item)]
    for entry in result["entries"]:
        assert entry["final_exact"] == str(totals[entry["id"]])
    ranked = sorted(totals, key=totals.get, reverse=True)
    assert [a["winners"] for a in result["awards"]] == [[ranked[0]], [ranked[1]], [ranked[2]]]


def test_explain_shows_each_item():
    panel = contest_of(DIVING / "rubric.yaml", DIVING).explain("D1")["panels"]["judges"]
    assert set(panel["items"]) == {"5152B", "107B", "405B"}
    assert panel["items_combined_by"] == "sum"
    assert sum(Fraction(str(v)) for v in panel["items"].values()) == Fraction(str(panel["score"]))


@pytest.mark.parametrize("aggregation,params,expected", [
    ("median", "", 86),  # totals 60, 82, 90, 95: the mean of the middle two
    ("trimmed_mean", ", aggregation_params: {drop: 1}", 86),
    ("mean", "", Fraction(327, 4)),
    ("sum", "", 327),
])
def test_aggregations(tmp_path, contest, aggregation, params, expected):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace(
        "criteria: [conformity, content, thought, innovation]}",
        f"criteria: [conformity, content, thought, innovation], aggregation: {aggregation}{params}}}", 1),
        encoding="utf-8")
    contest.entry("E1").vote("E1", 1).sheet("audience", "A1", "E1", 20, 30, 5)
    # totals with 规范性 10: 60, 82, 90, 95
    for judge, marks in (("X1", (20, 26, 4)), ("X2", (25, 40, 7)), ("X3", (28, 44, 8)), ("X4", (30, 45, 10))):
        contest.sheet("experts", judge, "E1", *marks)
    result = evaluated(rubric, contest.write())
    assert result["entries"][0]["panels"]["experts"]["score_exact"] == str(Fraction(expected))


def test_trimmed_mean_with_too_few_judges_is_a_clear_error(tmp_path, contest):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace(
        "criteria: [conformity, content, thought, innovation]}",
        "criteria: [conformity, content, thought, innovation], aggregation: trimmed_mean}", 1), encoding="utf-8")
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 1)
    said = problems_of(contest_of(rubric, contest.write()))
    assert "needs more than 2 judges, found 1" in said and "entry 'E1'" in said


def test_declared_judges_catch_an_unknown_judge(tmp_path, contest):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace(
        "criteria: [conformity, content, thought, innovation]}",
        "criteria: [conformity, content, thought, innovation], judges: [专家1, 专家2]}", 1), encoding="utf-8")
    contest.entry("E1").sheet("experts", "专家3", "E1", 20, 30, 5).vote("E1", 1)
    said = problems_of(contest_of(rubric, contest.write()))
    assert "scores.csv:2:2: error: unknown judge '专家3' for panel 专家评分" in said


def test_custom_final_formula_over_criteria(tmp_path, contest):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("final:\n", "final:\n  formula: experts.content + online.votes / 10\n"),
                      encoding="utf-8")
    contest.entry("E1").marks("E1", (24, 30, 5)).vote("E1", 35)
    result = evaluated(rubric, contest.write())
    assert result["entries"][0]["final"] == 27.5
