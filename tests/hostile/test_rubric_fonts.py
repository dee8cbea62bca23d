"""Issue 18, case 14: a misspelt font in the rubric is an error with the nearest names, not a point off every article."""
from __future__ import annotations

from tests.conftest import RUBRIC_2018

BODY = "params: {part: body, font: 仿宋, size: 三号}"


def _rubric(tmp_path, params: str):
    text = RUBRIC_2018.read_text(encoding="utf-8")
    assert BODY in text
    path = tmp_path / "r.yaml"
    path.write_text(text.replace(BODY, params), encoding="utf-8")
    line = next(i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if params in l)
    return path, line


def test_a_misspelt_font_is_a_located_error_naming_the_nearest_fonts(cli, tmp_path):
    path, line = _rubric(tmp_path, "params: {part: body, font: 方宋, size: 三号}")
    code, out, err = cli("validate", path)
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("方宋") + 1
    assert code == 1 and "Traceback" not in err
    assert f"r.yaml:{line}:{column}: error: unknown font '方宋'" in err, err
    assert "hint: the nearest common font names: 仿宋, " in err  # the same characters in the same places: first
    assert "allow_unknown_fonts: true" in err
    code, _, err = cli("validate", path, "--lang", "zh-CN")
    assert code == 1 and "错误：未知的字体“方宋”" in err and "最接近的常用字体名：仿宋、" in err


def test_a_name_near_nothing_known_says_how_to_allow_it(cli, tmp_path):
    path, _ = _rubric(tmp_path, "params: {part: body, font: Zapfino, size: 三号}")
    code, _, err = cli("validate", path)
    assert code == 1 and "unknown font 'Zapfino'" in err and "write a common font name" in err, err


def test_allow_unknown_fonts_lets_another_font_through(cli, tmp_path):
    path, _ = _rubric(tmp_path, "params: {part: body, font: 某某体, size: 三号, allow_unknown_fonts: true}")
    code, _, err = cli("validate", path)
    assert code == 0, err


def test_the_common_names_and_their_aliases_are_known_in_any_case(cli, tmp_path):
    for font in ("仿宋_GB2312", "FangSong", "fangsong", "方正仿宋", "宋体", "SimSun", "黑体", "SimHei", "楷体", "KaiTi",
                 "微软雅黑", "方正小标宋简体"):
        path, _ = _rubric(tmp_path, f"params: {{part: body, font: {font}, size: 三号}}")
        code, _, err = cli("validate", path)
        assert code == 0 and "unknown font" not in err, (font, err)
