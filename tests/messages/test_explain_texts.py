"""`rubric explain` in the organiser's language (zh-CN, the rubric's default) and in English (--lang en)."""
from __future__ import annotations

import json

from tests.conftest import run_inprocess


def _disqualifying(mini_rubric, tmp_path):
    rubric = tmp_path / "dq.yaml"
    rubric.write_text(mini_rubric.read_text(encoding="utf-8").replace(
        "{id: not_poem, label: 非诗歌, type: manual}", "{id: not_poem, label: 非诗歌, type: manual, severity: disqualify}"),
        encoding="utf-8")
    return rubric


def _flat(out: str) -> str:
    """The table's cells as one line: a long sentence folded over two rows reads whole again."""
    return "".join(out.splitlines()).replace("│", "").replace(" ", "")


def test_explain_of_a_disqualified_entry_in_chinese_and_english(contest, mini_rubric, tmp_path):
    contest.entry("E1").entry("E2").marks("E1", (20, 30, 5)).marks("E2", (22, 31, 6))
    contest.vote("E1", 3).vote("E2", 7).verdict("E1", "not_poem", "fail", "诗歌")
    rubric, folder = _disqualifying(mini_rubric, tmp_path), contest.write()
    process = run_inprocess("explain", rubric, folder, "E1", "-q", lang=None, env={"COLUMNS": "200"})
    assert process.returncode == 0, process.stderr
    out = _flat(process.stdout)
    assert "非诗歌：不通过" in out and "→取消资格" in out
    assert "名次取消资格（非诗歌不通过），不参与排名和评奖" in out
    assert "奖项未获最佳人气奖：人气得票3，获奖者7票" in out
    assert "作品E1作品E1（单位A）" in out and "评委X1的评委合计：" in out
    process = run_inprocess("explain", rubric, folder, "E1", "-q", "--lang", "en", env={"COLUMNS": "200"})
    assert process.returncode == 0, process.stderr
    out = " ".join(process.stdout.split())
    assert "disqualified (非诗歌 failed): not ranked, no awards" in out
    assert "not won, 最佳人气奖: 人气: 3 votes, the winner 7" in out and "judge X1, judge's total:" in out
    document = json.loads(run_inprocess("explain", rubric, folder, "E1", "-q", "--format", "json", lang=None).stdout)
    assert document["rank"]["reason"] == "取消资格（非诗歌 不通过），不参与排名和评奖"


def test_explain_of_a_unit_in_chinese(contest, mini_rubric):
    contest.entry("E1", "单位A").entry("E2", "单位B").marks("E1", (20, 30, 5)).marks("E2", (25, 40, 8))
    contest.vote("E1", 3).vote("E2", 2)
    process = run_inprocess("explain", mini_rubric, contest.write(), "单位A", "-q", lang=None, env={"COLUMNS": "200"})
    assert process.returncode == 0, process.stderr
    out = _flat(process.stdout)
    assert "单位单位A：1件参赛作品" in out and "作品E1作品E1，第2名，最终得分" in out
    assert "÷最高" in out and "×权重50%" in out and "综合得分" in out and "未获奖（获奖单位最低综合得分" in out
