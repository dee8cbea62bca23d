"""Issue 14: per-judge normalisation, sheet weights, aggregation params — contests built here,
answers computed here independently (Fractions, and decimal for the square roots)."""
from __future__ import annotations

import decimal
import json
import re
from fractions import Fraction

import pytest

from tests.conftest import ROOT, write_csv

HEAD = """rubric_version: 1
language: en
contest: {id: t, name: T, timezone: "+08:00"}
criteria:
  - {id: idea, label: Idea, max: 50}
  - {id: build, label: Build, max: 50}
panels:
  - {id: hack, label: Judges, type: judged, weight: 100%, criteria: [idea, build]PANEL}
final: {tie_break: []}
awards:
  - {id: first, label: First prize, strategy: rank_tier, count: 1}
"""
# judge A is harsh, B generous, C in between; each scores 4 of 6 teams; D scores one (under min_sheets)
SHEETS = [("A", "T1", 30, 30), ("A", "T2", 25, 25), ("A", "T3", 20, 20), ("A", "T4", 15, 15),
          ("B", "T3", 45, 45), ("B", "T4", 50, 45), ("B", "T5", 40, 45), ("B", "T6", 40, 40),
          ("C", "T1", 40, 40), ("C", "T2", 35, 35), ("C", "T5", 30, 30), ("C", "T6", 25, 25),
          ("D", "T2", 20, 35)]


def contest(tmp_path, panel_extra: str, sheets=SHEETS, weights=None):
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(HEAD.replace("PANEL", panel_extra), encoding="utf-8")
    write_csv(tmp_path / "entries.csv", [["id", "title", "unit"]] + [[f"T{i}", f"Team {i}", f"U{i}"] for i in range(1, 7)])
    head = ["panel", "judge", "entry", "idea", "build"] + (["weight"] if weights else [])
    rows = [["hack", *s] + ([w] if weights else []) for s, w in zip(sheets, weights or [None] * len(sheets))]
    write_csv(tmp_path / "scores.csv", [head] + rows)
    return rubric, tmp_path


def expected_zscores(sheets, min_sheets=3):
    """The issue's formula, written again: M + S × (t − m_j) / s_j at 28 digits, half-up to 12 places."""
    ctx = decimal.Context(prec=28)
    dec = lambda f: ctx.divide(decimal.Decimal(f.numerator), decimal.Decimal(f.denominator))  # noqa: E731
    totals = {(j, e): Fraction(a + b) for j, e, a, b in sheets}
    values = list(totals.values())
    big_m = sum(values, Fraction(0)) / len(values)
    big_s = ctx.sqrt(dec(sum(((v - big_m) ** 2 for v in values), Fraction(0)) / len(values)))
    out = {}
    for judge in {j for j, _ in totals}:
        own = {k: v for k, v in totals.items() if k[0] == judge}
        if len(own) < min_sheets:
            out.update(own)
            continue
        m = sum(own.values(), Fraction(0)) / len(own)
        s = ctx.sqrt(dec(sum(((v - m) ** 2 for v in own.values()), Fraction(0)) / len(own)))
        for key, t in own.items():
            value = ctx.add(dec(big_m), ctx.multiply(big_s, ctx.divide(dec(t - m), s)))
            out[key] = Fraction(value.quantize(decimal.Decimal("1e-12"), rounding=decimal.ROUND_HALF_UP))
    return out


def panel_means(values):
    by_entry = {}
    for (judge, entry), v in values.items():
        by_entry.setdefault(entry, []).append(v)
    return {e: sum(v, Fraction(0)) / len(v) for e, v in by_entry.items()}


def test_hackathon_zscores_change_the_prize(tmp_path, cli):
    rubric, data = contest(tmp_path, ", normalise: zscore")
    code, out, err = cli("evaluate", rubric, data, "--format", "json", "-q")
    assert code == 0, err
    document = json.loads(out)
    z = panel_means(expected_zscores(SHEETS))
    raw = panel_means({(j, e): Fraction(a + b) for j, e, a, b in SHEETS})
    finals = {e["id"]: Fraction(e["final_exact"]) for e in document["entries"]}
    assert finals == z
    winner = [a for a in document["awards"] if a["id"] == "first"][0]["winners"]
    assert winner == [max(z, key=z.get)] == ["T1"] and max(raw, key=raw.get) == "T5"  # raw means would crown T5
    code, out, err = cli("evaluate", rubric, data)
    assert "judge D scored only 1 sheets (fewer than min_sheets 3)" in err
    code, out, err = cli("explain", rubric, data, "T2", "--format", "json", "-q")
    assert code == 0, err
    panel = json.loads(out)["panels"]["hack"]
    by_judge = {s["judge"]: s["normalised"] for s in panel["sheets"]}
    assert by_judge["A"]["raw"] == 50 and by_judge["A"]["terms"]["judge_mean"] == 45
    assert Fraction(by_judge["A"]["total_exact"]) == expected_zscores(SHEETS)[("A", "T2")]
    assert decimal.Decimal(by_judge["A"]["terms"]["judge_sd"]).quantize(decimal.Decimal("0.0001")) == \
        decimal.Decimal(125).sqrt().quantize(decimal.Decimal("0.0001"))
    assert by_judge["D"]["terms"]["kept_raw"] is True and by_judge["D"]["total"] == 55
    assert by_judge["A"]["note"]["code"] == "normalise.zscore.sheet" and "judge mean 45" in by_judge["A"]["note"]["text"]
    assert panel["normalisation"]["groups"][0]["terms"]["mean"] == float(sum(raw_totals(), Fraction(0)) / 13)
    code, out, err = cli("explain", rubric, data, "T2", "-q")
    assert "normalised: raw 50; judge mean 45" in out and "panel mean M" in out


def raw_totals():
    return [Fraction(a + b) for _, _, a, b in SHEETS]


def test_rank_normalisation(tmp_path):
    from rubric_engine import Contest

    rubric, data = contest(tmp_path, ", normalise: {method: rank, min_sheets: 1}")
    document = Contest.open(rubric, data, language="en").document("evaluate")
    # each judge: value = 100 × (n − r) / (n − 1), r the mid-rank (1 = highest); D (n = 1) gives 100
    rank_value = {}
    for judge in "ABCD":
        own = [(e, Fraction(a + b)) for j, e, a, b in SHEETS if j == judge]
        n = len(own)
        for entry, total in own:
            higher = sum(1 for _, t in own if t > total)
            equal = sum(1 for _, t in own if t == total)
            r = higher + Fraction(equal + 1, 2)
            rank_value[(judge, entry)] = Fraction(100) if n == 1 else 100 * (n - r) / (n - 1)
    assert {e["id"]: Fraction(e["final_exact"]) for e in document["entries"]} == panel_means(rank_value)


def test_conference_with_confidence_weights(tmp_path, cli):
    sheets = [("A", "T1", 40, 40), ("B", "T1", 20, 20), ("A", "T2", 30, 30), ("B", "T2", 35, 35)]
    weights = ["3", "1", "1", ""]
    rubric, data = contest(tmp_path, ", aggregation: weighted_mean", sheets, weights)
    code, out, err = cli("evaluate", rubric, data, "--format", "json", "-q")
    assert code == 0, err
    finals = {e["id"]: Fraction(e["final_exact"]) for e in json.loads(out)["entries"] if e["id"] in ("T1", "T2")}
    assert finals == {"T1": Fraction(80 * 3 + 40, 4), "T2": Fraction(60 + 70, 2)}  # the plain means: 60 and 65
    code, out, err = cli("explain", rubric, data, "T1", "--format", "json", "-q")
    assert [s.get("weight") for s in json.loads(out)["panels"]["hack"]["sheets"]] == [3, None]
    rubric, data = contest(tmp_path, "", sheets, weights)  # mean: the weights are ignored, and said so
    code, out, err = cli("evaluate", rubric, data)
    assert code == 0 and "scores.csv:2:6" in err and "does not use them: the weights are ignored" in err
    rubric, data = contest(tmp_path, ", aggregation: weighted_mean", sheets, ["3", "0", "1", "x"])
    code, out, err = cli("evaluate", rubric, data)
    assert code == 1 and "scores.csv:3:6" in err and "must be greater than 0" in err and "scores.csv:5:6" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("extra,message", [
    (", aggregation_params: {drop: 1}", "'drop' is a parameter of trimmed_mean, trimmed_sum, not of mean: "
                                        "did you mean aggregation: trimmed_mean?"),
    (", normalize: zscore", "did you mean 'normalise'"),
    (", normalise: zscores", "did you mean 'zscore'"),
    (", normalise: {method: zscore, min_sheet: 3}", "did you mean 'min_sheets'"),
])
def test_params_errors(tmp_path, cli, extra, message):
    rubric, _ = contest(tmp_path, extra)
    code, out, err = cli("validate", rubric)
    assert code == 1 and re.search(r"rubric\.yaml:8:\d+", err), err
    assert message in err, err


def test_every_builtin_aggregation_and_normalisation_is_documented():
    from rubric_engine.plugins import load_host

    host = load_host()
    docs = (ROOT / "docs" / "rubric-language.md").read_text(encoding="utf-8")
    names = host.names("aggregations") + host.names("normalisations")
    assert {"weighted_mean", "trimmed_sum", "zscore", "rank"} <= set(names)
    assert [n for n in names if f"`{n}`" not in docs] == []


# Per item (issue 14: "With items, per item"): two rounds; judge A is harsh in round 1 only, so
# normalising each round on its own differs from normalising the panel's sheets all together.
ITEM_SHEETS = {"R1": [("A", "T1", 10, 10), ("A", "T2", 15, 10), ("A", "T3", 5, 5),
                      ("B", "T1", 40, 40), ("B", "T2", 35, 35), ("B", "T3", 45, 40),
                      ("C", "T1", 30, 25), ("C", "T2", 30, 30), ("C", "T3", 20, 20)],
               "R2": [("A", "T1", 40, 45), ("A", "T2", 30, 30), ("A", "T3", 35, 40),
                      ("B", "T1", 20, 20), ("B", "T2", 25, 30), ("B", "T3", 30, 30),
                      ("C", "T1", 35, 35), ("C", "T2", 45, 40), ("C", "T3", 25, 30)]}


def test_zscore_with_items_normalises_each_item_on_its_own(tmp_path, cli):
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(HEAD.replace("PANEL", ", items: mean, normalise: zscore"), encoding="utf-8")
    write_csv(tmp_path / "entries.csv", [["id", "title", "unit"]] + [[f"T{i}", f"Team {i}", f"U{i}"] for i in (1, 2, 3)])
    write_csv(tmp_path / "scores.csv", [["panel", "judge", "entry", "item", "idea", "build"]] +
              [["hack", j, e, item, a, b] for item, sheets in ITEM_SHEETS.items() for j, e, a, b in sheets])
    code, out, err = cli("evaluate", rubric, tmp_path, "--format", "json", "-q")
    assert code == 0, err
    finals = {e["id"]: Fraction(e["final_exact"]) for e in json.loads(out)["entries"]}
    per_item = {item: panel_means(expected_zscores(sheets)) for item, sheets in ITEM_SHEETS.items()}
    expected = {e: (per_item["R1"][e] + per_item["R2"][e]) / 2 for e in ("T1", "T2", "T3")}  # items: mean
    assert finals == expected
    # the whole panel normalised at once (judges' means over both rounds) would give other finals
    together = {}
    for (judge, entry_item), value in expected_zscores([(j, (e, i), a, b) for i, s in ITEM_SHEETS.items()
                                                        for j, e, a, b in s]).items():
        together.setdefault(entry_item[0], []).append(value)
    assert set(together) == set(finals)
    assert all(finals[e] != sum(v, Fraction(0)) / len(v) for e, v in together.items())
    code, out, err = cli("explain", rubric, tmp_path, "T2", "--format", "json", "-q")
    assert code == 0, err
    panel = json.loads(out)["panels"]["hack"]
    groups = {g.get("item"): g["terms"] for g in panel["normalisation"]["groups"]}
    for item, sheets in ITEM_SHEETS.items():  # M of each item: the mean of that item's nine raw totals
        assert Fraction(groups[item]["mean"]).limit_denominator(1000) == Fraction(sum(a + b for *_, a, b in sheets), 9)
