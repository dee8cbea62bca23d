"""Issue 8: submission folders the engine cannot fully look at give `review`, never `fail`."""
from __future__ import annotations

import os

import pytest

from rubric_engine import samples as make
from tests.checks.test_file_checks import Submissions


@pytest.fixture
def subs(tmp_path):
    return Submissions(tmp_path / "data")


def test_more_files_than_the_listing_cap_gives_review_not_fail(subs):
    folder = subs.article("E1")  # 照片.jpg, 文章.docx, 文章.pdf sort after the ASCII names
    for index in range(520):
        (folder / f"{index:04d}.txt").write_bytes(b"")
    verdicts = subs.check()["E1"]
    for check in ("format", "article_files"):
        assert verdicts[check]["status"] == "review", (check, verdicts[check])
        assert "文件超过 500 个，其余未检查" in verdicts[check]["reason"]
    assert verdicts["_score"] == 10  # nothing deducted for what was not seen


def test_the_listing_cap_is_raised_from_the_environment(subs, monkeypatch):
    folder = subs.article("E1")
    for index in range(20):
        (folder / f"{index:04d}.txt").write_bytes(b"")
    monkeypatch.setenv("RUBRIC_MAX_FOLDER_FILES", "10")
    assert subs.check()["E1"]["format"]["status"] == "review"
    monkeypatch.setenv("RUBRIC_MAX_FOLDER_FILES", "100")
    subs.rows.clear()
    subs.entry("E1")
    assert subs.check()["E1"]["format"]["status"] == "pass"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its mode")
def test_an_unreadable_entry_folder_gives_review_not_fail(subs):
    folder = subs.article("E1")
    folder.chmod(0)
    try:
        verdicts = subs.check()["E1"]
    finally:
        folder.chmod(0o755)
    for check in ("format", "article_files"):
        assert verdicts[check]["status"] == "review", (check, verdicts[check])
        assert "无法读取" in verdicts[check]["reason"]


@pytest.mark.parametrize("cut", [2394 + 8 + 100, 2394 + 4, 1000])  # inside moov, in its header, in mdat
def test_a_truncated_mp4_gives_review_not_a_duration(subs, cut):
    folder = subs.video("E1", seconds=300)
    video = folder / "视频.mp4"
    data = video.read_bytes()
    assert data[2394 + 4:2394 + 8] == b"moov"  # the sample's layout: ftyp, free, mdat, moov
    video.write_bytes(data[:cut])
    verdict = subs.check()["E1"]["video_duration"]
    assert verdict["status"] == "review", verdict
    assert "截断" in verdict["reason"] or "不完整" in verdict["reason"]


def test_a_truncated_avi_gives_review(subs):
    folder = subs.video("E1", seconds=300, extension="avi")
    video = folder / "视频.avi"
    video.write_bytes(video.read_bytes()[:8000])
    assert subs.check()["E1"]["video_duration"]["status"] == "review"


GBK_PHOTO = "照片.jpg".encode("gbk")  # as a zip from a Chinese Windows PC unpacks on Linux


@pytest.mark.parametrize("output", ["json", "xlsx", "html"])  # those that crashed (csv and md did not)
def test_a_gbk_file_name_is_shown_replaced_and_still_checked(subs, cli, tmp_path, output):
    folder = subs.entry("E1")
    make.write_docx(folder / "文章.docx")
    make.write_pdf(folder / "文章.pdf")
    make.write_jpeg(tmp_path / "photo.jpg", 4 * 1024 * 1024)
    os.rename(tmp_path / "photo.jpg", os.path.join(os.fsencode(folder), GBK_PHOTO))
    from tests.checks.test_file_checks import HEADER
    from tests.conftest import RUBRIC_2018, write_csv

    write_csv(subs.root / "entries.csv", [HEADER, *subs.rows])
    write_csv(subs.root / "votes.csv", [["entry", "votes"], ["E1", 5]])  # the rubric's vote panel needs one
    target = tmp_path / f"out.{output}"
    for command in ("check", "evaluate"):
        code, out, err = cli(command, RUBRIC_2018, subs.root, "--format", output, "--output", target)
        assert code == 0, err
        assert "Traceback" not in err and "internal error" not in err
    code, out, err = cli("check", RUBRIC_2018, subs.root, "--format", "json")
    verdicts = {c["check"]: c for c in __import__("json").loads(out)["entries"][0]["checks"]}
    assert verdicts["photo_size"]["status"] == "pass", verdicts["photo_size"]  # the file was still read
    assert "\ufffd" in out or "\\ufffd" in out  # the name, its undecodable bytes replaced


def test_a_gbk_entry_folder_name_is_shown_replaced(subs, cli, tmp_path):
    subs.rows.append(["E1", "作品E1", "广州电信", "王芳", "否", "图文", "2018-11-01", "是"])
    submissions = subs.root / "submissions"
    submissions.mkdir(parents=True)
    os.mkdir(os.path.join(os.fsencode(submissions), "作品E1+广州电信+王芳".encode("gbk")))
    from tests.checks.test_file_checks import HEADER
    from tests.conftest import RUBRIC_2018, write_csv

    write_csv(subs.root / "entries.csv", [HEADER, *subs.rows])
    for output in ("json", "html", "xlsx"):
        code, out, err = cli("check", RUBRIC_2018, subs.root, "--format", output, "--output", tmp_path / f"o.{output}")
        assert code == 0, err


def test_the_folder_depth_bound_is_raised_from_the_environment(subs, monkeypatch):
    folder = subs.entry("E1")
    deep = folder / "a" / "b" / "c" / "d"  # the photo five levels down (the entry folder is level 1)
    deep.mkdir(parents=True)
    make.write_jpeg(deep / "照片.jpg", 4 * 1024 * 1024)
    assert subs.check()["E1"]["photo_size"]["status"] != "pass"  # not listed: MAX_FOLDER_DEPTH is 4
    monkeypatch.setenv("RUBRIC_MAX_FOLDER_DEPTH", "5")
    assert subs.check()["E1"]["photo_size"]["status"] == "pass"


def test_a_folder_past_the_cache_bounds_is_checked_again_not_cached(subs, monkeypatch):
    import time

    folder = subs.article("E1")
    an_hour_ago = time.time() - 3600  # not a folder being written right now (the cache leaves those alone)
    for path in folder.iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))
    monkeypatch.setenv("RUBRIC_MAX_CACHE_FOLDER_FILES", "2")  # the folder has 3 files
    subs.check()
    assert not list((subs.root / ".rubric-cache").glob("*.json"))
    monkeypatch.delenv("RUBRIC_MAX_CACHE_FOLDER_FILES")
    subs.check()
    assert list((subs.root / ".rubric-cache").glob("*.json"))
