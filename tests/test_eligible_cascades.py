"""Issue 15: `eligible:` inside a cascade. An award's pool holds only its eligible entries, so a
one_award_per clash or a forfeit refilled moves up the next *eligible* entry, never the next entry.
Expected winners are worked out by hand in the comments; the CLI is driven for every document."""
from __future__ import annotations

import json

import pytest

from tests.conftest import evaluate_json, write_csv

RUBRIC = """rubric_version: 1
contest: {id: staff, name: 客服之星}
criteria:
  - {id: merit, label: 评分, max: 100}
panels:
  - {id: judges, label: 评审, type: judged, criteria: [merit], max: 100}
final: {formula: judges, decimals: 2, tie_break: []}
awards:
  - {id: first, label: 一等奖, strategy: rank_tier, count: 1, exclusive_group: prizes}
  - {id: second, label: 二等奖, strategy: rank_tier, count: 2, exclusive_group: prizes}
  - {id: rookie, label: 最佳新人奖, strategy: top_ranked, count: 1, exclusive_group: prizes, eligible: entry.新人}
award_groups:
  prizes: {one_award_per: participant, vacancy: refill}
"""
# entry: (final, participants, 新人). Final ranks follow the ids: P1 95 … P8 60.
ENTRIES = {"P1": (95, "张三", "否"), "P2": (90, "李四", "是"), "P3": (85, "王五", "是"), "P4": (80, "赵六", "否"),
           "P5": (75, "钱七，李四", "是"), "P6": (70, "孙八", "否"), "P7": (65, "周九", "是"), "P8": (60, "吴十", "是")}


def build(root, forfeits=None):
    (root / "rubric.yaml").write_text(RUBRIC, encoding="utf-8")
    data = root / "data"
    write_csv(data / "entries.csv", [["id", "title", "unit", "participants", "新人"]] +
              [[e, f"作品{e}", f"单位{e}", people, rookie] for e, (_, people, rookie) in ENTRIES.items()])
    write_csv(data / "scores.csv", [["panel", "judge", "entry", "merit"]] +
              [["judges", "J1", e, str(final)] for e, (final, _, _) in ENTRIES.items()])
    if forfeits:
        write_csv(data / "forfeits.csv", [["作品编号", "奖项", "备注"]] + forfeits)
    return root / "rubric.yaml", data


def winners(document) -> dict[str, list[str]]:
    return {a["id"]: a["winners"] for a in document["awards"]}


@pytest.fixture(scope="module")
def clashing(tmp_path_factory):
    rubric, data = build(tmp_path_factory.mktemp("eligible_clash"))
    return rubric, data, evaluate_json(rubric, data)


def test_a_clash_refills_from_the_eligible_entries_only(clashing):
    *_, document = clashing
    # first: place 1, P1. second: places 2-3, P2 and P3 (no clash with 张三).
    # rookie (新人 = 是: P2, P3, P5, P7, P8, best first): P2 holds second (李四), P3 holds second (王五),
    # P5 shares 李四 with P2 -> each leaves the pool in turn; the next eligible is P7. P4 and P6 are
    # next on the final (80, 70) but not 新人: never moved up.
    assert winners(document) == {"first": ["P1"], "second": ["P2", "P3"], "rookie": ["P7"]}
    rookie = document["awards"][2]
    assert [(r["entry"], r["cause"], r["kept"], r["shared"]) for r in rookie["replaced"]] == [
        ("P2", "clash", "second", "李四"), ("P3", "clash", "second", "王五"), ("P5", "clash", "second", "李四")]
    assert all(r["by"] == ["P7"] and r["vacant"] is False for r in rookie["replaced"])
    entries = {e["id"]: e for e in document["entries"]}
    assert entries["P7"]["awards"] == ["rookie"] and entries["P4"]["awards"] == []


def test_explain_tells_the_ineligible_and_the_clashing_apart(clashing, cli):
    rubric, data, _ = clashing
    code, out, _ = cli("explain", rubric, data, "P4", "--format", "json", "--lang", "zh-CN")
    assert code == 0
    rookie = next(a for a in json.loads(out)["awards"] if a["award"] == "rookie")
    assert rookie["eligible"] is False
    assert rookie["why_not"]["text"] == "不符合参评条件：entry.新人（entry.新人 = 否）"
    code, out, _ = cli("explain", rubric, data, "P5", "--format", "json")
    rookie = next(a for a in json.loads(out)["awards"] if a["award"] == "rookie")
    assert rookie["won"] is False and "eligible" not in rookie and "李四" in rookie["why_not"]["text"]


def test_a_forfeited_rookie_award_goes_to_the_next_eligible(tmp_path, cli):
    rubric, data = build(tmp_path, forfeits=[["P7", "最佳新人奖", "未签承诺书"]])
    document = evaluate_json(rubric, data)
    # P7 is out of rookie's pool; P2, P3, P5 clash as before; the next 新人 is P8 (60), not P6 (70)
    assert winners(document) == {"first": ["P1"], "second": ["P2", "P3"], "rookie": ["P8"]}
    forfeit = next(r for r in document["awards"][2]["replaced"] if r["cause"] == "forfeit")
    assert (forfeit["entry"], forfeit["by"], forfeit["note"]) == ("P7", ["P8"], "未签承诺书")
    code, out, _ = cli("evaluate", rubric, data)
    assert code == 0 and "P8" in out


def test_a_forfeited_first_prize_moves_the_tiers_up_but_not_into_the_rookie_award(tmp_path):
    rubric, data = build(tmp_path, forfeits=[["P1", "一等奖", ""]])
    document = evaluate_json(rubric, data)
    # refill without P1 in first and the group's later awards: first P2; second: places 2-3 of the
    # pool without P1: P3, P4; rookie: P2 (李四 holds first), P3 (second), P5 (李四) clash -> P7
    assert winners(document) == {"first": ["P2"], "second": ["P3", "P4"], "rookie": ["P7"]}
