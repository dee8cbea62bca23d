"""Ranked ballots (issue 14, deliver 3): juries rank entries, a rank table makes points, defined once."""
from __future__ import annotations

import json
from fractions import Fraction

import pytest

from tests.conftest import write_csv

EUROVISION = {1: 12, 2: 10, 3: 8, 4: 7, 5: 6, 6: 5, 7: 4, 8: 3, 9: 2, 10: 1}
ENTRIES = [f"C{n:02d}" for n in range(1, 13)]  # 12 songs; each jury ranks 10 of them
JURIES = ["Jury-A", "Jury-B", "Jury-C", "Jury-D", "Jury-E"]

RUBRIC = """\
rubric_version: 1
contest: {id: song, name: 歌唱大赛, submission: {deadline: "2026-05-01"}}
rank_tables:
  eurovision: "1 -> 12; 2 -> 10; 3 -> 8; 4 -> 7; 5 -> 6; 6 -> 5; 7 -> 4; 8 -> 3; 9 -> 2; 10 -> 1; 11.. -> 0"
panels:
  - {id: juries, label: 评审团, type: judged, ballot: ranked, rank_table: eurovision}
  - {id: televote, label: 电视投票, type: votes, rank_table: eurovision}
final:
  formula: juries + televote
  tie_break: [televote]
awards:
  - {id: winner, label: 冠军, strategy: rank_tier, count: 1}
"""


def jury_ranking(jury: int) -> list[str]:
    """Jury ``jury``'s top ten, best first: a rotation, so every jury differs (two songs unranked)."""
    order = ENTRIES[jury:] + ENTRIES[:jury]
    return order[:10] if jury % 2 else list(reversed(order))[:10]


TELEVOTES = {entry: 1000 + 37 * ((index * 5) % 12) for index, entry in enumerate(ENTRIES)}  # all distinct


def write_contest(folder, ballots=None):
    write_csv(folder / "entries.csv", [["编号", "作品名称", "参赛单位"], *[[e, f"歌{e}", f"国{e}"] for e in ENTRIES]])
    rows = ballots if ballots is not None else [
        ["评审团", jury, entry, rank]
        for j, jury in enumerate(JURIES) for rank, entry in enumerate(jury_ranking(j), 1)]
    write_csv(folder / "scores.csv", [["评分组", "评委", "作品编号", "名次"], *rows])
    write_csv(folder / "votes.csv", [["entry", "votes"], *[[e, v] for e, v in TELEVOTES.items()]])
    return folder


@pytest.fixture(scope="module")
def song(tmp_path_factory):
    root = tmp_path_factory.mktemp("song")
    rubric = root / "song.yaml"
    rubric.write_text(RUBRIC, encoding="utf-8")
    return rubric, write_contest(root / "data")


def expected_finals() -> dict[str, int]:
    jury = {e: 0 for e in ENTRIES}
    for j in range(len(JURIES)):
        for rank, entry in enumerate(jury_ranking(j), 1):
            jury[entry] += EUROVISION[rank]
    by_votes = sorted(ENTRIES, key=TELEVOTES.get, reverse=True)
    televote = {entry: EUROVISION.get(rank, 0) for rank, entry in enumerate(by_votes, 1)}
    return {e: jury[e] + televote[e] for e in ENTRIES}


def test_a_eurovision_contest_with_one_rank_table_for_juries_and_televote(cli, song):
    rubric, data = song
    code, out, err = cli("evaluate", rubric, data, "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    finals = {e["id"]: Fraction(e["final_exact"]) for e in result["entries"]}
    expected = expected_finals()
    assert finals == expected
    assert result["awards"][0]["winners"] == [max(expected, key=expected.get)]
    # unranked songs get 0 from that jury, with no warning; only the lint's "not out of 100" remains, and
    # its "declare judges: or max:" (the juries panel sums five juries' points but declares neither)
    lints = ("highest reachable", "declares neither judges: nor max:")
    assert [line for line in err.splitlines() if "warning" in line and not any(k in line for k in lints)] == []


def test_explain_shows_each_jurys_rank_and_points(cli, song):
    rubric, data = song
    code, out, err = cli("explain", rubric, data, "C01", "--format", "json")
    assert code == 0, err
    panel = json.loads(out)["panels"]["juries"]
    ranks = {j: next((r for r, e in enumerate(jury_ranking(i), 1) if e == "C01"), None) for i, j in enumerate(JURIES)}
    assert {s["judge"]: s.get("rank") for s in panel["sheets"]} == ranks
    assert {s["judge"]: s["total"] for s in panel["sheets"]} == {j: EUROVISION.get(r, 0) for j, r in ranks.items()}
    assert panel["ballot"] == "ranked" and panel["rank_table"] == "eurovision"


def test_show_names_the_shared_table(cli, song):
    code, out, err = cli("show", song[0])
    assert code == 0, err
    assert "eurovision" in out and "12" in out


def test_a_judge_giving_one_rank_twice_is_a_located_error(cli, song, tmp_path):
    rows = [["评审团", "Jury-A", "C01", 1], ["评审团", "Jury-A", "C02", 2], ["评审团", "Jury-A", "C03", 2]]
    data = write_contest(tmp_path / "data", rows)
    code, out, err = cli("evaluate", song[0], data)
    assert code == 1
    assert ("scores.csv:4:4: error: judge Jury-A gave rank 2 twice on 评审团: entry C02 (row 3) and entry C03"
            in err), err
    assert "Traceback" not in err


def test_bad_rank_cells_are_located(cli, song, tmp_path):
    rows = [["评审团", "Jury-A", "C01", "first"], ["评审团", "Jury-A", "C99", 1], ["评审团", "Jury-B", "C01", 0]]
    data = write_contest(tmp_path / "data", rows)
    code, out, err = cli("evaluate", song[0], data)
    assert code == 1
    assert "scores.csv:2:4: error: rank 'first' is not a whole number from 1" in err, err
    assert "scores.csv:3:3: error: unknown entry 'C99'" in err
    assert "2 errors of this kind in this column, on rows 2, 4" in err, err  # grouped (issue 14)


@pytest.mark.parametrize("declared,warned", [("", True), (", judges: [Jury-A, Jury-B]", False), (", max: 60", False),
                                             (", aggregation: mean", False)])
def test_a_summed_ranked_panel_without_judges_or_max_is_warned(cli, tmp_path, declared, warned):
    rubric = tmp_path / "song.yaml"
    written = RUBRIC.replace("rank_table: eurovision}\n  - {id: televote", f"rank_table: eurovision{declared}}}\n"
                             "  - {id: televote")
    rubric.write_text(written, encoding="utf-8")
    code, out, err = cli("validate", rubric, "--lang", "zh-CN")
    assert code == 0, err
    line = next(n for n, text in enumerate(written.splitlines(), 1) if "ballot: ranked" in text)
    column = written.splitlines()[line - 1].index("ranked") + 1
    zh = (f"song.yaml:{line}:{column}: 警告：排名评分组 评审团 既没有声明 judges: 也没有声明 max:，满分因此按名次表的"
          "最高分 12 计")
    assert (zh in err) is warned, err
    if warned:  # the hint: 5 judges × 12 points, computed here
        assert f"提示：声明评委（judges: [评审团A, 评审团B, …]，满分 = 12 × 评委人数），或直接写出满分（5 位评委：max: {5 * 12}）" in err
        code, out, err = cli("validate", rubric, "--lang", "en", "--strict")
        assert code == 1 and "the ranked panel 评审团 declares neither judges: nor max:, so its maximum is the rank " \
                             "table's top points, 12" in err, err
