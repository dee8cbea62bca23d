"""`rubric votes --format xlsx`: a sheet per category and one of the votes set aside, through the one
workbook writer (render/xlsx.write_workbook), read back with openpyxl."""
from __future__ import annotations

import io

import openpyxl
import pytest

from rubric_engine.render.xlsx import Sheet, sheet_title, write_workbook
from tests.conftest import write_csv
from tests.votes.helpers import contest_folder, rubric_with

LATE = '  flags:\n    - {id: late, type: after, action: exclude, params: {time: "2018-10-25 12:00"}}\n'
LOG = [["u1", "E1", "", "2018-10-21 10:00", "1.1.1.1", ""],
       ["u1", "E1", "", "2018-10-21 11:00", "1.1.1.1", ""],  # a repeat the same day: a duplicate
       ["u2", "E1", "风采", "2018-10-21 10:00", "", ""],
       ["u3", "E2", "", "2018-10-21 10:00", "", ""],
       ["u4", "E2", "", "2018-10-30 10:00", "", ""],  # after closing: outside the window
       ["u5", "E2", "", "2018-10-25 13:00", "9.9.9.9", ""],  # after the cut-off: excluded by `late`
       ["u6", "E3", "", "2018-10-22 09:00", "", ""],
       ["", "E1", "", "2018-10-21 10:00", "", ""],  # row 9: no voter
       ["x", "E404", "", "2018-10-21 10:00", "", ""]]  # row 10: no such entry


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """The public workbook and the committee's, written once by the real CLI."""
    from typer.testing import CliRunner

    from rubric_engine.cli import app
    from tests.conftest import with_language

    tmp = tmp_path_factory.mktemp("votes_xlsx")
    rubric, data = rubric_with(tmp, LATE), contest_folder(tmp, LOG)
    public, committee = tmp / "票数.xlsx", tmp / "核查.xlsx"
    result = CliRunner().invoke(app, with_language(("votes", str(rubric), str(data), "--output", str(public),
                                                    "--audit", str(committee), "-q", "--lang", "zh-CN")),
                             catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return openpyxl.load_workbook(public), openpyxl.load_workbook(committee)


def values(sheet, skip: int = 0) -> list[tuple]:
    return [row for row in sheet.iter_rows(values_only=True)][skip:]


def test_one_sheet_per_category_in_rubric_order_then_the_set_aside(books):
    public, committee = books
    assert public.sheetnames == ["人气", "风采", "形象", "创意", "剔除与有误的投票"]
    assert committee.sheetnames == public.sheetnames


def test_the_category_sheet_counts_and_ranks_by_hand(books):
    rows = values(books[0]["人气"])
    header, body = rows[0], rows[1:]
    assert header[:7] == ("作品编号", "作品名称", "原始票数", "计票", "重复", "投票时间外", "剔除")
    by_entry = {row[0]: dict(zip(header, row)) for row in body}
    # E1: 2 raw, 1 counted, 1 duplicate; E2: 3 raw, 1 counted, 1 outside, 1 excluded by late; E3: 1 of 1
    assert [(e, r["原始票数"], r["计票"], r["重复"], r["投票时间外"], r["剔除"]) for e, r in by_entry.items()] == \
        [("E1", 2, 1, 1, 0, 0), ("E2", 3, 1, 0, 1, 1), ("E3", 1, 1, 0, 0, 0)]  # all rank 1: by entry id
    assert by_entry["E2"]["剔除（按规则）"] == "late 1"
    # with the exclusions every entry has 1 vote: all first, 20 points (rank table 1 -> 20; 2..4 -> 18);
    # without them E2 has 2 and is alone first, E1 and E3 second with 18
    assert {e: (r["名次"], r["得分"]) for e, r in by_entry.items()} == {"E1": (1, 20), "E2": (1, 20), "E3": (1, 20)}
    assert {e: (r["不剔除时的票数"], r["不剔除时的名次"], r["不剔除时的得分"]) for e, r in by_entry.items()} == \
        {"E1": (1, 2, 18), "E2": (2, 1, 20), "E3": (1, 2, 18)}
    assert values(books[0]["风采"])[1][:4] == ("E1", "作品E1", 1, 1)  # no panel counts 风采: no rank columns
    assert "名次" not in values(books[0]["风采"])[0] and values(books[0]["创意"])[1:] == []


def test_the_set_aside_sheet_masks_but_in_the_committees_workbook(books):
    public, committee = books
    rows = values(public["剔除与有误的投票"])
    assert rows[0] == ("行号", "作品编号", "类别", "投票人", "IP", "投票时间", "处理", "规则")
    assert [(r[0], r[1], r[6], r[7]) for r in rows[1:]] == [
        (7, "E2", "按规则剔除", "late"), (9, "E1", "格式有误，未计", "缺少投票人"),
        (10, "E404", "格式有误，未计", "未知作品")]  # the header is row 1: the log's row 7 is u5's
    assert rows[1][3] not in ("u5", None) and rows[1][4] not in ("9.9.9.9", None)
    inner = values(committee["剔除与有误的投票"])
    assert inner[0][0].startswith("内部资料") and inner[2][3:5] == ("u5", "9.9.9.9")
    assert values(committee["人气"])[0][0].startswith("内部资料")


def test_numbers_stay_numbers_and_the_sheet_is_set_up_like_every_workbook(books):
    sheet = books[0]["人气"]
    assert sheet["C2"].data_type == "n" and sheet["C2"].number_format == "0"
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == "A1:P4"  # frozen right of 作品名称
    assert sheet.page_setup.orientation == "landscape"


def test_the_same_report_gives_the_same_bytes_and_an_error_leaves_the_old_file(tmp_path, cli):
    rubric, data = rubric_with(tmp_path, LATE), contest_folder(tmp_path, LOG)
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (first, second):
        code, _, err = cli("votes", str(rubric), str(data), "--format", "xlsx", "--output", str(path), "-q")
        assert code == 0, err
    assert first.read_bytes() == second.read_bytes()
    tallies = tmp_path / "tallies"
    tallies.mkdir()
    write_csv(tallies / "entries.csv", [["id", "title", "unit"], ["E1", "作品E1", "单位A"]])
    write_csv(tallies / "votes.csv", [["entry", "votes"], ["E1", "3"]])  # a table of tallies: no raw log
    code, _, err = cli("votes", str(rubric), str(tallies), "--output", str(first), "-q")
    assert code == 1 and first.read_bytes() == second.read_bytes()  # not touched, not half-written


def test_sheet_names_excel_accepts_and_no_two_alike():
    taken: set[str] = set()
    names = [sheet_title(t, taken) for t in ("人气/综合", "人气_综合", "x" * 40, "x" * 40, "[a]:b?")]
    assert names == ["人气_综合", "人气_综合 (2)", "x" * 31, "x" * 27 + " (2)", "_a__b_"]
    book = openpyxl.load_workbook(io.BytesIO(write_workbook([Sheet("人气/综合", ["a"], [[1]]),
                                                              Sheet("人气/综合", ["a"], [])])))
    assert book.sheetnames == ["人气_综合", "人气_综合 (2)"] and book["人气_综合"]["A2"].value == 1
