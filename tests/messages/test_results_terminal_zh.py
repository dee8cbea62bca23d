"""The results and terminal texts read in Chinese by default (the rubric's language), as a person writes them."""
from __future__ import annotations

import json
import re

from tests.conftest import run_inprocess

REPR = re.compile(r"[{\[]'|Fraction\(")  # a Python dict, list or Fraction shown to a person


def test_evaluation_warnings_and_tables_read_in_chinese(contest, mini_rubric, tmp_path):
    contest.entry("E1").entry("E2").marks("E1", (20, 30, 5)).marks("E2", (25, 40, 8)).vote("E1", 3)
    contest.sheet("experts", "X2", "E1", 21, 31, 6)  # X2 never scored E2
    out = tmp_path / "结果.csv"
    process = run_inprocess("evaluate", mini_rubric, contest.write(), "--output", out, lang=None)
    assert process.returncode == 0, process.stderr
    assert "警告：作品 E2 在投票类别“人气”中没有票数记录；按 0 票计" in process.stderr
    assert ("警告：评分组 专家评分（experts）的评委 X2 没有为作品 E2 评分；该作品得分取其他评委的平均分"
            in process.stderr)
    assert f"已写入 {out}" in process.stderr and not REPR.search(process.stderr)
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("名次,编号,作品名称,参赛人员,参赛单位,专家评分") and header.endswith(",最终得分,奖项,复核")


def test_a_disqualification_names_the_check_by_its_label(contest, mini_rubric, tmp_path):
    rubric = tmp_path / "dq.yaml"
    rubric.write_text(mini_rubric.read_text(encoding="utf-8").replace(
        "{id: not_poem, label: 非诗歌, type: manual}", "{id: not_poem, label: 非诗歌, type: manual, severity: disqualify}"),
        encoding="utf-8")
    contest.entry("E1").entry("E2").marks("E1", (20, 30, 5)).marks("E2", (20, 30, 5))
    contest.vote("E1", 3).vote("E2", 2).verdict("E1", "not_poem", "fail", "诗歌")
    process = run_inprocess("evaluate", rubric, contest.write(), "--format", "md", lang=None)
    assert process.returncode == 0, process.stderr
    assert "警告：作品 E1 因 非诗歌 不通过被取消资格：不排名，不获奖" in process.stderr
    assert "## 结果" in process.stdout and "| 取消资格 | E1 |" in process.stdout


def test_output_refused_says_why_in_chinese(contest, mini_rubric):
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 3)
    folder = contest.write()
    process = run_inprocess("evaluate", mini_rubric, folder, "--format", "json", "--output", folder / "votes.csv",
                         lang=None)
    assert process.returncode == 2
    assert "它是本次评审的输入文件之一（数据文件夹中的文件：" in process.stderr and "未写入任何文件" in process.stderr


def test_show_reads_as_a_person_writes_it(mini_rubric, cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the subject is the words, not the width: no folded cells
    code, out, err = cli("show", mini_rubric, "--lang", "zh-CN")
    assert code == 0, err
    flat = re.sub(r"\s*│\s*", " ", out)
    for words in ("同一投票人、作品、投票类别、日期限投一票", "平均分", "按最终名次分等", "投票类别：人气",
                  "权重：推荐作品数 50%；作品名次 50%", "得票最多（互斥组 online）", "同分时依次比较",
                  "网络投票得分（票数）", "第 21 名及以后"):
        assert words in flat, words
    assert not REPR.search(out) and "voter" not in out and " mean" not in out
    code, out, err = cli("show", mini_rubric, "--lang", "en")
    assert code == 0, err
    flat = re.sub(r"\s*│\s*", " ", out)
    for words in ("one vote per voter, entry, category, day", "weights: entries nominated 50%; entry ranks 50%",
                  "category: 人气", "most votes (exclusive group online)", "ranks 21 and beyond"):
        assert words in flat, words
    assert not REPR.search(out)


def test_a_saved_verdicts_file_reads_in_the_language_of_the_run(contest, mini_rubric, cli, tmp_path):
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 3)
    folder = contest.write()
    saved = tmp_path / "verdicts.json"
    code, _, err = cli("check", mini_rubric, folder, "--output", saved, "--lang", "zh-CN")
    assert code == 0, err
    assert "人工判定项：在 checks 表中记录结果" in saved.read_text(encoding="utf-8")
    code, out, err = cli("explain", mini_rubric, folder, "E1", "--verdicts", saved, "--format", "json", "--lang", "en")
    assert code == 0, err
    reasons = {c["check"]: c["reason"]["text"] for c in json.loads(out)["conformity"]["checks"]}
    assert reasons["not_poem"] == "manual check: record its result in the checks table"
