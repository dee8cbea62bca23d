"""The manual-verdicts note ("已记录 N 条人工判定") is said where it means something: a contest
with no manual check and no recorded verdict prints no "已记录 0 条" line."""
from __future__ import annotations

from tests.conftest import write_csv

RUBRIC = """\
rubric_version: 1
contest: {id: quiz, name: 知识竞赛, submission: {deadline: "2026-03-31"}}
criteria:
  - {id: quality, label: 质量, max: 100}
panels:
  - {id: jury, label: 评委, type: judged, weight: 100%, criteria: [quality]}
voting:
  optional: true
awards:
  - {id: first, label: 一等奖, strategy: rank_tier, count: 1}
"""


def test_no_manual_check_no_verdict_no_note(tmp_path, cli):
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(RUBRIC, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    write_csv(data / "entries.csv", [["id", "title", "unit", "participants"], ["E1", "甲", "单位A", "张三"],
                                     ["E2", "乙", "单位B", "李四"]])
    write_csv(data / "scores.csv", [["panel", "judge", "entry", "quality"], ["jury", "J1", "E1", 90],
                                    ["jury", "J1", "E2", 80]])
    for command in (("evaluate",), ("explain", "E1"), ("check",)):
        code, out, err = cli(command[0], rubric, data, *command[1:], "--lang", "zh-CN")
        assert code == 0, err
        assert "人工判定" not in out, (command, out)
    code, out, _ = cli("evaluate", rubric, data, "--lang", "zh-CN")
    assert "E1" in out and "一等奖" in out  # the results themselves are there
