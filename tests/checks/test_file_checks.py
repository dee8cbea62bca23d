"""Each file check on real files, through `Contest(...).document("check")` with the 2018 rubric (two tests run `rubric check`)."""
from __future__ import annotations

import json
import os

import pytest

from rubric_engine import Contest
from rubric_engine import samples as make
from tests.conftest import RUBRIC_2018, write_csv

MB = 1024 * 1024
HEADER = ["编号", "作品名称", "参赛单位", "参赛人员", "团队", "形式", "提交时间", "推荐函"]


class Submissions:
    """A data folder with entries and one submission folder per entry."""

    def __init__(self, root):
        self.root = root
        self.rows = []

    def entry(self, entry_id, fmt="图文", title=None, unit="广州电信", people="王芳", folder_name=None):
        title = title or f"作品{entry_id}"
        self.rows.append([entry_id, title, unit, people, "否", fmt, "2018-11-01", "是"])
        folder = self.root / "submissions" / (folder_name or f"{title}+{unit}+{people}")
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def article(self, entry_id, photo=3 * MB, **docx):
        folder = self.entry(entry_id)
        make.write_jpeg(folder / "照片.jpg", photo)
        make.write_docx(folder / "文章.docx", **docx)
        make.write_pdf(folder / "文章.pdf")
        return folder

    def video(self, entry_id, seconds=300, extension="mp4", photo=3 * MB):
        folder = self.entry(entry_id, fmt="视频")
        make.write_jpeg(folder / "照片.jpg", photo)
        make.write_video(folder / f"视频.{extension}", seconds)
        return folder

    def check(self, lang="zh-CN"):
        """The verdicts by entry and check (the check document, through ``Contest``); their reasons as the
        organiser reads them (zh-CN) unless ``lang``."""
        write_csv(self.root / "entries.csv", [HEADER, *self.rows])
        document = Contest.open(RUBRIC_2018, self.root, language=lang).document("check")
        return {e["id"]: {c["check"]: shown(c) for c in e["checks"]} | {"_score": e["conformity"]["score"]}
                for e in document["entries"]}


def shown(outcome: dict) -> dict:
    """An outcome with its structured reason (code, fields, text) read as its text."""
    assert set(outcome["reason"]) == {"code", "fields", "text"}
    return {**outcome, "reason": outcome["reason"]["text"], "code": outcome["reason"]["code"]}


@pytest.fixture
def subs(tmp_path):
    return Submissions(tmp_path / "data")


def test_a_conforming_article_passes_every_file_check(subs):
    subs.article("E1")
    verdicts = subs.check()["E1"]
    for check in ("format", "photo_size", "article_length", "article_files", "title_font", "body_font",
                  "signature", "naming"):
        assert verdicts[check]["status"] == "pass", (check, verdicts[check])
    assert verdicts["video_format"]["status"] == "not_run"  # applies only to videos
    assert verdicts["_score"] == 10


def test_a_conforming_video_passes(subs):
    subs.video("E1", seconds=300)
    verdicts = subs.check()["E1"]
    for check in ("format", "photo_size", "video_format", "video_duration", "naming"):
        assert verdicts[check]["status"] == "pass", (check, verdicts[check])
    assert verdicts["video_duration"]["measured"] == "5 分 0 秒"


PHOTO_SIZES = [(3 * MB, "pass"), (3 * MB - 1, "fail"), (5 * MB, "pass"), (800 * 1024, "fail")]


def test_photo_size_at_the_limit(subs):
    """One contest, an entry per case (one check run for the table)."""
    for number, (size, _) in enumerate(PHOTO_SIZES):
        subs.article(f"E{number}", photo=size)
    verdicts = subs.check()
    for number, (size, status) in enumerate(PHOTO_SIZES):
        verdict = verdicts[f"E{number}"]["photo_size"]
        assert verdict["status"] == status, (size, verdict)
        if status == "fail":
            assert "要求不小于 3 MB" in verdict["reason"]


def test_a_file_named_jpg_that_is_not_an_image_needs_review(subs):
    folder = subs.entry("E1")
    (folder / "照片.jpg").write_bytes(b"not an image" * 400000)
    make.write_docx(folder / "a.docx")
    make.write_pdf(folder / "a.pdf")
    verdict = subs.check()["E1"]["photo_size"]
    assert verdict["status"] == "review" and "照片无法打开" in verdict["reason"]


def test_decompression_bomb_image_gives_review(subs):
    folder = subs.entry("E1")
    make.write_huge_image_header(folder / "照片.png")
    verdict = subs.check()["E1"]["photo_size"]
    assert verdict["status"] == "review" and "DecompressionBomb" in verdict["reason"]


LENGTHS = [(799, "fail"), (800, "pass"), (1200, "pass"), (1201, "fail")]


def test_article_length_at_the_band_edges(subs):
    for chars, _ in LENGTHS:
        subs.article(f"E{chars}", body_chars=chars)
    verdicts = subs.check()
    for chars, status in LENGTHS:
        _article_length_is(verdicts[f"E{chars}"]["article_length"], chars, status)


def _article_length_is(verdict, chars, status):
    assert verdict["status"] == status, verdict
    assert verdict["measured"] == str(chars)
    if status == "fail":
        assert verdict["reason"] == (f"文章字数 {chars}（不计标题「有你，世界变更美」与署名 3 行"
                                     f"「作者：王芳 联系电话：138****8000 工作单位：广州电信」），要求字数 800–1200")


def test_missing_pdf_fails_article_files(subs):
    folder = subs.entry("E1")
    make.write_jpeg(folder / "p.jpg", 3 * MB)
    make.write_docx(folder / "a.docx")
    verdict = subs.check()["E1"]["article_files"]
    assert verdict["status"] == "fail" and verdict["reason"] == "缺少 PDF 版本"


def test_pdf_with_a_reference_loop_gives_review(subs):
    folder = subs.article("E1")
    make.write_pdf_reference_loop(folder / "文章.pdf")
    verdict = subs.check()["E1"]["article_files"]
    assert verdict["status"] == "review" and "无法读取" in verdict["reason"]


def test_doc_instead_of_docx_needs_review(subs):
    folder = subs.entry("E1")
    make.write_jpeg(folder / "p.jpg", 3 * MB)
    (folder / "文章.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    make.write_pdf(folder / "文章.pdf")
    verdicts = subs.check()["E1"]
    assert verdicts["article_files"]["status"] == "pass"  # a .doc is a Word version
    for check in ("article_length", "title_font", "body_font", "signature"):
        assert verdicts[check]["status"] == "review" and ".doc" in verdicts[check]["reason"]


def test_zip_bomb_docx_gives_review_without_inflating(subs):
    folder = subs.entry("E1")
    make.write_jpeg(folder / "p.jpg", 3 * MB)
    make.write_zip_bomb_docx(folder / "文章.docx")
    make.write_pdf(folder / "文章.pdf")
    verdict = subs.check()["E1"]["article_length"]
    assert verdict["status"] == "review" and "可疑" in verdict["reason"]


def test_fonts_read_from_runs_and_from_styles(subs):
    for via_styles in (False, True):
        subs.article(f"E1{via_styles}", via_styles=via_styles)
        subs.article(f"E2{via_styles}", via_styles=via_styles, title_font="宋体", body_pt=14)
    verdicts = subs.check()
    for via_styles in (False, True):
        good, bad = verdicts[f"E1{via_styles}"], verdicts[f"E2{via_styles}"]
        assert good["title_font"]["status"] == "pass", via_styles
        assert good["body_font"]["status"] == "pass", via_styles
        assert bad["title_font"]["status"] == "fail", via_styles
        assert "宋体 16 pt" in bad["title_font"]["reason"]
        assert bad["body_font"]["status"] == "fail", via_styles
        assert "仿宋 14 pt" in bad["body_font"]["reason"]


def test_font_aliases_are_accepted(subs):
    subs.article("E1", title_font="SimHei", body_font="仿宋_GB2312")
    verdicts = subs.check()["E1"]
    assert verdicts["title_font"]["status"] == verdicts["body_font"]["status"] == "pass"


def test_inherited_default_font_is_reported(subs, tmp_path):
    from docx import Document

    folder = subs.entry("E1")
    document = Document()
    document.add_paragraph("有你，世界变更美")
    document.add_paragraph("正文" * 450)
    document.save(str(folder / "a.docx"))
    verdicts = subs.check()["E1"]
    # python-docx's template: 宋体 from the theme, 11 pt from the document defaults
    assert verdicts["title_font"]["status"] == "fail" and "宋体 11 pt" in verdicts["title_font"]["reason"]


SIGNATURES = [
    (("作者：王芳", "联系电话：13800138000", "工作单位：广州电信"), None),
    (("王芳", "13800138000", "广州电信"), None),
    (("作者：王芳", "工作单位：广州电信"), "联系电话"),
    ((), "作者、联系电话、工作单位"),
]


def test_signature(subs):
    for number, (lines, _) in enumerate(SIGNATURES):
        subs.article(f"E{number}", signature=lines)
    verdicts = subs.check()
    for number, (lines, missing) in enumerate(SIGNATURES):
        verdict = verdicts[f"E{number}"]["signature"]
        if missing is None:
            assert verdict["status"] == "pass", (lines, verdict)
        else:
            assert verdict["status"] == "fail" and verdict["reason"].startswith(f"文章末尾缺少：{missing}"), verdict


DURATIONS = [(239, "fail"), (240, "pass"), (360, "pass"), (361, "fail")]


def test_video_duration_from_the_header(subs):
    """Each container at each band edge: sixteen entries, one check run."""
    cases = [(extension, seconds, status) for extension in ("mp4", "avi", "flv", "swf") for seconds, status in DURATIONS]
    for extension, seconds, _ in cases:
        subs.video(f"E{extension}{seconds}", seconds=seconds, extension=extension)
    verdicts = subs.check()
    for extension, seconds, status in cases:
        verdict = verdicts[f"E{extension}{seconds}"]["video_duration"]
        assert verdict["status"] == status, (extension, seconds, verdict)


def test_truncated_video_gives_review(subs):
    folder = subs.video("E1")
    (folder / "视频.mp4").write_bytes((folder / "视频.mp4").read_bytes()[:200])
    verdict = subs.check()["E1"]["video_duration"]
    assert verdict["status"] == "review"


def test_video_count_and_format(subs):
    folder = subs.video("E1")
    make.write_video(folder / "花絮.avi", 30)
    folder2 = subs.entry("E2", fmt="视频")
    make.write_jpeg(folder2 / "p.jpg", 3 * MB)
    (folder2 / "视频.mov").write_bytes(b"\x00" * 100)
    verdicts = subs.check()
    assert verdicts["E1"]["video_format"]["status"] == "fail" and "有 2 个视频文件" in verdicts["E1"]["video_format"]["reason"]
    assert verdicts["E2"]["video_format"]["status"] == "fail" and "视频.mov" in verdicts["E2"]["video_format"]["reason"]


def test_format_needs_photo_and_article_or_video(subs):
    folder = subs.entry("E1")
    make.write_docx(folder / "a.docx")
    verdict = subs.check()["E1"]["format"]
    assert verdict["status"] == "fail" and "要求：照片+文章" in verdict["reason"]


def test_folder_naming(subs):
    subs.article("E1")
    folder = subs.entry("E2", title="凌晨三点", folder_name="凌晨三点-广州电信")
    make.write_jpeg(folder / "p.jpg", 3 * MB)
    subs.entry("E3", title="不存在", folder_name="别的名字")
    verdicts = subs.check()
    assert verdicts["E1"]["naming"]["status"] == "pass"
    assert verdicts["E2"]["naming"]["status"] == "fail"
    assert verdicts["E2"]["naming"]["reason"] == "文件夹名为 凌晨三点-广州电信，应为 凌晨三点+广州电信+王芳"
    assert verdicts["E2"]["photo_size"]["status"] == "pass"  # the guessed folder is still checked
    assert verdicts["E3"]["naming"]["status"] == "review"
    assert verdicts["E3"]["format"]["status"] == "not_run"


def test_full_width_plus_in_the_folder_name_is_fine(subs):
    folder = subs.entry("E1", folder_name="作品E1＋广州电信＋王芳")
    make.write_jpeg(folder / "p.jpg", 3 * MB)
    assert subs.check()["E1"]["naming"]["status"] == "pass"


def test_recommendation_letter_file_in_the_folder(subs):
    folder = subs.article("E1")
    subs.rows[-1][-1] = "否"
    (folder / "推荐函.pdf").write_bytes(b"%PDF-1.4\n")
    verdicts = subs.check()["E1"]
    assert verdicts["recommendation_letter"]["status"] == "pass"
    assert "推荐函.pdf" in verdicts["recommendation_letter"]["reason"]


def test_links_leaving_the_folder_are_not_followed(subs, tmp_path):
    outside = make.write_jpeg(tmp_path / "elsewhere" / "big.jpg", 4 * MB)
    folder = subs.entry("E1")
    os.symlink(outside, folder / "照片.jpg")
    make.write_docx(folder / "a.docx")
    make.write_pdf(folder / "a.pdf")
    verdicts = subs.check()["E1"]
    assert verdicts["format"]["status"] == "fail"
    assert "照片.jpg 是指向文件夹外的链接，未跟随" in verdicts["format"]["reason"]


def test_nothing_in_the_folder_is_modified(subs):
    folder = subs.article("E1")
    subs.video("E2")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.parent.rglob("*") if p.is_file()}
    subs.check()
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.parent.rglob("*") if p.is_file()}
    assert before == after


def test_file_checks_feed_the_conformity_score(subs):
    subs.article("E1", body_chars=500, title_font="宋体")
    verdicts = subs.check()["E1"]
    assert verdicts["_score"] == 8  # article_length + title_font


def test_without_a_submissions_folder_file_checks_are_not_run(cli, tmp_path):
    write_csv(tmp_path / "entries.csv", [HEADER, ["E1", "t", "u", "p", "否", "图文", "2018-11-01", "否"]])
    code, out, err = cli("check", RUBRIC_2018, tmp_path, "--format", "json")
    entry = json.loads(out)["entries"][0]
    statuses = {c["check"]: c["status"] for c in entry["checks"]}
    assert statuses["photo_size"] == statuses["naming"] == statuses["article_length"] == "not_run"
    assert statuses["recommendation_letter"] == "fail"  # table checks still apply
    assert entry["conformity"]["score"] == 9


def test_damaged_docx_gives_review(subs):
    import zipfile

    folder = subs.entry("E1")
    make.write_jpeg(folder / "p.jpg", 3 * MB)
    make.write_pdf(folder / "a.pdf")
    with zipfile.ZipFile(folder / "a.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")  # not even XML
    verdict = subs.check()["E1"]["article_length"]
    assert verdict["status"] == "review" and "无法读取" in verdict["reason"]


def test_a_check_plugin_that_crashes_gives_review_not_a_traceback(tmp_path, cli):
    from tests.conftest import MINI_RUBRIC

    (tmp_path / "boom.py").write_text(
        "from rubric_engine import CheckType, hookimpl\n\n"
        "def boom(entry, params, context):\n    raise RuntimeError('disk on fire')\n\n"
        "@hookimpl\ndef register_checks(register):\n    register(CheckType('boom', boom))\n", encoding="utf-8")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("checks:\n", "plugins: [boom.py]\nchecks:\n  - {id: boom, type: boom}\n"),
                      encoding="utf-8")
    write_csv(tmp_path / "data" / "entries.csv", [HEADER, ["E1", "t", "u", "p", "否", "图文", "2018-11-01", "是"]])
    code, out, err = cli("check", rubric, tmp_path / "data", "--format", "json", "--trust-plugins")
    assert code == 0
    verdict = shown(next(c for c in json.loads(out)["entries"][0]["checks"] if c["check"] == "boom"))
    assert verdict["status"] == "review" and "RuntimeError: disk on fire" in verdict["reason"]
    assert verdict["code"] == "checks.crashed"


def test_text_in_tables_counts_like_word(subs):
    from docx import Document

    folder = subs.entry("E1")
    make.write_jpeg(folder / "p.jpg", 3 * MB)
    make.write_pdf(folder / "a.pdf")
    document = Document()
    document.add_paragraph("标题")
    document.add_paragraph("好" * 500)
    document.add_table(rows=1, cols=1).cell(0, 0).text = "好" * 400
    document.add_paragraph("作者：王芳")
    document.save(str(folder / "a.docx"))
    verdict = subs.check()["E1"]["article_length"]
    assert verdict["measured"] == "900"
