"""The page area's texts in zh-CN, the default, through the real CLI: the pages' words and the
one error of the page formats (wechat is for `rubric evaluate`)."""
from __future__ import annotations

import pytest

from tests.conftest import EXAMPLE, MINI_RUBRIC, RUBRIC_2018, run_inprocess
from tests.render.test_templates_and_audit import private_contest  # noqa: F401 - a fixture


@pytest.mark.parametrize("lang, said", [
    (None, ("wechat 格式只用于 `rubric evaluate` 的结果", "提示：check 与 explain 请用 --format html",
            "1 个错误：未写入任何文件。")),
    ("en", ("the wechat format is for `rubric evaluate` results",
            "hint: use --format html for check and explain")),
])
def test_the_wechat_format_for_check_is_refused_in_the_runs_language(lang, said, tmp_path):
    out = tmp_path / "wechat.html"
    result = run_inprocess("check", RUBRIC_2018, EXAMPLE, "--format", "wechat", "--output", out, lang=lang)
    assert result.returncode == 1 and not out.exists()
    assert all(text in result.stderr for text in said), result.stderr
    assert "Traceback" not in result.stderr


def test_the_pages_read_in_chinese_by_default(private_contest, tmp_path):
    rubric, data = private_contest
    assert "language:" not in MINI_RUBRIC  # zh-CN: the default
    page, wechat, audit = tmp_path / "page.html", tmp_path / "wechat.html", tmp_path / "audit.html"
    for fmt, out, extra in (("html", page, ("--audit", audit)), ("wechat", wechat, ())):
        result = run_inprocess("evaluate", rubric, data, "--format", fmt, "--output", out, *extra, lang=None)
        assert result.returncode == 0, result.stderr
    page, wechat, audit = (p.read_text(encoding="utf-8") for p in (page, wechat, audit))
    assert '<html lang="zh-CN">' in page and "<h2>获奖名单</h2>" in page and "<th>名次</th><th>作品名称</th>" in page
    assert 'aria-label="最终得分"' in page and "晨光里的声音" in page
    assert ">成绩排名</h2>" in wechat and "李明　甲单位" in wechat
    assert "<h2>人工判定（2 条）</h2>" in audit and "；未评分的评委：评委乙二号" in audit
    assert "<strong>不得公开</strong>" in audit and "、联系电话" in audit  # the example has phone numbers
