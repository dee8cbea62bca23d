"""Reading the data folder: encodings, xlsx, and every bad input with file, row and column."""
from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from tests.conftest import write_csv

ENTRIES_HEADER = ["编号", "作品名称", "参赛单位", "参赛人员", "团队", "形式", "提交时间", "推荐函"]
ENTRY_ROWS = [["E1", "耳机那头", "广州电信", "王芳", "否", "图文", "2018-11-01", "是"],
              ["E2", "凌晨三点", "佛山银行", "李强、张伟", "是", "视频", "2018-11-02 10:00", "有"]]
SCORES_HEADER = ["评分组", "评委", "作品编号", "内容性", "思想性", "创新性"]
SCORE_ROWS = [["专家评分", "专家1", "E1", 28, 45, 9], ["专家评分", "专家1", "E2", 25, 40, 7],
              ["专业观众评分", "观众1", "E1", 26, 40, 8], ["专业观众评分", "观众1", "E2", 20, 30, 5]]


def folder_with(tmp_path, encoding="utf-8", entries=None, scores=None, votes=None):
    folder = tmp_path / "data"
    write_csv(folder / "entries.csv", [ENTRIES_HEADER, *(entries or ENTRY_ROWS)], encoding)
    write_csv(folder / "scores.csv", [SCORES_HEADER, *(scores if scores is not None else SCORE_ROWS)], encoding)
    write_csv(folder / "votes.csv", votes or [["作品编号", "票数"], ["E1", 30], ["E2", 20]], encoding)
    return folder


def run(cli, rubric, folder):
    code, out, err = cli("evaluate", rubric, folder, "--format", "json")
    assert "Traceback" not in out + err
    return code, out, err


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_are_detected(cli, mini_rubric, tmp_path, encoding):
    code, out, err = run(cli, mini_rubric, folder_with(tmp_path, encoding))
    assert code == 0, err
    result = json.loads(out)
    assert {e["title"] for e in result["entries"]} == {"耳机那头", "凌晨三点"}
    if encoding in ("gbk", "gb18030"):
        assert any("read as gb18030" in w for w in result["warnings"])


def test_xlsx_tables_with_chinese_headers(cli, mini_rubric, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    votes = [["作品编号", "票数"], *[[row[0], 10] for row in ENTRY_ROWS]]  # a vote panel needs a votes file
    for name, rows in (("entries", [ENTRIES_HEADER, *ENTRY_ROWS]), ("scores", [SCORES_HEADER, *SCORE_ROWS]),
                       ("投票", votes)):
        workbook = Workbook()
        for row in rows:
            workbook.active.append(row)
        workbook.save(folder / f"{name}.xlsx")
    code, out, err = run(cli, mini_rubric, folder)
    assert code == 0, err
    entries = {e["id"]: e for e in json.loads(out)["entries"]}
    assert entries["E1"]["panels"]["experts"]["score"] == 92


def test_long_form_scores(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path, scores=[])
    long_rows = [["panel", "judge", "entry", "criterion", "score"]]
    for panel, judge, entry, *marks in SCORE_ROWS:
        for criterion, mark in zip(("内容性", "思想性", "innovation"), marks):
            long_rows.append([panel, judge, entry, criterion, mark])
    write_csv(folder / "scores.csv", long_rows)
    code, out, err = run(cli, mini_rubric, folder)
    assert code == 0, err
    assert {e["id"]: e for e in json.loads(out)["entries"]}["E1"]["panels"]["experts"]["score"] == 92


def expect_error(cli, rubric, folder, *fragments):
    code, out, err = run(cli, rubric, folder)
    assert code == 1, out
    assert out == ""  # nothing is written when the input is bad
    for fragment in fragments:
        assert fragment in err, err
    return err


def test_unknown_entry_in_scores(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path, scores=SCORE_ROWS + [["专家评分", "专家1", "E9", 20, 30, 5]])
    expect_error(cli, mini_rubric, folder, "scores.csv:6:3: error: unknown entry 'E9'")


def test_duplicate_entry_id(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path, entries=ENTRY_ROWS + [ENTRY_ROWS[0]])
    expect_error(cli, mini_rubric, folder, "entries.csv:4:1: error: duplicate entry id 'E1' (first on row 2)")


def test_duplicate_judge_entry_row(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path, scores=SCORE_ROWS + [SCORE_ROWS[0]])
    expect_error(cli, mini_rubric, folder, "scores.csv:6:3: error: judge 专家1 scored entry E1 on panel 专家评分 twice")


def test_score_out_of_range(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path, scores=[["专家评分", "专家1", "E1", 31, 45, 9]] + SCORE_ROWS[1:])
    expect_error(cli, mini_rubric, folder, "scores.csv:2:4: error: 内容性 mark 31 is outside 0..30",
                 "[column D 内容性]")


def test_score_off_step(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path, scores=[["专家评分", "专家1", "E1", 27.5, 45, 9]] + SCORE_ROWS[1:])
    expect_error(cli, mini_rubric, folder, "scores.csv:2:4: error: 内容性 mark 27.5 is not a multiple of the step 1")


@pytest.mark.parametrize("value,message", [("abc", "is not a number"), ("-3", "is negative"),
                                           ("NaN", "is not a number"), ("２８", "full-width digits")])
def test_bad_mark_values(cli, mini_rubric, tmp_path, value, message):
    folder = folder_with(tmp_path, scores=[["专家评分", "专家1", "E1", value, 45, 9]] + SCORE_ROWS[1:])
    expect_error(cli, mini_rubric, folder, "scores.csv:2:4: error:", message)


def test_unknown_panel_with_suggestion(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path, scores=[["专家评份", "专家1", "E1", 28, 45, 9]] + SCORE_ROWS[1:])
    expect_error(cli, mini_rubric, folder, "scores.csv:2:1: error: unknown panel '专家评份'", "did you mean '专家评分'?")


def test_unknown_criterion_column(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path)
    write_csv(folder / "scores.csv", [SCORES_HEADER[:-1] + ["创意性"], *SCORE_ROWS])
    err = expect_error(cli, mini_rubric, folder, "scores.csv:1:6: error: no column for the criterion 创新性; column 6 "
                                                 "of the header is '创意性': did you mean '创新性'?", "1 error(s)")
    assert err.count("error:") == 1, err  # one typo in the header, one error: not one per sheet


def test_unknown_vote_category(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path, votes=[["entry", "category", "votes"], ["E1", "人气王", 3]])
    expect_error(cli, mini_rubric, folder, "votes.csv:2:2: error: unknown vote category '人气王'")


@pytest.mark.parametrize("content,message", [
    ("作品编号,票数\nE1,30,extra\nE2,20\n".encode(), "votes.csv:2:3: error: row 2 has 3 cells but the header has 2 columns"),
    (b"entry,votes\nE1,3\x00\n", "votes.csv:2: error: the file contains a NUL byte"),
    (b"", "votes.csv: error: the file is empty"),
    (b"entry,votes\n\"E1,3\n", "votes.csv:"),
])
def test_broken_csv_files(cli, mini_rubric, tmp_path, content, message):
    folder = folder_with(tmp_path)
    (folder / "votes.csv").write_bytes(content)
    expect_error(cli, mini_rubric, folder, message)


def test_missing_required_column(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path)
    write_csv(folder / "entries.csv", [["编号", "作品名称"], ["E1", "x"]])
    expect_error(cli, mini_rubric, folder, "entries.csv:1: error: missing column 'unit' (参赛单位)")


def test_xls_renamed_to_xlsx(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path)
    (folder / "votes.csv").unlink()
    (folder / "votes.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    expect_error(cli, mini_rubric, folder, "votes.xlsx: error: this is an old Excel .xls file renamed to .xlsx",
                 "Save As")


def test_xlsx_formula_without_cached_value(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path)
    (folder / "votes.csv").unlink()
    workbook = Workbook()
    workbook.active.append(["entry", "votes"])
    workbook.active.append(["E1", "=10+20"])  # openpyxl stores the formula and no value
    workbook.save(folder / "votes.xlsx")
    expect_error(cli, mini_rubric, folder, "votes.xlsx:2:2: error: cell B2 holds the formula =10+20 but no saved value")


def test_both_csv_and_xlsx_is_ambiguous(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path)
    workbook = Workbook()
    workbook.save(folder / "votes.xlsx")
    expect_error(cli, mini_rubric, folder, "holds votes.csv and votes.xlsx")


def test_a_judge_who_skipped_an_entry_is_a_warning(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path, scores=SCORE_ROWS + [["专家评分", "专家2", "E1", 20, 30, 5]])
    code, out, err = run(cli, mini_rubric, folder)
    assert code == 0
    warnings = json.loads(out)["warnings"]
    assert any("judge 专家2 of panel 专家评分 (experts) did not score entry E2" in w for w in warnings)


def test_mark_in_a_band_gap_is_a_warning(cli, tmp_path):
    from tests.conftest import RUBRIC_2018

    folder = folder_with(tmp_path, scores=[["专家评分", "专家1", "E1", 5, 45, 9]] + SCORE_ROWS[1:])
    code, out, err = run(cli, RUBRIC_2018, folder)
    assert code == 0
    assert any("scores.csv:2:4: warning: 内容性 mark 5 falls in no band" in w for w in json.loads(out)["warnings"])


def test_raw_vote_log_is_counted_once_per_voter_entry_category_day_in_the_window(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path)
    write_csv(folder / "votes.csv", [
        ["投票人", "作品编号", "类别", "投票时间"],
        ["u1", "E1", "人气", "2018-10-20 08:00"],
        ["u1", "E1", "人气", "2018-10-20 23:00"],  # same day: counted once
        ["u1", "E1", "人气", "2018-10-21 00:30"],  # next day: counts
        ["u1", "E1", "风采", "2018-10-21 00:30"],  # other category: counts there
        ["u2", "E1", "人气", "2018-10-19 23:59"],  # before the window
        ["u2", "E2", "人气", "2018-10-26T15:59:00Z"],  # 23:59 in China: last day, counts
        ["u3", "E2", "人气", "2018-10-26T16:00:00Z"],  # 00:00 on 10-27 in China: too late
    ])
    code, out, err = run(cli, mini_rubric, folder)
    assert code == 0, err
    result = json.loads(out)
    entries = {e["id"]: e for e in result["entries"]}
    assert entries["E1"]["panels"]["online"]["votes"] == 2
    assert entries["E2"]["panels"]["online"]["votes"] == 1
    assert any("2 vote(s) outside the voting window" in w for w in result["warnings"])
    assert any("1 repeated vote(s) were counted once" in w for w in result["warnings"])


def test_manual_verdict_for_an_unknown_check(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path)
    write_csv(folder / "checks.csv", [["entry", "check", "result", "note"], ["E1", "工作照", "fail", ""]])
    expect_error(cli, mini_rubric, folder, "checks.csv:2:2: error: unknown check '工作照'", "did you mean '工作照片'?")


def test_no_entries_table(cli, mini_rubric, tmp_path):
    (tmp_path / "empty").mkdir()
    expect_error(cli, mini_rubric, tmp_path / "empty", "has no entries table")


@pytest.mark.parametrize("chunk", [2, 50_000])
def test_rows_are_numbered_across_quoted_line_breaks_and_chunks(cli, mini_rubric, tmp_path, monkeypatch, chunk):
    """A title with line breaks (\n, \r\n) spans lines; rows after it keep the line a spreadsheet shows."""
    from rubric_engine.io import tables

    monkeypatch.setattr(tables, "CHUNK_ROWS", chunk)
    entries = [["E1", "第一行\n第二行", *ENTRY_ROWS[0][2:]], ["E2", "甲\r\n乙\n丙", *ENTRY_ROWS[1][2:]],
               ["E3", "好标题", "广州电信", "赵六", "否", "图文", "2018-13-40", "是"]]
    folder = folder_with(tmp_path, entries=entries)
    expect_error(cli, mini_rubric, folder, "entries.csv:7:7: error: submitted_at '2018-13-40' is not a date")


def test_repeated_texts_are_one_object_in_a_column(tmp_path):
    """Marks and panel names repeat down a column: each text is kept once (the memory of a big contest)."""
    from rubric_engine.io.tables import read_table

    path = write_csv(tmp_path / "scores.csv", [SCORES_HEADER, *SCORE_ROWS * 50])
    table = read_table(path)
    panels = table.columns[0]
    assert len(panels) == 200 and len({id(value) for value in panels}) == 2


def test_a_mark_out_of_range_is_one_error_not_also_a_missing_mark(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path, scores=[["专家评分", "专家1", "E1", 31, 45, 9]] + SCORE_ROWS[1:])
    err = expect_error(cli, mini_rubric, folder, "scores.csv:2:4: error: 内容性 mark 31 is outside 0..30")
    assert "no mark" not in err
    assert "1 error(s)" in err


def test_long_form_sheet_missing_a_criterion_names_the_sheet(cli, mini_rubric, tmp_path):
    folder = folder_with(tmp_path)
    write_csv(folder / "scores.csv", [["评分组", "评委", "作品编号", "评分项", "分数"],
                                      ["专家评分", "专家1", "E1", "内容性", 28], ["专家评分", "专家1", "E1", "思想性", 45],
                                      ["专家评分", "专家1", "E2", "内容性", 25], ["专家评分", "专家1", "E2", "思想性", 40],
                                      ["专家评分", "专家1", "E2", "创新性", 7]])
    expect_error(cli, mini_rubric, folder, "scores.csv:2: error: judge 专家1 gave entry E1 no mark for 创新性 on panel 专家评分")


def test_problems_of_one_table_come_in_row_order(cli, mini_rubric, tmp_path):
    """Columns are checked one after another, but the messages follow the rows of the file."""
    rows = [["专家评分", "专家1", "E1", 31, 45, 9], ["未知组", "专家1", "E2", 25, 40, 7],
            ["专家评分", "专家1", "E9", 20, 30, 5], ["专业观众评分", "观众1", "E1", 26, 51, 8]]
    folder = folder_with(tmp_path, scores=rows)
    err = expect_error(cli, mini_rubric, folder)
    lines = [int(line.split(":")[1]) for line in err.splitlines() if line.startswith(str(folder / "scores.csv"))]
    assert lines == sorted(lines) and lines[:1] == [2] and 5 in lines, err
