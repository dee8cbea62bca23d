"""Issue 14 (negative marks, rounding, scale, items): contests written as rubrics with no plugin.

Each contest is built here (rubric + data), and every expected number is computed in the test
with Fractions and ``decimal`` (ROUND_HALF_UP) — never read from the engine.
"""
from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from rubric_engine import Contest, RubricEngineError
from rubric_engine.engine.rounding import round_exact
from tests.conftest import TEST_LANGUAGE, write_csv


def half_up(value: Fraction, places: int = 2) -> Fraction:
    """Independent of the engine: decimal's ROUND_HALF_UP (away from zero) on the exact quotient."""
    quotient = Decimal(value.numerator) / Decimal(value.denominator)
    return Fraction(quotient.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def trimmed_mean(values) -> Fraction:
    ordered = sorted(Fraction(v) for v in values)
    return sum(ordered[1:-1], Fraction(0)) / (len(ordered) - 2)


# --- rounding arithmetic ---------------------------------------------------------------------------

@pytest.mark.parametrize("value,mode,expected", [
    ("2.345", "half_up", "2.35"), ("-2.345", "half_up", "-2.35"), ("2.344", "half_up", "2.34"),
    ("2.345", "half_even", "2.34"), ("2.355", "half_even", "2.36"), ("-2.345", "half_even", "-2.34"),
    ("2.349", "down", "2.34"), ("-2.349", "down", "-2.34"), ("5/3", "half_up", "1.67"), ("-5/3", "down", "-1.66"),
])
def test_round_exact_modes(value, mode, expected):
    assert round_exact(Fraction(value), 2, mode) == Fraction(expected)


# --- an ISU-like segment: base value + trimmed-mean GOE (−5..+5) × BV/10 rounded per element ------

ISU_RUBRIC = """\
rubric_version: 1
language: en
contest: {id: isu, name: ISU-like segment}
criteria:
  - {id: goe, label: GOE, min: -5, max: 5}
  - {id: bv, label: Base value, max: 15, step: 0.01}
  - {id: pc, label: Components, max: 10, step: 0.25}
panels:
  - {id: base, label: Base value, type: judged, criteria: [bv], items: sum, max: 45}
  - id: goe
    label: Grade of execution
    type: judged
    criteria: [goe]
    aggregation: trimmed_mean
    aggregation_params: {drop: 1}
    items: sum
    item_round: {decimals: 2}
    max: 22.5
  - id: pcs
    label: Program components
    type: judged
    criteria: [pc]
    aggregation: trimmed_mean
    aggregation_params: {drop: 1}
    scale: 1.67
    round: {decimals: 2, mode: half_up}
final:
  formula: base + goe + pcs
  max: 84.2
awards:
  - {id: gold, label: Gold, strategy: rank_tier, count: 1}
"""

# skater -> [(element, base value, five judges' GOE grades)], and the five judges' component marks
SEGMENT = {
    "S1": ([("1", "4.20", (2, 1, 1, 2, 3)), ("2", "5.90", (-1, -2, -1, 0, -3)), ("3", "3.30", (1, 1, 2, 0, 1))],
           ("8.25", "8.50", "8.00", "8.75", "8.50")),
    "S2": ([("1", "9.50", (3, 2, 2, 4, 3)), ("2", "4.20", (0, 1, 0, 0, -1)), ("3", "5.30", (-5, -4, -5, -3, -4))],
           ("7.50", "7.25", "7.75", "7.50", "8.00")),
    "S3": ([("1", "10.50", (-2, -1, -1, -2, 0)), ("2", "3.30", (2, 3, 2, 2, 1)), ("3", "5.90", (1, 0, 1, 2, 1))],
           ("9.00", "8.75", "9.25", "9.00", "8.50")),
    "S4": ([("1", "4.20", (-3, -3, -2, -4, -3)), ("2", "5.90", (3, 3, 4, 2, 3)), ("3", "9.50", (1, 1, 0, 1, 2))],
           ("6.75", "7.00", "6.50", "7.25", "7.00")),
}
JUDGES = ("J1", "J2", "J3", "J4", "J5")


def _isu_folder(folder):
    rows = [["panel", "judge", "entry", "item", "factor", "goe", "bv", "pc"]]
    for skater, (elements, components) in SEGMENT.items():
        for element, base, grades in elements:
            rows.append(["base", "TP", skater, element, "", "", base, ""])
            for judge, grade in zip(JUDGES, grades):
                rows.append(["goe", judge, skater, element, str(Decimal(base) / 10), grade, "", ""])
        for judge, mark in zip(JUDGES, components):
            rows.append(["pcs", judge, skater, "", "", "", "", mark])
    write_csv(folder / "scores.csv", rows)
    write_csv(folder / "entries.csv", [["id", "title", "unit"]] + [[s, f"Skater {s}", "ISU"] for s in SEGMENT])
    return folder


def isu_official(rounded: bool = True) -> dict[str, Fraction]:
    """The segment's totals as the ISU computes them (or, ``rounded`` false, with no rounding at all)."""
    keep = half_up if rounded else (lambda value: value)
    totals = {}
    for skater, (elements, components) in SEGMENT.items():
        tes = sum((Fraction(base) + keep(trimmed_mean(grades) * Fraction(base) / 10)
                   for _, base, grades in elements), Fraction(0))
        totals[skater] = tes + keep(trimmed_mean(components) * Fraction("1.67"))
    return totals


@pytest.fixture(scope="module")
def isu(tmp_path_factory):
    root = tmp_path_factory.mktemp("isu")
    (root / "rubric.yaml").write_text(ISU_RUBRIC, encoding="utf-8")
    _isu_folder(root)
    contest = Contest.open(root / "rubric.yaml", root, language=TEST_LANGUAGE)
    return root, contest, contest.document("evaluate")


def test_isu_segment_reproduced_with_no_plugin(isu):
    _, contest, result = isu
    assert [p.source for p in contest.host.plugins() if p.source != "built-in"] == []
    official = isu_official()
    assert official != isu_official(rounded=False)  # the rounding changes at least one total
    assert {e["id"]: Fraction(e["final_exact"]) for e in result["entries"]} == official
    ranked = sorted(official, key=official.get, reverse=True)
    assert result["awards"][0]["winners"] == [ranked[0]]


def test_isu_explain_shows_each_rounding_as_a_step(isu):
    root, contest, _ = isu
    panels = contest.explain("S1")["panels"]
    steps = panels["goe"]["steps"]
    assert [s["code"] for s in steps] == ["explain.round.item"] * len(steps)
    # S1 element 2: trimmed mean of (-1,-2,-1,0,-3) = -4/3, × 0.59 = -0.78666… → -0.79 (away from zero)
    element2 = next(s for s in steps if s["fields"]["item"] == "2")
    assert element2["fields"]["rounded"] == "-0.79" and element2["fields"]["decimals"] == 2
    assert element2["fields"]["mode"]["code"] == "explain.round.mode.half_up"
    assert panels["goe"]["items"]["2"] == -0.79
    # the components: mean of 8.25, 8.5, 8.5 = 8.41666…, × 1.67 = 14.0558… → 14.06
    codes = [s["code"] for s in panels["pcs"]["steps"]]
    assert codes == ["explain.scale", "explain.round.panel"]
    assert panels["pcs"]["steps"][1]["fields"]["rounded"] == "14.06" and panels["pcs"]["score"] == 14.06
    assert panels["pcs"]["max"] == 16.7  # the maximum is scaled too: 10 × 1.67


def test_isu_cli_evaluate_and_explain(isu, cli):
    root, _, _ = isu
    code, out, err = cli("evaluate", root / "rubric.yaml", root, "--format", "json")
    assert code == 0, err
    finals = {e["id"]: Fraction(e["final_exact"]) for e in json.loads(out)["entries"]}
    assert finals == isu_official()
    assert "highest reachable" not in err  # final.max: 84.2 is the segment's scale
    code, out, err = cli("explain", root / "rubric.yaml", root, "S1", "--format", "md")
    assert code == 0, err
    assert "item 2: -0.78666666… → -0.79 (2 decimals, half up, halves away from zero)" in out
    assert "8.41666666… × scale 1.67 = 14.05583333…" in out
    assert "panel score 14.05583333… → 14.06 (2 decimals, half up, halves away from zero)" in out
    assert "note:" not in err and "warning" not in err


# --- the highest reachable final -------------------------------------------------------------------

def test_final_max_declares_the_scale_of_the_final(isu, cli, tmp_path):
    root, _, _ = isu
    undeclared = tmp_path / "rubric.yaml"
    undeclared.write_text(ISU_RUBRIC.replace("  max: 84.2\n", ""), encoding="utf-8")
    code, _, err = cli("validate", undeclared)
    assert code == 0 and "the highest reachable final score is 84.2, not 100" in err  # 45 + 22.5 + 10 × 1.67
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(ISU_RUBRIC.replace("  max: 84.2\n", "  max: 80\n"), encoding="utf-8")
    code, _, err = cli("validate", wrong)
    assert code == 0 and "the highest reachable final score is 84.2, not 80" in err
    code, _, err = cli("validate", root / "rubric.yaml")
    assert code == 0 and "highest reachable" not in err


def test_a_formula_over_votes_has_no_reachable_maximum(tmp_path, cli):
    """Votes have no top: the lint no longer says "the highest reachable final score is 0"."""
    rubric = tmp_path / "r.yaml"
    rubric.write_text(RUNS_RUBRIC.replace("final: {formula: runs}", "  - {id: web, label: Web, type: votes, "
                                          "rank_table: \"1.. -> 0\"}\nfinal: {formula: runs + web.votes / 100}"),
                      encoding="utf-8")
    code, _, err = cli("validate", rubric)
    assert code == 0, err
    assert "highest reachable" not in err


# --- best of three runs, one run not scored --------------------------------------------------------

RUNS_RUBRIC = """\
rubric_version: 1
language: en
contest: {id: runs, name: Halfpipe}
criteria:
  - {id: run, label: Run score, max: 100, step: 0.25}
panels:
  - id: runs
    label: Runs
    type: judged
    criteria: [run]
    aggregation: mean
    items: best(1)
    items_optional: true
final: {formula: runs}
awards:
  - {id: gold, label: Gold, strategy: rank_tier, count: 1}
"""

RUNS = {  # rider -> run -> three judges' marks; R2 did not take her third run
    "R1": {"run1": (80, 82, 81), "run2": ("85.5", 86, "84.75"), "run3": (40, 42, 41)},
    "R2": {"run1": (88, 87, "88.5"), "run2": (30, 31, 29)},
    "R3": {"run1": (70, 72, 71), "run2": (75, 74, 76), "run3": (90, "89.25", 91)},
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("runs")
    (root / "rubric.yaml").write_text(RUNS_RUBRIC, encoding="utf-8")
    rows = [["panel", "judge", "entry", "item", "run"]]
    for rider, their_runs in RUNS.items():
        for run, marks in their_runs.items():
            rows += [["runs", f"J{i}", rider, run, mark] for i, mark in enumerate(marks, start=1)]
    write_csv(root / "scores.csv", rows)
    write_csv(root / "entries.csv", [["id", "title", "unit"]] + [[r, f"Rider {r}", "Club"] for r in RUNS])
    return root


def best_run(rider: str) -> Fraction:
    return max(sum(map(Fraction, map(str, marks)), Fraction(0)) / 3 for marks in RUNS[rider].values())


def test_best_of_three_runs_with_an_unscored_run(runs, cli):
    code, out, err = cli("evaluate", runs / "rubric.yaml", runs, "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    finals = {e["id"]: Fraction(e["final_exact"]) for e in result["entries"]}
    assert finals == {rider: best_run(rider) for rider in RUNS}
    r2 = next(e for e in result["entries"] if e["id"] == "R2")
    assert r2["panels"]["runs"]["items"]["run3"] is None  # not scored: null, never 0
    assert "not scored" not in err and "warning" not in err  # items_optional: true
    code, out, err = cli("explain", runs / "rubric.yaml", runs, "R2", "--format", "md")
    assert code == 0, err
    assert "run3: not scored –" in out and "the 1 highest items added" in out


def test_an_unscored_run_is_warned_without_items_optional(runs, tmp_path):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(RUNS_RUBRIC.replace("    items_optional: true\n", "").replace("best(1)", "mean"),
                      encoding="utf-8")
    contest = Contest.open(rubric, runs, language=TEST_LANGUAGE)
    evaluation = contest.evaluate()
    said = [str(w) for w in evaluation.warnings if w.code == "data.item_not_scored"]
    assert len(said) == 1 and "entry R2 has no sheet for item 'run3'" in said[0]
    r2 = next(r for r in evaluation.entries if r.entry.id == "R2")
    mean_of_two = sum((sum(map(Fraction, map(str, m)), Fraction(0)) / 3 for m in RUNS["R2"].values()), Fraction(0)) / 2
    assert r2.final == mean_of_two  # the mean of the two scored runs, not of three with a 0


def test_a_factor_that_disagrees_within_an_item_is_a_located_error(tmp_path, cli):
    (tmp_path / "rubric.yaml").write_text(ISU_RUBRIC, encoding="utf-8")
    _isu_folder(tmp_path)
    lines = (tmp_path / "scores.csv").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("goe,J3,S2,2,"))
    lines[row] = lines[row].replace(",0.42,", ",0.43,")
    (tmp_path / "scores.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = cli("evaluate", tmp_path / "rubric.yaml", tmp_path)
    assert code == 1
    assert (f"scores.csv:{row + 1}:5: error: factor 0.43 for item '2' of entry S2 (Grade of execution), "
            f"but row {row - 1} gives 0.42") in err


def test_bad_items_rule_and_item_round_without_items(tmp_path, cli):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(RUNS_RUBRIC.replace("best(1)", "bset(2)").replace(
        "final:", "  - {id: other, label: Other, type: judged, criteria: [run], item_round: {decimals: 1}}\nfinal:"),
        encoding="utf-8")
    code, _, err = cli("validate", rubric)
    assert code == 1
    assert "items: bset(2) is not a way to combine items" in err and "did you mean 'best(2)'" in err
    assert "item_round applies only to a panel with items" in err


# --- negative marks ------------------------------------------------------------------------------

GOE_ONLY = """\
rubric_version: 1
language: en
contest: {id: goe, name: GOE}
criteria:
  - {id: goe, label: GOE, min: MIN, max: 5}
panels:
  - {id: judges, label: Judges, type: judged, criteria: [goe], weight: 100%, max: 5}
final: {formula: judges, max: 5}
awards:
  - {id: gold, label: Gold, strategy: rank_tier, count: 1}
"""


@pytest.fixture(scope="module")
def goe_folder(tmp_path_factory):
    """14 skaters × 3 judges, grades −4..+2: 28 negative grades, in two columns of the long form's kind."""
    root = tmp_path_factory.mktemp("goe")
    rows = [["panel", "judge", "entry", "goe"]]
    for skater in range(1, 15):
        rows += [["judges", judge, f"S{skater:02d}", grade] for judge, grade in (("J1", -1), ("J2", -4), ("J3", 2))]
    write_csv(root / "scores.csv", rows)
    write_csv(root / "entries.csv", [["id", "title", "unit"]] + [[f"S{i:02d}", f"S{i}", "U"] for i in range(1, 15)])
    return root


def test_negative_marks_where_min_is_below_zero(goe_folder, tmp_path, cli):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(GOE_ONLY.replace("MIN", "-5"), encoding="utf-8")
    code, out, err = cli("evaluate", rubric, goe_folder, "--format", "json")
    assert code == 0, err
    finals = {e["final_exact"] for e in json.loads(out)["entries"]}
    assert finals == {str(Fraction(-1 - 4 + 2, 3))}


def test_negative_marks_under_min_zero_are_grouped_errors(goe_folder, tmp_path, cli):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(GOE_ONLY.replace("MIN", "0"), encoding="utf-8")
    with pytest.raises(RubricEngineError) as refused:
        Contest.open(rubric, goe_folder, language=TEST_LANGUAGE).evaluate()
    assert sum(p.code == "data.range" for p in refused.value.problems) == 28  # all of them, in the data
    code, _, err = cli("evaluate", rubric, goe_folder)
    assert code == 1
    lines = err.splitlines()
    assert sum("error:" in line for line in lines) == 1  # one line for the one (column, kind)
    assert "scores.csv:2:4: error: GOE mark -1 is negative, outside 0..5" in err
    rows = ", ".join(str(r) for r in (2, 3, 5, 6, 8, 9, 11, 12, 14, 15))  # the −1s and −4s of S01..S05
    assert f"28 errors of this kind in this column, on rows {rows}; 18 more of this kind (data.range)" in err
    assert "write min: -5 in the rubric" in err
    assert "28 error(s)" in err


# --- a criterion's round: each mark value, before the judge's total --------------------------------

TIMED = """\
rubric_version: 1
language: en
contest: {id: timed, name: Timed}
criteria:
  - {id: time, label: Time bonus, min: -10, max: 10, step: 0.001, round: {decimals: 2, mode: MODE}}
  - {id: style, label: Style, max: 10}
panels:
  - {id: judges, label: Judges, type: judged, criteria: [time, style], aggregation: mean, max: 20}
final: {formula: judges, max: 20}
awards:
  - {id: gold, label: Gold, strategy: rank_tier, count: 1}
"""
TIMED_MARKS = (("J1", "7.345", 5), ("J2", "-2.355", 6), ("J3", "1.007", 7))


@pytest.fixture(scope="module")
def timed_folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("timed")
    write_csv(root / "scores.csv", [["panel", "judge", "entry", "time", "style"]] +
              [["judges", judge, "T1", time, style] for judge, time, style in TIMED_MARKS])
    write_csv(root / "entries.csv", [["id", "title", "unit"], ["T1", "Team", "U"]])
    return root


@pytest.mark.parametrize("mode,decimal_mode", [("half_up", ROUND_HALF_UP), ("half_even", "ROUND_HALF_EVEN"),
                                               ("down", "ROUND_DOWN")])
def test_criterion_round_rounds_each_mark(timed_folder, tmp_path, mode, decimal_mode):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(TIMED.replace("MODE", mode), encoding="utf-8")
    contest = Contest.open(rubric, timed_folder, language=TEST_LANGUAGE)
    kept = [Fraction(Decimal(time).quantize(Decimal("0.01"), rounding=decimal_mode)) + style
            for _, time, style in TIMED_MARKS]
    unrounded = sum((Fraction(time) + style for _, time, style in TIMED_MARKS), Fraction(0)) / 3
    expected = sum(kept, Fraction(0)) / 3
    assert expected != unrounded
    assert contest.evaluate().entries[0].final == expected
    steps = contest.explain("T1")["panels"]["judges"]["steps"]
    assert [(s["code"], s["fields"]["judge"], s["fields"]["exact"]) for s in steps] == [
        ("explain.round.mark", judge, time) for judge, time, _ in TIMED_MARKS]
    assert [Fraction(s["fields"]["rounded"]) for s in steps] == [k - style for k, (_, _, style) in zip(kept, TIMED_MARKS)]
