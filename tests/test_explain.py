"""`rubric explain` of one entry: skipped judges named with the reason, numbers rounded once and visibly.

The texts are asserted in zh-CN, the organiser's language (`--lang zh-CN`).
"""
from __future__ import annotations

import json
import re

from .conftest import MINI_RUBRIC

TRIMMED = MINI_RUBRIC.replace(
    "criteria: [conformity, content, thought, innovation]}\n  - {id: audience",
    "criteria: [conformity, content, thought, innovation], aggregation: trimmed_mean, "
    "aggregation_params: {drop: 1}}\n  - {id: audience", 1)


def _contest(contest):
    contest.entry("E1").entry("E2")
    for judge, marks in (("X1", (20, 30, 5)), ("X2", (25, 40, 8)), ("X3", (22, 35, 6)), ("X4", (18, 28, 4))):
        contest.sheet("experts", judge, "E1", *marks)
    for judge, marks in (("X1", (21, 31, 5)), ("X2", (23, 33, 7)), ("X3", (19, 30, 6))):  # X4 did not score E2
        contest.sheet("experts", judge, "E2", *marks)
    contest.sheet("audience", "A1", "E1", 20, 30, 5).sheet("audience", "A1", "E2", 21, 31, 7)
    contest.vote("E1", 10).vote("E2", 3)
    return contest.write()


def test_a_skipped_judge_is_named_with_the_reason(tmp_path, contest, cli):
    rubric = tmp_path / "trimmed.yaml"
    rubric.write_text(TRIMMED, encoding="utf-8")
    assert TRIMMED != MINI_RUBRIC
    folder = _contest(contest)
    code, out, err = cli("explain", rubric, folder, "E2", "--format", "md", "--lang", "zh-CN")  # md: one line per step
    assert code == 0, err
    assert "评委 X4 没有为本作品评分（scores 表中没有这一行），不计入；得分取其余评委的去掉最高分和最低分后的平均分" in out
    code, out, err = cli("explain", rubric, folder, "E1", "--format", "md", "--lang", "zh-CN")
    assert code == 0, err
    # the trimmed mean drops X2 (83 + 规范性 10, the highest) and X4 (50 + 10, the lowest)
    dropped = {re.search(r"评委 (X\d)", line).group(1) for line in out.splitlines()
               if "未采用：去掉最高分和最低分后的平均分去掉了这张评分表" in line}
    assert dropped == {"X2", "X4"}, out
    assert "2 位评委的去掉最高分和最低分后的平均分" in out
    code, out, err = cli("explain", rubric, folder, "E1", "--format", "json")
    skipped = json.loads(out)["panels"]["experts"]["skipped"]
    assert [(s["judge"], s["reason"], s["by"]) for s in skipped] == [("X2", "dropped", "trimmed_mean"),
                                                                     ("X4", "dropped", "trimmed_mean")]


def test_rounding_is_one_visible_step(tmp_path, contest, cli):
    rubric = tmp_path / "mini.yaml"
    rubric.write_text(MINI_RUBRIC, encoding="utf-8")
    contest.entry("E1")
    contest.sheet("experts", "X1", "E1", 20, 30, 5).sheet("experts", "X2", "E1", 21, 30, 5)
    contest.sheet("experts", "X3", "E1", 21, 30, 5)
    contest.sheet("audience", "A1", "E1", 20, 31, 5)
    contest.vote("E1", 1)
    folder = contest.write()
    code, out, err = cli("explain", rubric, folder, "E1", "--format", "json")
    final = json.loads(out)["final"]
    assert final["rounding"]["decimals"] == 2 and final["rounding"]["rule"] == "half_up"
    # experts (10 + 55, 10 + 56, 10 + 56) → 65.666…; 0.7 × 65.666… + 0.1 × 66 + 20 = 72.566…
    assert final["rounding"]["exact"] == "72.56666666…" and final["rounding"]["shown"] == "72.57"
    code, out, err = cli("explain", rubric, folder, "E1", "--format", "md", "--lang", "zh-CN")
    assert "= 72.56666666… → 72.57（四舍五入，保留 2 位小数）" in out
    assert "3 位评委的平均分 = 65.67（满分 100）" in out and "45.97" in out  # 0.7 × 65.666… = 45.9666…
