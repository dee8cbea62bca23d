"""Usage errors (Click's) read in the user's language, with the usage line and exit 2."""
from __future__ import annotations

import pytest

from tests.conftest import run_inprocess

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.mark.parametrize("args, said", [
    (("evaluate", "rubric.yaml"), "错误：缺少参数 DATA。"),
    (("evaluate", "a", "b", "--bogus"), "错误：没有选项 --bogus。"),
    (("evaluat",), "错误：没有命令 evaluat。是否想写："),
    (("evaluate", "a", "b", "c"), "错误：多余的参数：c"),
    (("evaluate", "a", "b", "-o"), "错误：选项 -o 需要一个值。"),
])
def test_usage_errors_in_chinese(args, said):
    result = run_inprocess(*args, env=ZH, lang=None)
    assert result.returncode == 2
    assert said in result.stderr, result.stderr
    assert "Error:" not in result.stderr and "Traceback" not in result.stderr


def test_usage_errors_in_english_with_lang():
    result = run_inprocess("evaluate", "rubric.yaml", "--lang", "en", env=ZH, lang=None)
    assert result.returncode == 2 and "Error: Missing argument 'DATA'." in result.stderr
    assert "evaluate -h' for help." in result.stderr
