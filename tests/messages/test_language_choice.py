"""Which language a run speaks: --lang, else the rubric's language:, never the machine's locale for data."""
from __future__ import annotations

import json

from tests.conftest import RUBRIC_2018, run_inprocess


def _rubric_in(language: str, tmp_path):
    text = RUBRIC_2018.read_text(encoding="utf-8")
    path = tmp_path / f"rubric_{language}.yaml"
    path.write_text(text.replace("rubric_version: 1\n", f"rubric_version: 1\nlanguage: {language}\n", 1),
                    encoding="utf-8")
    return path


def _warnings(*args, env=None):
    result = run_inprocess(*args, env=env, lang=None)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["warnings"], result.stderr


def test_data_outputs_follow_the_rubric_not_the_locale(checked_example, tmp_path):
    common = ("--format", "json")  # the folder's verdict cache is warm: no file is probed again
    chinese, _ = _warnings("evaluate", RUBRIC_2018, checked_example.folder, *common, env={"LANG": "en_US.UTF-8"})
    assert chinese and all("警告：" in w for w in chinese)
    english, stderr = _warnings("evaluate", _rubric_in("en", tmp_path), checked_example.folder, *common,
                                env={"LANG": "zh_CN.UTF-8"})
    assert english and all("warning: " in w for w in english)
    assert "warning:" in stderr and "警告" not in stderr
    overridden, _ = _warnings("evaluate", _rubric_in("en", tmp_path), checked_example.folder, *common, "--lang",
                              "zh-CN")
    assert all("警告：" in w for w in overridden)


def test_an_unknown_language_is_a_usage_error(tmp_path):
    result = run_inprocess("validate", RUBRIC_2018, "--lang", "fr", lang=None)
    assert result.returncode == 2 and "'fr'" in result.stderr
    rubric = _rubric_in("fr", tmp_path)
    result = run_inprocess("validate", rubric, lang=None)
    line = rubric.read_text(encoding="utf-8").splitlines().index("language: fr") + 1
    assert result.returncode == 1 and f"{rubric}:{line}:11: 错误：" in result.stderr and "zh-CN、en" in result.stderr
