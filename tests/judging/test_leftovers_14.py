"""Issue 14's last tests: a plugin aggregation's note as data and words, dropped marks struck through in
html, and a z-scored hackathon with an assignments table and no warnings. Contests made here by hand;
answers computed here (Fractions; decimal for the square roots, as the issue says)."""
from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest

from tests.conftest import write_csv
from tests.engine.test_normalise import expected_zscores, panel_means

RUBRIC = """\
rubric_version: 1
contest: {id: t, name: 测试赛, submission: {deadline: "2026-05-01"}}
criteria:
  - {id: idea, label: 创意, max: 50}
  - {id: build, label: 实现, max: 50}
panels:
  - {id: jury, label: 评委会, type: judged, weight: 100%, criteria: [idea, build]PANEL}
final: {tie_break: []}
awards:
  - {id: first, label: 一等奖, strategy: rank_tier, count: 1}
"""
# five judges, two entries: (idea, build) per judge
MARKS = {"E1": {"甲": (40, 45), "乙": (10, 10), "丙": (35, 40), "丁": (30, 35), "戊": (50, 50)},
         "E2": {"甲": (30, 30), "乙": (25, 30), "丙": (35, 35), "丁": (20, 25), "戊": (40, 40)}}


def contest(root, panel: str):
    root.mkdir(parents=True, exist_ok=True)
    rubric = root / "r.yaml"
    rubric.write_text(RUBRIC.replace("PANEL", panel), encoding="utf-8")
    data = root / "data"
    data.mkdir()
    write_csv(data / "entries.csv", [["id", "title", "unit"], ["E1", "作品一", "甲校"], ["E2", "作品二", "乙校"]])
    write_csv(data / "scores.csv", [["panel", "judge", "entry", "idea", "build"]] +
              [["jury", j, e, a, b] for e, sheets in MARKS.items() for j, (a, b) in sheets.items()])
    return rubric, data


def totals(entry: str) -> dict[str, int]:
    return {j: a + b for j, (a, b) in MARKS[entry].items()}


# --- a plugin aggregation's Aggregated.note ---------------------------------------------------------

PLUGIN = '''from fractions import Fraction

from rubric_engine import Aggregated, Aggregation, Message, hookimpl


def spread_mean(sheets, params):
    totals = [s.total for s in sheets]
    return Aggregated(sum(totals, Fraction(0)) / len(totals),
                      note=Message("spread_mean.note", spread=max(totals) - min(totals), judges=len(totals)))


@hookimpl
def register_aggregations(register):
    register(Aggregation("spread_mean", summary="the mean, noting the judges' spread", aggregate=spread_mean))


@hookimpl
def register_messages(register):
    register({"zh-CN": {"spread_mean.note": "评委间极差 {spread}（{judges} 位评委）"},
              "en": {"spread_mean.note": "the judges' spread is {spread} ({judges} judges)"}})
'''


@pytest.fixture(scope="module")
def spread(tmp_path_factory):
    root = tmp_path_factory.mktemp("spread")
    plugins = root / "plugins"
    plugins.mkdir()
    (plugins / "spread.py").write_text(PLUGIN, encoding="utf-8")
    return (*contest(root / "c", ", aggregation: spread_mean"), plugins)


def test_a_plugin_aggregations_note_is_data_and_words_in_both_languages(cli, spread):
    rubric, data, plugins = spread
    spread_e1 = max(totals("E1").values()) - min(totals("E1").values())  # 100 − 20 = 80
    code, out, err = cli("explain", rubric, data, "E1", "--plugins-dir", plugins, "--format", "json", "-q")
    assert code == 0, err
    panel = json.loads(out)["panels"]["jury"]
    assert Fraction(panel["score_exact"]) == Fraction(sum(totals("E1").values()), 5)
    [note] = panel["aggregation_notes"]
    assert note["item"] is None
    # the note as data: code + fields (a Fraction field kept exact, as text), re-rendered from them
    assert note["note"]["code"] == "spread_mean.note" and note["note"]["fields"] == {"spread": str(spread_e1), "judges": 5}
    from rubric_engine import Message

    assert str(Message.from_data(note["note"])) == note["note"]["text"]
    assert note["note"]["text"] == f"the judges' spread is {spread_e1} (5 judges)"
    for language, words in (("zh-CN", f"评委间极差 {spread_e1}（5 位评委）"), ("en", f"the judges' spread is {spread_e1}")):
        code, out, err = cli("explain", rubric, data, "E1", "--plugins-dir", plugins, "--lang", language, "-q")
        assert code == 0 and words in out, out
        code, out, err = cli("explain", rubric, data, "E1", "--plugins-dir", plugins, "--lang", language,
                             "--format", "json", "-q")
        assert json.loads(out)["panels"]["jury"]["aggregation_notes"][0]["note"]["text"].startswith(words)
    # evaluate's JSON carries the same note, entry by entry (E2: its own spread)
    code, out, err = cli("evaluate", rubric, data, "--plugins-dir", plugins, "--format", "json", "-q")
    assert code == 0, err
    entries = {e["id"]: e["panels"]["jury"] for e in json.loads(out)["entries"]}
    for entry in ("E1", "E2"):
        [said] = entries[entry]["aggregation_notes"]
        spread = max(totals(entry).values()) - min(totals(entry).values())
        assert said["note"] == {"code": "spread_mean.note", "fields": {"spread": str(spread), "judges": 5},
                                "text": f"the judges' spread is {spread} (5 judges)"}
    assert Fraction(entries["E2"]["score_exact"]) == Fraction(sum(totals("E2").values()), 5)


# --- dropped marks struck through in html (trimmed_mean drops the highest and the lowest) --------------

@pytest.fixture(scope="module")
def trimmed(tmp_path_factory):
    rubric, data = contest(tmp_path_factory.mktemp("trimmed"), ", aggregation: trimmed_mean, aggregation_params: {drop: 1}")
    return rubric, data


def dropped_by_hand(entry: str) -> tuple[set[str], Fraction]:
    """The two judges whose totals are the highest and the lowest (no ties here), and the mean of the rest."""
    ordered = sorted(totals(entry).items(), key=lambda item: item[1])
    kept = ordered[1:-1]
    return {ordered[0][0], ordered[-1][0]}, Fraction(sum(t for _, t in kept), len(kept))


STRUCK_PROBE = """<script>
  document.querySelectorAll('details').forEach(d => d.open = true);
  const rows = [...document.querySelectorAll('tr')].filter(tr => tr.querySelector('td'));
  document.title = JSON.stringify(rows.map(tr => {
    const cell = tr.querySelector('s') || tr.querySelector('td:last-child');
    return {text: tr.innerText, struck: getComputedStyle(cell).textDecorationLine.includes('line-through')};
  }));
</script></body>"""


def struck_rows_in_chromium(page, tmp_path, shot: str) -> list[dict]:
    """Every table row of ``page`` as Chromium draws it: its text and whether it is struck through; a
    screenshot kept as tests/render/screenshots/<shot>.png (look at it after a run)."""
    from tests.render.test_page import SCREENSHOTS, _chromium

    probe = tmp_path / f"probe-{shot}.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", STRUCK_PROBE), encoding="utf-8")
    SCREENSHOTS.mkdir(exist_ok=True)
    process = _chromium(probe, 1000, tmp_path, "--dump-dom", f"--screenshot={SCREENSHOTS / (shot + '.png')}")
    title = re.search(r"<title>(.*?)</title>", process.stdout, re.S).group(1)
    return json.loads(title.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))


def test_explain_html_strikes_through_the_dropped_sheets(cli, trimmed, tmp_path):
    from tests.render.test_page import CHROMIUM

    rubric, data = trimmed
    dropped, score = dropped_by_hand("E1")
    assert dropped == {"乙", "戊"} and score == 75
    page = tmp_path / "e1.html"
    code, out, err = cli("explain", rubric, data, "E1", "--format", "html", "--output", page, "--lang", "zh-CN", "-q")
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    struck = re.findall(r"<s>评委 (\S+) 的评委合计：(.*?)</s>", html)
    assert {judge for judge, _ in struck} == dropped
    assert all("未采用：去掉最高分和最低分后的平均分去掉了这张评分表" in said for _, said in struck)
    kept = set(totals("E1")) - dropped
    assert all(f"<td>评委 {judge} 的评委合计" in html for judge in kept)  # counted sheets: not struck
    code, out, err = cli("explain", rubric, data, "E1", "--format", "json", "-q")
    sheets = json.loads(out)["panels"]["jury"]["sheets"]
    assert {s["judge"] for s in sheets if s.get("dropped")} == dropped  # listed in JSON too
    if CHROMIUM is None:
        return
    rows = struck_rows_in_chromium(page, tmp_path, "dropped-explain")
    judged = {re.match(r"评委会\s+评委 (\S+) ", r["text"]).group(1): r["struck"] for r in rows
              if re.match(r"评委会\s+评委 \S+ 的评委合计", r["text"])}
    assert judged == {judge: judge in dropped for judge in totals("E1")}


def test_the_audit_page_strikes_through_the_dropped_sheets(cli, trimmed, tmp_path):
    from tests.render.test_page import CHROMIUM

    rubric, data = trimmed
    page, audit = tmp_path / "page.html", tmp_path / "audit.html"
    code, out, err = cli("evaluate", rubric, data, "--output", page, "--audit", audit, "--lang", "zh-CN", "-q")
    assert code == 0, err
    html = audit.read_text(encoding="utf-8")
    assert ".dropped td { color: #999; text-decoration: line-through; }" in html
    dropped_rows = re.findall(r'<tr class="dropped"><td>(\S+?)</td>', html)
    by_hand = [sorted(dropped_by_hand(e)[0], key=list(totals(e)).index) for e in ("E1", "E2")]
    assert dropped_rows == [judge for judges in by_hand for judge in judges]  # E1: 乙 戊; E2: 丁 戊
    if CHROMIUM is None:
        return
    rows = struck_rows_in_chromium(audit, tmp_path, "dropped-audit")
    sheet_rows = [r for r in rows if re.fullmatch(r"\S+\t\d+\t\d+\t\d+", r["text"].strip())]
    assert len(sheet_rows) == 10  # five judges × two entries
    struck = [r["text"].split("\t") for r in sheet_rows if r["struck"]]
    expected = [[j, str(MARKS[e][j][0]), str(MARKS[e][j][1]), str(sum(MARKS[e][j]))] for e, judges in
                zip(("E1", "E2"), by_hand) for j in judges]
    assert struck == expected


# --- the z-scored hackathon with an assignments table: no warning for pairs never assigned ------------

def test_zscore_hackathon_with_assignments_has_no_missing_mark_warnings(cli, tmp_path):
    from tests.engine.test_normalise import HEAD, SHEETS

    sheets = [s for s in SHEETS if s[0] != "D"]  # A, B, C each score four of six teams
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(HEAD.replace("PANEL", ", normalise: zscore"), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    write_csv(data / "entries.csv", [["id", "title", "unit"]] + [[f"T{i}", f"Team {i}", f"U{i}"] for i in range(1, 7)])
    write_csv(data / "scores.csv", [["panel", "judge", "entry", "idea", "build"]] + [["hack", *s] for s in sheets])
    code, out, err = cli("evaluate", rubric, data, "--format", "json")
    assert code == 0, err
    never_assigned = 3 * 6 - len(sheets)  # without the table every gap is a "did not score" warning
    assert len(json.loads(out)["warnings"]) == never_assigned, err
    write_csv(data / "assignments.csv", [["评委", "作品编号"]] + [[judge, entry] for judge, entry, *_ in sheets])
    code, out, err = cli("evaluate", rubric, data, "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    assert document["warnings"] == [] and "warning" not in err, err
    expected = panel_means(expected_zscores(sheets))
    assert {e["id"]: Fraction(e["final_exact"]) for e in document["entries"]} == expected
    raw = panel_means({(j, e): Fraction(a + b) for j, e, a, b in sheets})
    assert max(expected, key=expected.get) != max(raw, key=raw.get)  # the z-scores change the prize
    assert document["awards"][0]["winners"] == [max(expected, key=expected.get)]


# --- zscore, precisely: 规范性 added after, disqualified entries in M and S, no clamping -------------------

CONFORMITY_RUBRIC = """\
rubric_version: 1
language: en
contest: {id: z, name: Z, submission: {deadline: "2026-05-01"}}
criteria:
  - {id: conformity, label: 规范性, max: 10, scored_by: checks, deduction: 2}
  - {id: idea, label: Idea, max: 50}
  - {id: build, label: Build, max: 50}
panels:
  - {id: hack, label: Judges, type: judged, weight: 100%, criteria: [conformity, idea, build], normalise: zscore,
     max: 110}
checks:
  - {id: photo, label: Photo, type: manual}
  - {id: rules, label: Rules, type: manual, severity: disqualify}
final: {tie_break: []}
awards:
  - {id: first, label: First, strategy: rank_tier, count: 1}
"""
# A gives 0 to five entries and 100 to E6; B is flat-ish: z(E6) comes out above the judged maximum 100
Z_SHEETS = [("A", f"E{i}", 0, 0) for i in range(1, 6)] + [("A", "E6", 50, 50)] + \
           [("B", f"E{i}", 45, 45) for i in range(1, 6)] + [("B", "E6", 50, 45)]


def test_zscore_adds_conformity_after_counts_the_disqualified_and_does_not_clamp(cli, tmp_path):
    rubric = tmp_path / "z.yaml"
    rubric.write_text(CONFORMITY_RUBRIC, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    write_csv(data / "entries.csv", [["id", "title", "unit"]] + [[f"E{i}", f"T{i}", f"U{i}"] for i in range(1, 7)])
    write_csv(data / "scores.csv", [["panel", "judge", "entry", "idea", "build"]] + [["hack", *s] for s in Z_SHEETS])
    write_csv(data / "checks.csv", [["entry", "check", "result", "note"], ["E2", "photo", "fail", "no photo"],
                                    ["E1", "rules", "fail", "plagiarism"]])
    code, out, err = cli("evaluate", rubric, data, "--format", "json", "-q")
    assert code == 0, err
    entries = {e["id"]: e for e in json.loads(out)["entries"]}
    z = panel_means(expected_zscores(Z_SHEETS))  # E1 (disqualified) is in M and S: all six entries
    conformity = {e: Fraction(8 if e == "E2" else 10) for e in z}  # one failed check: −2
    finals = {e: Fraction(entries[e]["panels"]["hack"]["score_exact"]) for e in z}
    assert finals == {e: z[e] + conformity[e] for e in z}
    assert z["E6"] > 100  # not clamped to the judged maximum
    assert entries["E1"]["disqualified"] is True and entries["E1"]["rank"] is None
    # without E1's sheets M and S change, and so would every other score
    without = panel_means(expected_zscores([s for s in Z_SHEETS if s[1] != "E1"]))
    assert without["E6"] != z["E6"]


def test_zscore_flat_judge_and_flat_panel_give_the_panel_mean():
    from rubric_engine.builtins.normalisations import zscore
    from rubric_engine.extension import Sheet
    from rubric_engine.normalising import NormalisationContext

    def sheets(rows):
        return [Sheet(judge, {}, Fraction(total), entry=entry) for judge, entry, total in rows]

    context = NormalisationContext("p", "P", Fraction(100))
    rows = [("A", "E1", 20), ("A", "E2", 40), ("A", "E3", 60), ("C", "E1", 70), ("C", "E2", 70), ("C", "E3", 70)]
    outcome = zscore(sheets(rows), {}, context)
    big_m = Fraction(20 + 40 + 60 + 3 * 70, 6)  # 65: the mean of every raw total on the panel
    assert [Fraction(v) for v in outcome.totals[3:]] == [big_m] * 3  # C's s_j = 0: C's totals become M
    assert outcome.notes[3].key == "normalise.zscore.sheet:flat"
    flat = zscore(sheets([("A", "E1", 50), ("A", "E2", 50), ("A", "E3", 50), ("B", "E1", 50), ("B", "E2", 50),
                          ("B", "E3", 50)]), {}, context)
    assert [Fraction(v) for v in flat.totals] == [Fraction(50)] * 6  # S = 0: every total is M


# --- items: max and best(2) (sum and mean and best(1) are tested with the ISU segment and the runs) --------

@pytest.mark.parametrize("rule", ["max", "best(2)"])
def test_items_max_and_best_two(rule, tmp_path):
    from rubric_engine import Contest
    from tests.engine.test_marks_rounding import RUNS, RUNS_RUBRIC

    root = tmp_path
    (root / "r.yaml").write_text(RUNS_RUBRIC.replace("best(1)", rule).replace("final: {formula: runs}",
                                                                             "final: {formula: runs, max: 200}"),
                                 encoding="utf-8")
    rows = [["panel", "judge", "entry", "item", "run"]] + [
        ["runs", f"J{i}", rider, run, mark] for rider, their in RUNS.items() for run, marks in their.items()
        for i, mark in enumerate(marks, start=1)]
    write_csv(root / "scores.csv", rows)
    write_csv(root / "entries.csv", [["id", "title", "unit"]] + [[r, f"Rider {r}", "Club"] for r in RUNS])
    finals = {r.entry.id: r.final for r in Contest.open(root / "r.yaml", root, language="en").evaluate().entries}
    for rider, their in RUNS.items():
        means = sorted((sum(map(Fraction, map(str, m)), Fraction(0)) / 3 for m in their.values()), reverse=True)
        assert finals[rider] == (means[0] if rule == "max" else means[0] + means[1])  # R2: its two scored runs


def test_confidence_weights_under_the_chinese_header(cli, tmp_path):
    rubric, data = contest(tmp_path / "w", ", aggregation: weighted_mean")
    rows = [["评分组", "评委", "作品编号", "idea", "build", "权重"]] + [
        ["jury", j, e, a, b, {"甲": "2", "乙": "0.5"}.get(j, "")] for e, sheets in MARKS.items()
        for j, (a, b) in sheets.items()]
    write_csv(data / "scores.csv", rows)
    code, out, err = cli("evaluate", rubric, data, "--format", "json", "-q")
    assert code == 0, err
    weights = {"甲": Fraction(2), "乙": Fraction(1, 2)}
    expected = {e: sum(weights.get(j, 1) * t for j, t in totals(e).items()) / sum(weights.get(j, 1) for j in totals(e))
                for e in MARKS}
    assert {e["id"]: Fraction(e["final_exact"]) for e in json.loads(out)["entries"]} == expected


def test_rank_normalisation_explains_each_sheets_rank(tmp_path):
    from rubric_engine import Contest
    from tests.engine.test_normalise import SHEETS
    from tests.engine.test_normalise import contest as normalise_contest

    rubric, data = normalise_contest(tmp_path, ", normalise: {method: rank, min_sheets: 1}")
    sheets = {s["judge"]: s["normalised"] for s in
              Contest.open(rubric, data, language="en").explain("T2")["panels"]["hack"]["sheets"]}
    # T2: A's totals 60, 50, 40, 30 → T2 (50) is 2nd of 4: 100 × (4 − 2) ÷ 3; C's 80, 70, 60, 50 → 2nd too;
    # D scored T2 alone → 100
    assert {j: (s["terms"]["rank"], Fraction(s["total_exact"])) for j, s in sheets.items()} == \
        {"A": (2, Fraction(200, 3)), "C": (2, Fraction(200, 3)), "D": (1, Fraction(100))}
    assert {j: s["raw"] for j, s in sheets.items()} == {j: a + b for j, e, a, b in SHEETS if e == "T2"}
    assert sheets["A"]["note"]["text"] == "raw 50; rank 2 of the judge's 4 → 100 × (4 − 2) ÷ (4 − 1) = 66.6667"
    assert sheets["D"]["note"]["text"] == "raw 55; the judge's only sheet → the maximum 100"


def test_explain_shows_each_sheets_item_factor(cli):
    import csv

    from tests.conftest import ROOT

    diving = ROOT / "examples" / "diving"
    with open(diving / "scores.csv", encoding="utf-8") as stream:
        factors = {row["item"]: Fraction(row["factor"]) for row in csv.DictReader(stream) if row["entry"] == "D1"}
    code, out, err = cli("explain", diving / "rubric.yaml", diving, "D1", "--format", "json", "-q")
    assert code == 0, err
    sheets = json.loads(out)["panels"]["judges"]["sheets"]
    assert sheets and {s["item"]: Fraction(str(s["factor"])) for s in sheets} == factors
    code, out, err = cli("explain", diving / "rubric.yaml", diving, "D1", "--format", "md", "-q")
    for item, factor in factors.items():  # 3.1, 3.0 → "×3.1", "×3"
        shown = str(factor.numerator) if factor.denominator == 1 else f"{float(factor):g}"
        assert f"\\[{item} ×{shown}\\]" in out, out


def test_a_votes_only_rubric_has_no_criteria(cli, tmp_path):
    rubric = tmp_path / "r.yaml"
    rubric.write_text("""rubric_version: 1
language: en
contest: {id: v, name: Votes only, submission: {deadline: "2026-05-01"}}
panels:
  - {id: public, label: Public vote, type: votes, rank_table: "1 -> 10; 2 -> 6; 3.. -> 1"}
final: {formula: public, max: 10}
voting: {categories: [{id: popularity, label: Popularity, default: true}]}
awards:
  - {id: top, label: Top, strategy: rank_tier, count: 1}
""", encoding="utf-8")
    write_csv(tmp_path / "entries.csv", [["id", "title", "unit"], ["A", "a", "u1"], ["B", "b", "u2"], ["C", "c", "u3"]])
    write_csv(tmp_path / "votes.csv", [["entry", "votes"], ["A", 5], ["B", 9], ["C", 1]])
    code, out, err = cli("validate", rubric, "--strict")
    assert code == 0, err
    code, out, err = cli("evaluate", rubric, tmp_path, "--format", "json")
    assert code == 0 and "warning" not in err, err
    document = json.loads(out)
    assert {e["id"]: Fraction(e["final_exact"]) for e in document["entries"]} == {"B": 10, "A": 6, "C": 1}
    assert document["awards"][0]["winners"] == ["B"]
