"""One number, one definition (issue 17, deliver 5): a unit's composite is out of 100 in the terminal,
the workbook, ``explain`` and the JSON, and its terms as shown add up to it as shown."""
from __future__ import annotations

import csv
import json
import re
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from tests.conftest import RUBRIC_2018

UNIT = "广州银行信用卡中心"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, checked_example):
    from typer.testing import CliRunner

    from rubric_engine.cli import app

    out = tmp_path_factory.mktemp("one_number")
    common = [str(RUBRIC_2018), str(checked_example.folder), "--verdicts", str(checked_example.verdicts),
              "--lang", "zh-CN", "-q"]
    runner = CliRunner()
    runs = {"json": ["evaluate", *common, "--format", "json"], "table": ["evaluate", *common],
            "explain": ["explain", str(RUBRIC_2018), str(checked_example.folder), UNIT, "--verdicts",
                        str(checked_example.verdicts), "--lang", "zh-CN", "-q"],
            "xlsx": ["evaluate", *common, "--output", str(out / "r.xlsx")]}
    found = {}
    for name, args in runs.items():
        result = runner.invoke(app, args, env={"COLUMNS": "132"}, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        found[name] = result.stdout
    found["workbook"] = load_workbook(out / "r.xlsx")
    return found


def _by_hand(folder) -> Fraction:
    """广州银行信用卡中心's 最佳团队奖 terms of 转发次数 and 阅读量 (10 % each), by hand from units.csv."""
    with open(folder / "units.csv", encoding="utf-8-sig") as stream:
        units = list(csv.DictReader(stream))
    mine = next(u for u in units if u["参赛单位"] == UNIT)
    best = {c: max(Fraction(u[c]) for u in units) for c in ("转发次数", "阅读量", "指导评分")}
    return [*(100 * Fraction(w, 100) * Fraction(mine[c]) / best[c] for c, w in (("转发次数", 10), ("阅读量", 10)))]


def test_a_units_composite_is_out_of_100_and_the_same_everywhere(outputs, checked_example):
    document = json.loads(outputs["json"])
    unit = next(u for u in document["units"] if u["unit"] == UNIT)
    exact = Fraction(unit["composites_exact"]["best_team"])
    assert 50 < exact <= 100  # out of 100 in the JSON too
    shown = f"{float(exact):.2f}"  # 2 decimals half up (exact is no tie here)
    row = next(line for line in outputs["table"].splitlines() if line.strip().startswith(UNIT) and re.search(r"\d", line))
    assert shown in row.split()  # the terminal's 单位 table
    sheet = outputs["workbook"]["单位"]
    headers = [c.value for c in sheet[1]]
    values = {r[0]: r[headers.index("最佳团队奖综合得分")] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert f"{values[UNIT]:.2f}" == shown
    assert f"综合得分 {shown}（满分 100）" in outputs["explain"]


def test_the_terms_shown_add_up_to_the_composite_shown(outputs, checked_example):
    explain = " ".join(outputs["explain"].split("│"))
    lines = re.findall(r"(最佳\S+奖|最具凝聚力奖)\s+(\S+) [\d.]+ ÷ 最高 [\d.]+ × 权重 (\d+)% × 100 = ([\d.]+)", explain)
    composites = dict(re.findall(r"(最佳\S+奖|最具凝聚力奖)\s+综合得分 ([\d.]+)（满分 100）", explain))
    assert len(composites) == 3 and len(lines) == 15
    for award, composite in composites.items():
        terms = [Fraction(term) for name, _metric, _w, term in lines if name == award]
        assert sum(terms) == Fraction(composite), award  # to the hundredth, not within a rounding
    by_hand = _by_hand(checked_example.folder)
    team = [Fraction(term) for name, metric, _w, term in lines if name == "最佳团队奖" and metric in ("转发次数", "阅读量")]
    assert len(team) == 2
    for term, exact in zip(team, by_hand):  # each shown term within one hundredth of its exact value
        assert abs(term - exact) < Fraction(1, 100)
