"""The data and checks areas in the organiser's language: a run with no --lang speaks the
rubric's language (zh-CN), every error at its file:line:col; the same facts in English."""
from __future__ import annotations

import json

import pytest

from tests.checks.test_file_checks import Submissions
from tests.conftest import run_inprocess, write_csv
from tests.io.test_data_files import ENTRY_ROWS, SCORE_ROWS, folder_with


def evaluate(rubric, folder, lang=None):
    """``rubric evaluate`` as a user runs it; ``lang=None``: no --lang, so the rubric's language."""
    process = run_inprocess("evaluate", rubric, folder, "--format", "json", lang=lang)
    assert "Traceback" not in process.stderr
    return process


@pytest.mark.parametrize("scores, chinese, english", [
    (SCORE_ROWS + [["专家评分", "专家1", "E9", 20, 30, 5]],
     "scores.csv:6:3: 错误：未知的作品编号“E9”", "scores.csv:6:3: error: unknown entry 'E9'"),
    ([["专家评份", "专家1", "E1", 28, 45, 9]] + SCORE_ROWS[1:],
     "scores.csv:2:1: 错误：未知的评分组“专家评份”", "scores.csv:2:1: error: unknown panel '专家评份'"),
    ([["专家评分", "专家1", "E1", 31, 45, 9]] + SCORE_ROWS[1:],
     "scores.csv:2:4: 错误：内容性分数 31 超出 0..30", "scores.csv:2:4: error: 内容性 mark 31 is outside 0..30"),
    ([["专家评分", "专家1", "E1", "２８", 45, 9]] + SCORE_ROWS[1:],
     "scores.csv:2:4: 错误：内容性分数“２８”用了全角数字", "scores.csv:2:4: error: 内容性 mark '２８' is written with full-width"),
    (SCORE_ROWS + [SCORE_ROWS[0]],
     "scores.csv:6:3: 错误：评委 专家1 在“专家评分”中给作品 E1 评了两次（首次出现在第 2 行）",
     "scores.csv:6:3: error: judge 专家1 scored entry E1 on panel 专家评分 twice (first on row 2)"),
])
def test_the_commonest_score_errors_read_in_chinese_by_default(mini_rubric, tmp_path, scores, chinese, english):
    folder = folder_with(tmp_path, scores=scores)
    chinese_run = evaluate(mini_rubric, folder)
    assert chinese_run.returncode == 1 and chinese_run.stdout == ""
    assert chinese in chinese_run.stderr
    assert "个错误：未写入任何文件。" in chinese_run.stderr
    assert english in evaluate(mini_rubric, folder, lang="en").stderr


def test_hints_and_columns_are_chinese_too(mini_rubric, tmp_path):
    folder = folder_with(tmp_path, scores=[["专家评分", "专家1", "E1", "２８", 45, 9]] + SCORE_ROWS[1:])
    err = evaluate(mini_rubric, folder).stderr
    assert "［列 D 内容性］" in err
    assert "提示：请用半角数字重新输入（把输入法切换到半角）" in err


def test_a_missing_column_and_a_bad_date_in_the_entries_table(mini_rubric, tmp_path):
    folder = folder_with(tmp_path, entries=[ENTRY_ROWS[0][:6] + ["十一月一日", "是"], ENTRY_ROWS[1]])
    err = evaluate(mini_rubric, folder).stderr
    assert "entries.csv:2:7: 错误：提交时间“十一月一日”不是日期或时间" in err
    assert "提示：请写成 2018-11-10 或 2018-11-10 18:30" in err
    write_csv(folder / "entries.csv", [["编号", "作品名称"], ["E1", "耳机那头"]])
    err = evaluate(mini_rubric, folder).stderr
    assert "entries.csv:1: 错误：缺少“unit”列（参赛单位）" in err
    assert "提示：添加一列，表头写 unit 或 参赛单位" in err


def test_a_broken_table_file_reads_in_chinese(mini_rubric, tmp_path):
    folder = folder_with(tmp_path)
    (folder / "votes.csv").write_bytes("作品编号,票数\nE1,3\x00\n".encode())
    err = evaluate(mini_rubric, folder).stderr
    assert "votes.csv:2: 错误：文件中有 NUL 字节（第 2 行），不是文本 CSV" in err
    assert "提示：请重新导出为 CSV，或另存为 .xlsx" in err


def test_a_limit_names_its_variable_in_chinese(mini_rubric, tmp_path):
    folder = folder_with(tmp_path)
    err = run_inprocess("evaluate", mini_rubric, folder, env={"RUBRIC_MAX_TABLE_COLUMNS": "3"}, lang=None).stderr
    assert "entries.csv:1:4: 错误：表头有 8 列，超过 3 列" in err
    assert "请设置环境变量 RUBRIC_MAX_TABLE_COLUMNS 提高它（当前为 3）；见 docs/limits.md" in err


def test_data_warnings_follow_the_language(mini_rubric, tmp_path):
    folder = folder_with(tmp_path, encoding="gb18030")
    assert "按 gb18030 编码读取" in json.loads(evaluate(mini_rubric, folder).stdout)["warnings"][0]
    assert "read as gb18030" in json.loads(evaluate(mini_rubric, folder, lang="en").stdout)["warnings"][0]


@pytest.fixture
def subs(tmp_path):
    return Submissions(tmp_path / "data")


def test_check_reasons_in_both_languages_from_one_language_free_cache(subs):
    subs.article("E1", photo=1024 * 1024)
    subs.entry("E2", title="没有文件夹", folder_name="别的名字")
    chinese = subs.check(lang="zh-CN")
    english = subs.check(lang="en")
    assert chinese["E1"]["photo_size"]["reason"] == "照片最大 1 MB（照片.jpg），要求不小于 3 MB"
    assert english["E1"]["photo_size"]["reason"] == "the largest photo is 1 MB (照片.jpg); required: at least 3 MB"
    assert chinese["E1"]["photo_size"]["limit"] == "不小于 3 MB" and english["E1"]["photo_size"]["limit"] == "at least 3 MB"
    assert english["E2"]["naming"]["reason"] == \
        "the entry's folder cannot be found; it should be named 没有文件夹+广州电信+王芳"
    assert english["E1"]["video_format"]["reason"] == "applies only to 视频"
    stored = json.loads(next((subs.root / ".rubric-cache").glob("*.json")).read_text(encoding="utf-8"))["verdicts"]
    # one verdict for every language: its reason a message's code and fields, never a sentence
    assert stored and all(set(v["reason"]) == {"code", "fields"} for v in stored.values())
    assert not any(signature.endswith((":zh-CN", ":en")) for signature in stored)
    assert subs.check(lang="zh-CN") == chinese


def test_a_crashing_check_is_named_by_its_label(tmp_path):
    from rubric_engine.checking.verdicts import check_type_label, guarded
    from rubric_engine.messages import set_language

    class Check:
        type = "docx_font"

    def boom():
        raise RuntimeError("bad run")

    assert str(guarded(boom, Check()).reason) == "the check 'font and size' crashed: RuntimeError: bad run"
    set_language("zh-CN")
    assert str(guarded(boom, Check()).reason) == "检查“字体字号”出错：RuntimeError: bad run"
    assert str(check_type_label("a_plugin_type")) == "a_plugin_type"  # a plugin's type without a label: its name
