"""The 2018 scoring semantics (SPEC §4), recomputed independently on hand-made contests.

Each test builds real CSV files, evaluates them through the library's front door
(``Contest``) and checks the result document (what ``--format json`` writes) against numbers
worked out by hand here. The last test reads the CLI's explain text, so it runs the CLI.
"""
from __future__ import annotations

from fractions import Fraction

import pytest

from rubric_engine import Contest
from tests.conftest import TEST_LANGUAGE

RANK_TABLE = [(1, 1, 20), (2, 4, 18), (5, 7, 16), (8, 10, 14), (11, 20, 10), (21, 10**9, 9)]


def points_for(rank: int) -> int:
    return next(p for low, high, p in RANK_TABLE if low <= rank <= high)


def evaluated(rubric, folder) -> dict:
    """The evaluation's result document: the data the JSON output holds."""
    return Contest.open(rubric, folder, language=TEST_LANGUAGE).document("evaluate")


def by_id(result: dict) -> dict:
    return {e["id"]: e for e in result["entries"]}


def test_final_is_weighted_sum_with_conformity_in_every_judge_total(mini_rubric, contest):
    contest.entry("E1").entry("E2", letter="否")
    contest.sheet("experts", "X1", "E1", 28, 45, 8).sheet("experts", "X2", "E1", 26, 40, 7)
    contest.sheet("audience", "A1", "E1", 20, 30, 5)
    contest.sheet("experts", "X1", "E2", 20, 30, 5).sheet("audience", "A1", "E2", 20, 30, 5)
    contest.vote("E1", 100).vote("E2", 50)
    result = by_id(evaluated(mini_rubric, contest.write()))
    # E1: judges' totals 28+45+8+10 = 91 and 26+40+7+10 = 83 -> mean 87; audience 20+30+5+10 = 65
    e1 = result["E1"]
    assert e1["panels"]["experts"]["score"] == 87
    assert e1["panels"]["audience"]["score"] == 65
    assert e1["panels"]["online"] == {"votes": 100, "rank": 1, "points": 20}
    assert e1["final"] == float(Fraction(7, 10) * 87 + Fraction(1, 10) * 65 + 20)
    # E2 has no recommendation letter: 规范性 9, in every judge's total
    e2 = result["E2"]
    assert e2["conformity"] == {"score": 9, "violations": ["recommendation_letter"], "waived": [], "review": []}
    assert e2["panels"]["experts"]["score"] == 64
    assert e2["final"] == float(Fraction(7, 10) * 64 + Fraction(1, 10) * 64 + 18)


def test_float_drift_pair_ties_exactly(mini_rubric, contest):
    # 0.7 × 87 + 0.1 × 75 and 0.7 × 89 + 0.1 × 61 are equal, but not in binary floats.
    assert 0.7 * 87 + 0.1 * 75 != 0.7 * 89 + 0.1 * 61
    contest.entry("E1").entry("E2").entry("E3")
    contest.marks("E1", (27, 42, 8), (25, 32, 8))  # experts 87, audience 75 (with 规范性 10)
    contest.marks("E2", (29, 42, 8), (21, 25, 5))  # experts 89, audience 61
    contest.marks("E3", (10, 10, 4))
    contest.vote("E1", 10).vote("E2", 10).vote("E3", 1)
    result = evaluated(mini_rubric, contest.write())
    e1, e2 = by_id(result)["E1"], by_id(result)["E2"]
    assert e1["final_exact"] == e2["final_exact"] == str(Fraction(7, 10) * 87 + Fraction(1, 10) * 75 + 20)
    # the tie-break chain (experts first) decides: E2 has the higher expert score
    assert (e2["rank"], e1["rank"]) == (1, 2)


def test_tie_broken_by_the_chain_in_order(mini_rubric, contest):
    contest.entry("E1").entry("E2").entry("E3")
    contest.marks("E1", (25, 40, 5), (25, 40, 5))
    contest.marks("E2", (25, 40, 5), (25, 40, 5))
    contest.marks("E3", (25, 40, 5), (25, 40, 5))
    # equal experts and audience; equal online points (ranks 2..4 -> 18) but different votes
    contest.vote("E1", 50).vote("E2", 60).vote("E3", 60).entry("E4").marks("E4", (10, 0, 4)).vote("E4", 999)
    result = by_id(evaluated(mini_rubric, contest.write()))
    assert result["E1"]["final"] == result["E2"]["final"] == result["E3"]["final"]
    assert {result[e]["panels"]["online"]["points"] for e in ("E1", "E2", "E3")} == {18}
    # online.votes breaks E1 away; E2 and E3 stay tied through the whole chain and share rank 1
    assert result["E2"]["rank"] == result["E3"]["rank"] == 1
    assert result["E1"]["rank"] == 3


def test_tied_entries_share_a_tier_and_the_overflow_is_reported(mini_rubric, contest):
    # 3 entries tie for rank 2: the first tier (count 2) goes to all of ranks 1..2, three winners.
    for index in range(1, 6):
        contest.entry(f"E{index}")
    contest.marks("E1", (30, 50, 10))
    for entry in ("E2", "E3", "E4"):
        contest.marks(entry, (25, 40, 8))
    contest.marks("E5", (10, 10, 4))
    for entry in ("E1", "E2", "E3", "E4", "E5"):
        contest.vote(entry, 10)
    result = evaluated(mini_rubric, contest.write())
    entries = by_id(result)
    assert [entries[e]["rank"] for e in ("E1", "E2", "E3", "E4", "E5")] == [1, 2, 2, 2, 5]
    awards = {a["id"]: a for a in result["awards"]}
    assert awards["first"]["winners"] == ["E1", "E2", "E3", "E4"]
    assert any("4 winners for 2 place(s)" in note["text"] for note in awards["first"]["notes"])
    # the second tier is ranks 3..8: E5 (rank 5)
    assert awards["second"]["winners"] == ["E5"]
    assert any("first" in w and "4 winners" in w for w in result["warnings"])


@pytest.mark.parametrize("votes_rank,expected", [(1, 20), (2, 18), (4, 18), (5, 16), (7, 16), (8, 14),
                                                 (10, 14), (11, 10), (20, 10), (21, 9), (22, 9)])
def test_vote_rank_table_at_each_band_edge(mini_rubric, contest, votes_rank, expected):
    # 22 entries with distinct votes: entry Ek has rank k
    for k in range(1, 23):
        contest.entry(f"E{k}", unit=f"单位{k}").marks(f"E{k}", (20, 30, 5)).vote(f"E{k}", 1000 - k)
    result = by_id(evaluated(mini_rubric, contest.write()))
    online = result[f"E{votes_rank}"]["panels"]["online"]
    assert online["rank"] == votes_rank
    assert online["points"] == expected == points_for(votes_rank)


def test_equal_votes_share_a_vote_rank_competition_style(mini_rubric, contest):
    for entry, votes in (("E1", 90), ("E2", 80), ("E3", 80), ("E4", 70)):
        contest.entry(entry).marks(entry, (20, 30, 5)).vote(entry, votes)
    result = by_id(evaluated(mini_rubric, contest.write()))
    assert [result[e]["panels"]["online"]["rank"] for e in ("E1", "E2", "E3", "E4")] == [1, 2, 2, 4]


def test_missing_votes_count_as_zero_and_are_warned(mini_rubric, contest):
    contest.entry("E1").entry("E2").marks("E1", (20, 30, 5)).marks("E2", (20, 30, 5)).vote("E1", 5)
    result = evaluated(mini_rubric, contest.write())
    assert by_id(result)["E2"]["panels"]["online"] == {"votes": 0, "rank": 2, "points": 18}
    assert any("E2 has no votes row" in w for w in result["warnings"])


def test_exclusive_vote_awards_pass_to_the_next_best(mini_rubric, contest):
    for entry in ("E1", "E2", "E3"):
        contest.entry(entry).marks(entry, (20, 30, 5))
    contest.vote("E1", 100).vote("E2", 90).vote("E3", 10)  # popularity
    contest.vote("E1", 50, "style").vote("E2", 40, "style").vote("E3", 30, "style")
    contest.vote("E1", 9, "image").vote("E2", 9, "image").vote("E3", 1, "image")
    result = evaluated(mini_rubric, contest.write())
    awards = {a["id"]: a["winners"] for a in result["awards"]}
    assert awards["popularity"] == ["E1"]
    assert awards["style"] == ["E2"]  # E1 already won in the group
    assert awards["image"] == ["E3"]  # E1 and E2 took earlier awards of the group
    assert awards["creativity"] == []  # no votes in that category: nobody wins


def test_a_tie_for_most_votes_shares_the_award(mini_rubric, contest):
    for entry in ("E1", "E2", "E3", "E4"):
        contest.entry(entry).marks(entry, (20, 30, 5)).vote(entry, 10 if entry != "E4" else 1)
    contest.vote("E2", 70, "style").vote("E3", 70, "style").vote("E4", 3, "style")
    result = evaluated(mini_rubric, contest.write())
    awards = {a["id"]: a for a in result["awards"]}
    assert awards["popularity"]["winners"] == ["E1", "E2", "E3"]
    assert any("3 winners for 1 place(s)" in note["text"] for note in awards["popularity"]["notes"])
    # all three popularity winners are out of the exclusive group: style passes to E4
    assert awards["style"]["winners"] == ["E4"]


def test_waiver_cancels_a_deduction_and_is_reported(mini_rubric, contest):
    contest.entry("E1", submitted="2018-11-11 09:00").entry("E2", submitted="2018-11-10 23:59")
    contest.marks("E1", (20, 30, 5)).marks("E2", (20, 30, 5)).vote("E1", 1).vote("E2", 1)
    contest.verdict("E1", "deadline", "通过", "邮件延迟，组委会同意")
    result = by_id(evaluated(mini_rubric, contest.write()))
    assert result["E1"]["conformity"]["score"] == 10
    assert result["E1"]["conformity"]["waived"] == [{"check": "deadline", "note": "邮件延迟，组委会同意"}]
    assert result["E2"]["conformity"]["violations"] == []  # the whole deadline day counts


def test_manual_failures_deduct_down_to_zero_never_below(mini_rubric, contest):
    contest.entry("E1", letter="否", submitted="2018-12-01").marks("E1", (20, 30, 5)).vote("E1", 1)
    contest.verdict("E1", "work_photo", "不通过", "生活照").verdict("E1", "not_poem", "fail", "诗歌")
    result = by_id(evaluated(mini_rubric, contest.write()))
    conformity = result["E1"]["conformity"]
    assert conformity["violations"] == ["recommendation_letter", "deadline", "work_photo", "not_poem"]
    assert conformity["score"] == 6


def test_unit_quota_fails_the_entries_past_the_quota(mini_rubric, contest):
    for k in range(1, 8):
        contest.entry(f"E{k}", unit="大单位", submitted=f"2018-11-0{k}").marks(f"E{k}", (20, 30, 5)).vote(f"E{k}", k)
    result = by_id(evaluated(mini_rubric, contest.write()))
    over = sorted(e for e in result if "unit_quota" in result[e]["conformity"]["violations"])
    assert over == ["E6", "E7"]


def test_disqualifying_check_removes_the_entry_from_ranks_and_awards(tmp_path, contest):
    from tests.conftest import MINI_RUBRIC

    rubric = tmp_path / "dq.yaml"
    rubric.write_text(MINI_RUBRIC.replace("{id: not_poem, label: 非诗歌, type: manual}",
                                          "{id: not_poem, label: 非诗歌, type: manual, severity: disqualify}"),
                      encoding="utf-8")
    contest.entry("E1").entry("E2").marks("E1", (30, 50, 10)).marks("E2", (20, 30, 5))
    contest.vote("E1", 100).vote("E2", 1).verdict("E1", "not_poem", "fail", "诗歌")
    result = evaluated(rubric, contest.write())
    entries = by_id(result)
    assert entries["E1"]["disqualified"] is True and entries["E1"]["rank"] is None
    assert entries["E1"]["awards"] == []
    assert entries["E2"]["rank"] == 1 and entries["E2"]["awards"] == ["first", "popularity"]
    assert [e["id"] for e in result["entries"]] == ["E2", "E1"]  # disqualified listed last


def test_unit_composite_prefers_units_with_more_and_better_entries(mini_rubric, contest):
    contest.entry("E1", unit="甲").entry("E2", unit="甲").entry("E3", unit="乙")
    contest.marks("E1", (30, 50, 10)).marks("E2", (25, 40, 8)).marks("E3", (10, 10, 4))
    for entry in ("E1", "E2", "E3"):
        contest.vote(entry, 1)
    result = evaluated(mini_rubric, contest.write())
    units = {u["unit"]: u["awards"] for u in result["units"]}
    assert units == {"甲": ["best_team"], "乙": []}
    assert next(a for a in result["awards"] if a["id"] == "best_team")["winners"] == ["甲"]


def test_explain_says_why_a_disqualified_entry_has_no_rank(tmp_path, contest, cli):
    from tests.conftest import MINI_RUBRIC

    rubric = tmp_path / "dq.yaml"
    rubric.write_text(MINI_RUBRIC.replace("{id: not_poem, label: 非诗歌, type: manual}",
                                          "{id: not_poem, label: 非诗歌, type: manual, severity: disqualify}"),
                      encoding="utf-8")
    contest.entry("E1").marks("E1", (30, 50, 10)).vote("E1", 100).verdict("E1", "not_poem", "fail", "诗歌")
    code, out, err = cli("explain", rubric, contest.write(), "E1", "--lang", "zh-CN")
    assert code == 0, err
    assert "非诗歌：不通过" in out and "→ 取消资格" in out
    assert "取消资格（非诗歌 不通过），不参与排名和评奖" in out
