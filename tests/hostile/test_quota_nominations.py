"""Issue 18, case 16: a unit over its quota gains nothing by it — the nominations metric counts at most
the quota (the unit_quota check's max_entries)."""
from __future__ import annotations

from fractions import Fraction

from tests.conftest import MINI_RUBRIC, evaluate_json

# one unit award on nominations alone; quota 2 (MINI_RUBRIC says 5)
RUBRIC = MINI_RUBRIC.replace("params: {max_entries: 5}", "params: {max_entries: 2}").replace(
    "params: {weights: {nominations: 50%, entry_ranks: 50%}}", "params: {weights: {nominations: 100%}}")


def test_entries_beyond_the_quota_are_not_nominations(contest, tmp_path):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(RUBRIC, encoding="utf-8")
    for number in range(1, 4):  # 单位A: 3 entries for 2 places; 单位B: 2
        contest.entry(f"A{number}", "单位A", submitted=f"2018-11-0{number}")
    contest.entry("B1", "单位B").entry("B2", "单位B")
    for entry_id in ("A1", "A2", "A3", "B1", "B2"):
        contest.marks(entry_id, (20, 30, 5)).vote(entry_id, 1)
    result = evaluate_json(rubric, contest.write())
    award = next(a for a in result["awards"] if a["id"] == "best_team")
    # both units nominate 2 (A's third is past its quota): the same 100% of the best, a shared award
    assert sorted(award["winners"]) == ["单位A", "单位B"], award
    units = {u["unit"]: u for u in result["units"]}
    assert set(units) == {"单位A", "单位B"}
    # the composite is 0–1 of the best unit's value: 2/2 for both (3/3 and 2/3 before the cap)
    assert [Fraction(units[u].get("composites_exact", {}).get("best_team", units[u]["composites"]["best_team"]))
            for u in ("单位A", "单位B")] == [100, 100]  # composites out of 100 (issue 17)
