"""The rubric's most common mistakes read in Chinese (the default), located, with no Python value in sight."""
from __future__ import annotations

import re

import pytest

from rubric_engine import messages
from rubric_engine.language.wording import Joined, label, rank_rule, written, written_params
from tests.conftest import MINI_RUBRIC, RUBRIC_2018, run_inprocess

REPR = re.compile(r"\{'|\['|Fraction\(|\\\\x|'\w+': ")  # a dict, a list or a Fraction as Python prints it


def _rubric(tmp_path, old: str, new: str, name: str = "r.yaml"):
    """The 2018 rubric with ``old`` replaced by ``new``, and the line of the last line of ``new``."""
    text = RUBRIC_2018.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    needle = new.strip().splitlines()[-1]
    line = next(i for i, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in row)
    return path, line


def _validate_in_chinese(path):
    result = run_inprocess("validate", path, lang=None, env={"LANG": "zh_CN.UTF-8"})
    assert "Traceback" not in result.stderr and not REPR.search(result.stderr), result.stderr
    return result.returncode, result.stderr


def test_an_unknown_key_reads_in_chinese_with_its_place_and_the_allowed_keys(tmp_path):
    path, line = _rubric(tmp_path, "contest:\n", "contest:\n  colour: red\n")
    code, err = _validate_in_chinese(path)
    assert code == 1 and f"{path}:{line}:3: 错误：未知的键“colour”" in err
    assert "提示：此处可用的键：id、name、theme" in err


def test_a_wrong_type_and_an_unknown_choice_read_in_chinese(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(MINI_RUBRIC.replace("rubric_version: 1\n", "rubric_version: 1\nlanguage: fr\n", 1),
                    encoding="utf-8")
    code, err = _validate_in_chinese(path)
    assert code == 1 and "错误：“language”不能是“fr”" in err and "提示：可选值：zh-CN、en" in err
    path.write_text(MINI_RUBRIC.replace('submission: {deadline: "2018-11-10"}', "submission: yes", 1), encoding="utf-8")
    code, err = _validate_in_chinese(path)
    assert code == 1 and "错误：“submission”应为映射（若干“键: 值”行），而不是“yes”" in err


def test_a_yaml_mistake_reads_in_chinese_at_its_line(tmp_path):
    path, line = _rubric(tmp_path, "contest:\n", "contest:\n  name: 甲: 乙\n")
    code, err = _validate_in_chinese(path)
    assert code == 1 and f"{path}:{line}:" in err and "错误：YAML 格式错误：此处不能出现“键: 值”" in err
    assert "提示：含有“: ”的值必须加引号" in err


def test_expression_mistakes_read_in_chinese_pointing_into_the_expression(tmp_path):
    path, line = _rubric(tmp_path, "      - range: 26..30", "      - range: 30..26")
    code, err = _validate_in_chinese(path)
    assert code == 1 and f"{path}:{line}:16: 错误：范围 30..26 写反了：起点大于终点" in err and "提示：应写作 26..30" in err
    path, line = _rubric(tmp_path, "  # formula: 70% * experts + 10% * audience + online",
                         "  formula: 70% * expert + 10% * audience + online #")
    code, err = _validate_in_chinese(path)
    assert code == 1 and f"{path}:{line}:18: 错误：未知的名称“expert”" in err and "提示：是否想写 “experts”？" in err


def test_reference_and_weight_mistakes_name_the_kind_and_the_panels_by_label(tmp_path):
    path, line = _rubric(tmp_path, "aggregation: mean", "aggregation: avg")
    code, err = _validate_in_chinese(path)
    assert code == 1 and f"{path}:{line}:18: 错误：未知的汇总方式“avg”" in err
    assert "提示：已定义的汇总方式：mean、median、sum、trimmed_mean、trimmed_sum" in err
    path, line = _rubric(tmp_path, "weight: 70%", "weight: 70")
    code, err = _validate_in_chinese(path)
    assert code == 1 and "错误：各评分组权重合计 7030%，不是 100%（专家评分 7000%、专业观众评分 10%、网络投票得分 20%）" in err
    assert "提示：“weight: 70”表示 7000%；应写“weight: 70%”" in err


def test_lint_warnings_read_in_chinese(tmp_path):
    path, line = _rubric(tmp_path, '"1 -> 20; 2..4 -> 18;', '"1 -> 20; 3..4 -> 18;')
    code, err = _validate_in_chinese(path)
    assert code == 1 and "警告：内容性：分数 0..9 不在任何分档内" in err
    assert f"{path}:{line}:17: 错误：网络投票得分：第 2 名没有得分" in err  # a gap is an error (issue 18)


def test_a_broken_plugin_reads_in_chinese(tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "bad.py").write_text("def broken(:\n", encoding="utf-8")
    result = run_inprocess("plugins", "--plugins-dir", folder, lang="zh-CN")
    assert result.returncode == 1 and f"{folder / 'bad.py'}:1:" in result.stderr
    assert "错误：插件 bad.py 有语法错误" in result.stderr and "提示：请修正标出位置的 Python 语法" in result.stderr


@pytest.fixture
def chinese():
    previous = messages.current_language()
    messages.set_language("zh-CN")
    yield
    messages.set_language(previous)


def test_values_are_written_as_in_a_rubric_and_labels_come_from_the_catalogue(chinese):
    from fractions import Fraction

    from rubric_engine.language.compiler import RankRule

    assert written({"nominations": "20%", "entry_ranks": 0.3}) == "{nominations: 20%, entry_ranks: 0.3}"
    assert written([True, None, Fraction(1, 4)]) == "[true, , 0.25]"
    assert written_params({"weights": {"nominations": "20%"}, "drop": 1}) == "weights: {nominations: 20%}  drop: 1"
    assert label("aggregation", "mean") == "平均分" and label("strategy", "rank_tier") == "按最终名次分等"
    assert label("aggregation", "midrange") == "midrange"  # a plugin's own: its name
    assert rank_rule(RankRule(8, 10, Fraction(14))) == "第 8–10 名得 14 分"
    assert rank_rule(RankRule(21, None, Fraction(9))) == "第 21 名及以后得 9 分"
    joined = Joined(["a", "b"])
    assert str(joined) == "a、b"
    messages.set_language("en")
    assert str(joined) == "a, b" and label("aggregation", "mean") == "mean"
    assert rank_rule(RankRule(8, 10, Fraction(14))) == "ranks 8..10: 14 points"


def test_schema_rules_read_in_chinese_by_kind_with_the_allowed_values(tmp_path):
    path, line = _rubric(tmp_path, "    scored_by: checks", "    scored_by: check ")
    code, err = _validate_in_chinese(path)
    assert code == 1 and f"{path}:{line}:16: 错误：“scored_by”不能是“check”" in err
    assert "提示：是否想写 “checks”？可选值：judges、checks" in err
    path, line = _rubric(tmp_path, "  decimals: 2", "  decimals: -1")
    code, err = _validate_in_chinese(path)
    assert code == 1 and f"{path}:{line}:13: 错误：“decimals”至少为 0，而不是“-1”" in err
    path, line = _rubric(tmp_path, "rubric_version: 1", "rubric_version: 2")
    code, err = _validate_in_chinese(path)
    assert code == 1 and f"{path}:{line}:17: 错误：“rubric_version”必须是 1" in err
