"""``rubric certificates``: one 获奖证书 PDF per winner, read back (text, embedded fonts) and looked at as a PNG."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MINI_RUBRIC, ROOT, RUBRIC_2018, Contest

pytestmark = pytest.mark.long  # the fixture ``made`` makes the example's 34 certificates
SCREENSHOTS = ROOT / "tests" / "render" / "screenshots"
PDFTOPPM, PDFFONTS = shutil.which("pdftoppm"), shutil.which("pdffonts")


def _font_found() -> bool:
    from rubric_engine.errors import RubricEngineError
    from rubric_engine.render.fonts import find_fonts

    try:
        find_fonts()
    except RubricEngineError:
        return False
    return True


NEEDS_FONT = pytest.mark.skipif(not _font_found(), reason="no Chinese font on this machine (Debian: apt-get install "
                                                          "fonts-noto-cjk; .ci/run installs it)")
NEEDS_POPPLER = pytest.mark.skipif(PDFTOPPM is None or PDFFONTS is None or shutil.which("pdftotext") is None,
                                   reason="pdftoppm/pdffonts are not installed (Debian: apt-get install poppler-utils)")


def _run(*args):
    from rubric_engine.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def made(checked_example, tmp_path_factory):
    if not _font_found():
        pytest.skip("no Chinese font on this machine (Debian: apt-get install fonts-noto-cjk)")
    out = tmp_path_factory.mktemp("certificates") / "证书"
    result = _run("certificates", RUBRIC_2018, checked_example.folder, "--verdicts", checked_example.verdicts,
                  "--output", out, "--lang", "zh-CN")
    assert result.exit_code == 0, result.stderr
    return out, result


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A contest of three entries (one of a team) whose five certificates are of every kind — a tier
    award, a vote award, a unit award: for the tests that make the certificates again (each PDF costs)."""
    root = tmp_path_factory.mktemp("small")
    rubric = root / "mini.yaml"
    rubric.write_text(MINI_RUBRIC, encoding="utf-8")
    contest = Contest(root / "data")
    contest.entry("E1", "单位A").entry("E2", "单位B").entry("E3", "单位A")
    contest.entries[2][3] = "甲乙、丙丁"  # a team: both names on one certificate
    contest.marks("E1", (25, 40, 8)).marks("E2", (20, 30, 5)).marks("E3", (22, 35, 6))
    contest.vote("E1", 3).vote("E2", 7).vote("E3", 1)
    return rubric, contest.write()


def _text(pdf: Path) -> str:
    """The PDF's text as poppler reads it (the text layer a reader copies from)."""
    return subprocess.run([shutil.which("pdftotext"), str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@NEEDS_FONT
def test_one_certificate_per_winner_named_award_and_id(made, checked_example):
    out, result = made
    names = sorted(p.name for p in out.iterdir())
    assert "“最美客服人”一等奖-E055.pdf" in names and "“最美客服人”三等奖-E060.pdf" in names
    assert "最佳团队奖-广州银行信用卡中心.pdf" in names
    # 2 + 6 + 13 tier winners, 4 vote awards, 3 × 3 unit awards
    assert len(names) == 2 + 6 + 13 + 4 + 9
    assert "已写入 34 份证书" in result.stderr and "待复核" in result.stderr  # the example is still provisional


@NEEDS_FONT
@NEEDS_POPPLER
def test_a_team_entry_has_all_its_names_on_one_certificate_and_a_unit_award_names_the_unit(made):
    out, _ = made
    team = _text(out / "“最美客服人”三等奖-E060.pdf").replace("\n", "")
    assert "石静、徐芳、贾超子" in team and "答案之外里的光一" in team and "“最美客服人”三等奖" in team
    assert "2018年度“最美客服人”征文大赛" in team and "广东省服务外包产业促进会" in team and "2018年11月26日" in team
    unit = _text(out / "最佳团队奖-广州银行信用卡中心.pdf").replace("\n", "")
    assert "广州银行信用卡中心" in unit and "最佳团队奖" in unit and "作品《" not in unit


@NEEDS_FONT
@NEEDS_POPPLER
def test_the_font_is_embedded_and_the_page_renders(made):
    out, _ = made
    pdf = out / "“最美客服人”三等奖-E060.pdf"
    fonts = subprocess.run([PDFFONTS, str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # emb = yes for every font
    assert any("CJK" in row or "Fang" in row or "Song" in row or "Hei" in row for row in rows), fonts
    SCREENSHOTS.mkdir(exist_ok=True)
    subprocess.run([PDFTOPPM, "-png", "-r", "80", "-singlefile", str(pdf), str(SCREENSHOTS / "certificate")],
                   check=True, capture_output=True)
    png = SCREENSHOTS / "certificate.png"
    from PIL import Image

    with Image.open(png) as image:
        assert image.width > image.height > 500  # A4 landscape
        dark = sum(image.convert("L").point(lambda value: 255 if value < 128 else 0).histogram()[255:])
    assert dark > 5_000  # text was drawn, not an empty page


@NEEDS_FONT
def test_same_inputs_same_bytes(small, tmp_path):
    rubric, data = small
    made = []
    for run in ("first", "again"):
        out = tmp_path / run
        result = _run("certificates", rubric, data, "--output", out, "--date", "2018-11-30", "--lang", "zh-CN", "-q")
        assert result.exit_code == 0, result.stderr
        made.append({pdf.name: pdf.read_bytes() for pdf in out.iterdir()})
    assert sorted(made[0]) == ["一等奖-E1.pdf", "一等奖-E3.pdf", "二等奖-E2.pdf", "最佳人气奖-E2.pdf", "最佳团队奖-单位A.pdf"]
    assert made[0] == made[1]


@NEEDS_FONT
@NEEDS_POPPLER
def test_the_organiser_replaces_the_template(small, tmp_path):
    rubric, data = small
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "certificate.j2").write_text('<line font="heavy" size="40" align="C">荣誉证书 {{ names }}</line>\n'
                                              '<line size="20" align="R" space="20">{{ date }}</line>\n', encoding="utf-8")
    out = tmp_path / "out"
    result = _run("certificates", rubric, data, "--output", out, "--template", templates, "--date", "2018-11-30",
                  "--lang", "zh-CN")
    assert result.exit_code == 0, result.stderr
    text = _text(out / "一等奖-E3.pdf").replace("\n", "")
    assert "荣誉证书" in text and "甲乙、丙丁" in text and "2018年11月30日" in text and "获奖证书" not in text
    (templates / "certificate.j2").write_text('<line font="bold" size="40">x</line>\n', encoding="utf-8")
    broken = _run("certificates", rubric, data, "--output", out, "--template", templates, "--lang", "zh-CN")
    assert broken.exit_code == 1 and "certificate.j2:1" in broken.stderr and "body 或 heavy" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_no_font_found_is_a_clear_error(monkeypatch, tmp_path):
    from rubric_engine.errors import RubricEngineError
    from rubric_engine.render import fonts

    monkeypatch.setattr(fonts, "FONT_DIRS", (str(tmp_path),))
    monkeypatch.setattr(fonts, "_fontconfig_chinese", lambda: [])
    with pytest.raises(RubricEngineError) as raised:
        fonts.find_fonts()
    assert "fonts-noto-cjk" in str(raised.value) and "--font" in str(raised.value)


def test_a_named_font_that_is_missing_or_not_a_font_is_a_clear_error(checked_example, tmp_path):
    missing = _run("certificates", RUBRIC_2018, checked_example.folder, "--verdicts", checked_example.verdicts,
                   "--output", tmp_path / "out", "--font", tmp_path / "simfang.ttf", "--lang", "zh-CN")
    assert missing.exit_code == 1 and "simfang.ttf" in missing.stderr and "不存在" in missing.stderr
    bogus = tmp_path / "bogus.ttf"
    bogus.write_text("not a font", encoding="utf-8")
    unusable = _run("certificates", RUBRIC_2018, checked_example.folder, "--verdicts", checked_example.verdicts,
                    "--output", tmp_path / "out", "--font", bogus, "--lang", "en")
    assert unusable.exit_code == 1 and "bogus.ttf cannot be embedded" in unusable.stderr
    assert "Traceback" not in unusable.stderr
