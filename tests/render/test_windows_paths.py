"""Paths the code builds, checked as Windows reads them (issue 17, deliver 7/8): an association office
runs Windows, so a certificate's file name must be a valid Windows name, and an output's format must
follow its extension however the path is written (``输出\\结果.XLSX``)."""
from __future__ import annotations

import ntpath
from pathlib import Path, PureWindowsPath

import pytest

from rubric_engine.render.certificates import Certificate

RESERVED = set('<>:"/\\|?*')


@pytest.mark.parametrize("award, number", [("“最美客服人”一等奖", "E055"), ("最佳团队奖", "广州/银行:信用卡*中心?"),
                                           ('奖 <a> "b" | c', "E\x01 1"), ("..", "CON")])
def test_a_certificates_file_name_is_a_valid_windows_name(award, number):
    name = Certificate(award, number, "张三", "", number, "entries").file_name
    assert not RESERVED & set(name) and all(ord(c) >= 32 for c in name)
    assert name.endswith(".pdf") and not name.endswith((" ", "."))
    target = PureWindowsPath("C:\\Users\\协会\\输出\\证书") / name
    assert target.name == name and target.parent == PureWindowsPath("C:\\Users\\协会\\输出\\证书")
    assert ntpath.basename(str(target)) == name and ntpath.splitext(name)[1] == ".pdf"


@pytest.mark.parametrize("written, expected", [("输出\\结果.XLSX", "xlsx"), ("C:\\Users\\协会\\核查.html", "html"),
                                               ("D:\\公告.docx", "docx"), ("..\\结果.md", "md")])
def test_the_format_follows_a_windows_paths_extension(written, expected):
    from rubric_engine.cli import common
    from rubric_engine.session import Contest

    from tests.conftest import RUBRIC_2018

    contest = Contest.open(RUBRIC_2018)
    assert PureWindowsPath(written).suffix.lower() == "." + expected
    assert common.format_for(contest, None, Path(written)) == expected  # Path on POSIX, WindowsPath on Windows


def test_an_audit_file_named_the_windows_way_takes_its_format(tmp_path):
    from rubric_engine.cli.evaluate import audit_format_for
    from rubric_engine.session import Contest

    from tests.conftest import RUBRIC_2018

    contest = Contest.open(RUBRIC_2018)
    assert audit_format_for(contest, Path("输出\\核查.XLSX")) == "xlsx"
    assert audit_format_for(contest, Path("C:\\协会\\核查.html")) == "html"
