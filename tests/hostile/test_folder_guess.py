"""Issue 18, case 11: a missing entry folder is never "guessed" as another entry's folder."""
from __future__ import annotations

from pathlib import Path

from rubric_engine import samples as make
from rubric_engine.data.model import Entry
from rubric_engine.inspect.folder import locate, submission_folders
from tests.checks.test_file_checks import MB, Submissions


def test_a_title_prefix_never_takes_another_entrys_folder(tmp_path, cli):
    subs = Submissions(tmp_path / "data")
    subs.article("E1")  # 作品E1+广州电信+王芳, a complete article
    subs.rows.append(["E2", "作品", "佛山移动", "李雷", "否", "图文", "2018-11-01", "是"])  # no folder of its own
    verdicts = subs.check()
    assert verdicts["E1"]["naming"]["status"] == "pass"
    assert verdicts["E2"]["naming"]["status"] == "review", verdicts["E2"]["naming"]
    assert verdicts["E2"]["photo_size"]["status"] != "pass"  # not judged on E1's photo


def test_a_guess_needs_the_unit_or_a_participant(tmp_path, cli):
    subs = Submissions(tmp_path / "data")
    named = subs.entry("E1", title="凌晨三点", folder_name="凌晨三点-广州电信")  # the unit: a guess
    make.write_jpeg(named / "p.jpg", 3 * MB)
    stranger = subs.entry("E2", title="夜班", unit="佛山移动", people="李雷", folder_name="夜班（韩梅梅，深圳联通）")
    make.write_jpeg(stranger / "p.jpg", 3 * MB)
    subs.entry("E3", title="晨光", unit="甲单位", people="张三、李四", folder_name="晨光_李四")  # a participant
    verdicts = subs.check()
    assert verdicts["E1"]["naming"]["status"] == "fail" and verdicts["E1"]["photo_size"]["status"] == "pass"
    assert verdicts["E2"]["naming"]["status"] == "review"  # a title alone is no match
    assert verdicts["E2"]["photo_size"]["status"] != "pass"
    assert verdicts["E3"]["naming"]["status"] == "fail" and "晨光_李四" in verdicts["E3"]["naming"]["reason"]


def _entry(entry_id, title, unit, people):
    return Entry(entry_id, title, unit, people, False, "article")


def test_locate_skips_a_folder_that_is_another_entrys_own(tmp_path):
    submissions = tmp_path / "submissions"
    (submissions / "晨光+甲单位+李明").mkdir(parents=True)
    first, second = _entry("E1", "晨光", "甲单位", "李明"), _entry("E2", "晨光", "甲单位", "王芳")
    folders = submission_folders(submissions, [first, second])
    assert locate(submissions, first, folders) == (submissions / "晨光+甲单位+李明", "exact")
    assert locate(submissions, second, folders) == (None, "missing")
