"""Issue 8, items 7 and 11: every data reader is bounded; a hostile table is a located error.

Each test builds the real hostile file (a workbook whose parts are rewritten by hand, a
CSV with a monster line) and runs the real CLI on it.
"""
from __future__ import annotations

import io
import os
import re
import time
import zipfile

import pytest
from openpyxl import Workbook

from tests.conftest import write_csv
from tests.io.test_data_files import ENTRIES_HEADER, ENTRY_ROWS, SCORES_HEADER, SCORE_ROWS


def contest_folder(tmp_path):
    folder = tmp_path / "data"
    write_csv(folder / "entries.csv", [ENTRIES_HEADER, *ENTRY_ROWS])
    write_csv(folder / "scores.csv", [SCORES_HEADER, *SCORE_ROWS])
    return folder


def workbook_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite(xlsx: bytes, changes: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    """The workbook with some parts replaced (or added), as a hand-edited file would be."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w", compression) as target:
        for item in source.infolist():
            target.writestr(item.filename, changes.pop(item.filename, source.read(item.filename)))
        for name, data in changes.items():
            target.writestr(name, data)
    return out.getvalue()


VOTES = [["作品编号", "票数"], ["E1", 30], ["E2", 20]]
SHEET = "xl/worksheets/sheet1.xml"
NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def evaluate(cli, rubric, folder):
    started = time.monotonic()
    code, out, err = cli("evaluate", rubric, folder, "--format", "json")
    assert "Traceback" not in out + err and "internal error" not in err
    assert time.monotonic() - started < 20, "a hostile table must not take this long"
    return code, out, err


def test_xlsx_with_one_cell_at_xfd1048576_is_refused_by_its_dimension(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + NS + b'><dimension ref="A1:XFD1048576"/>'
             b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>entry</t></is></c></row>'
             b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>')
    hostile = rewrite(workbook_bytes(VOTES), {SHEET: sheet})
    assert len(hostile) < 10_000
    (folder / "votes.xlsx").write_bytes(hostile)
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1
    assert "votes.xlsx: error: a sheet declares 16384 columns (A1:XFD1048576), more than 1000" in err
    assert "RUBRIC_MAX_TABLE_COLUMNS" in err


def test_xlsx_declaring_a_million_rows_is_refused_by_its_cell_count(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + NS + b'><dimension ref="A1:ALL1048576"/>'
             b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>entry</t></is></c></row>'
             b'<row r="1048576"><c r="ALL1048576"><v>1</v></c></row></sheetData></worksheet>')
    (folder / "votes.xlsx").write_bytes(rewrite(workbook_bytes(VOTES), {SHEET: sheet}))
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1 and "a sheet declares 1048576000 cells (A1:ALL1048576)" in err
    assert "RUBRIC_MAX_TABLE_CELLS" in err


def test_xlsx_sheet_bomb_is_refused_by_its_compression_ratio(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    rows = b'<row><c t="inlineStr"><is><t>E1</t></is></c><c><v>1</v></c></row>' * 1_000_000
    sheet = b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + NS + b'><sheetData>' + rows + b'</sheetData></worksheet>'
    assert len(sheet) > 60_000_000
    (folder / "votes.xlsx").write_bytes(rewrite(workbook_bytes(VOTES), {SHEET: sheet}))
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1 and "votes.xlsx: error: the workbook is refused" in err
    assert re.search(r"compressed \d+:1", err) and "RUBRIC_MAX_ZIP" in err


def test_xlsx_shared_strings_over_the_limit_are_refused(cli, mini_rubric, tmp_path, monkeypatch):
    folder = contest_folder(tmp_path)
    strings = b"".join(b"<si><t>%s</t></si>" % os.urandom(8).hex().encode() for _ in range(20_000))
    shared = (b'<?xml version="1.0" encoding="UTF-8"?><sst ' + NS + b' count="20000" uniqueCount="20000">'
              + strings + b"</sst>")
    (folder / "votes.xlsx").write_bytes(rewrite(workbook_bytes(VOTES), {"xl/sharedStrings.xml": shared}))
    monkeypatch.setenv("RUBRIC_MAX_XLSX_SHARED_STRINGS", "100000")
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1 and "the workbook's shared strings unpack to" in err and "more than 100000" in err
    monkeypatch.setenv("RUBRIC_MAX_XLSX_SHARED_STRINGS", "10000000")  # raised from the environment
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 0, err


def _entity_sheet(doctype: bytes, reference: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + b'<worksheet ' + NS + b'><sheetData>'
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>entry</t></is></c>'
            b'<c r="B1" t="inlineStr"><is><t>votes</t></is></c></row>'
            b'<row r="2"><c r="A2" t="inlineStr"><is><t>E1' + reference + b'</t></is></c><c r="B2"><v>3</v></c></row>'
            b'</sheetData></worksheet>')


def test_xlsx_external_entity_is_not_expanded(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42", encoding="utf-8")
    doctype = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://' + str(secret).encode() + b'">]>'
    (folder / "votes.xlsx").write_bytes(rewrite(workbook_bytes(VOTES), {SHEET: _entity_sheet(doctype, b"&xxe;")}))
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert "TOP-SECRET-42" not in out + err
    assert code == 0 or "votes.xlsx" in err


def test_xlsx_billion_laughs_do_not_expand(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    entities = [b'<!ENTITY lol0 "lollollollollollollollollollol">']
    entities += [b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)]
    doctype = b"<!DOCTYPE worksheet [" + b"".join(entities) + b"]>"
    (folder / "votes.xlsx").write_bytes(rewrite(workbook_bytes(VOTES), {SHEET: _entity_sheet(doctype, b"&lol9;")}))
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert "lollollol" not in out + err
    assert code == 1 and "votes.xlsx: error: the workbook cannot be read" in err


def test_xlsx_with_malformed_xml_is_a_located_error(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    (folder / "votes.xlsx").write_bytes(rewrite(workbook_bytes(VOTES), {SHEET: b"<worksheet><sheetData><row"}))
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1 and "votes.xlsx: error: the workbook cannot be read" in err


def test_csv_with_a_million_header_columns_is_refused(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    (folder / "entries.csv").write_bytes(b",".join(b"c%d" % i for i in range(1_000_000)) + b"\nE1\n")
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1 and "entries.csv:1:1: error: line 1 is longer than 1048576 bytes" in err
    assert "RUBRIC_MAX_LINE_BYTES" in err


def test_csv_with_too_many_columns_is_a_located_error(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    write_csv(folder / "votes.csv", [["作品编号", "票数", *(f"x{i}" for i in range(2000))], ["E1", 3]])
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1 and "votes.csv:1:1001: error: the header row has 2002 columns, more than 1000" in err
    assert "RUBRIC_MAX_TABLE_COLUMNS" in err


def test_csv_with_a_monster_line_is_located_at_that_line(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    (folder / "votes.csv").write_bytes("作品编号,票数\nE1,3\nE2,".encode() + b"9" * 2_000_000 + b"\n")
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1 and "votes.csv:3:1: error: line 3 is longer than 1048576 bytes" in err


def test_table_size_limit_is_raised_from_the_environment(cli, mini_rubric, tmp_path, monkeypatch):
    folder = contest_folder(tmp_path)
    write_csv(folder / "votes.csv", VOTES)
    monkeypatch.setenv("RUBRIC_MAX_TABLE_BYTES", "10")
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1 and "more than a contest table should be (at most 10)" in err
    assert "RUBRIC_MAX_TABLE_BYTES (now 10)" in err


# --- item 5: a votes table that is not a regular file --------------------------------------------

def test_votes_table_that_is_a_directory_is_an_error(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    (folder / "votes.csv").mkdir()
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1 and "votes.csv: error: this is a folder, not a table" in err


def test_votes_table_that_is_a_dangling_link_is_an_error(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    (folder / "votes.csv").symlink_to(tmp_path / "gone.csv")
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1 and "votes.csv: error: the file is a link to" in err and "which does not exist" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_votes_table_that_is_a_fifo_is_an_error_and_does_not_block(cli, mini_rubric, tmp_path):
    folder = contest_folder(tmp_path)
    os.mkfifo(folder / "votes.csv")
    code, out, err = evaluate(cli, mini_rubric, folder)
    assert code == 1 and "votes.csv: error: this is a FIFO (named pipe), not a regular file" in err


# --- case 5b: a scores row from a judge the panel does not declare ------------------------------

def rubric_declaring_judges(tmp_path):
    from tests.conftest import MINI_RUBRIC

    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace(
        "criteria: [conformity, content, thought, innovation]}",
        "criteria: [conformity, content, thought, innovation], judges: [专家1, 专家2, 专家3, 专家4, 专家5]}", 1),
        encoding="utf-8")
    return rubric


@pytest.mark.parametrize("shape", ["wide", "long"])
def test_a_sixth_expert_the_panel_does_not_declare_is_a_located_error(tmp_path, cli, contest, shape):
    rubric = rubric_declaring_judges(tmp_path)
    contest.entry("E1").vote("E1", 3)
    for judge in ("专家1", "专家2", "专家3", "专家4", "专家5", "专家６"):  # a full-width ６: not 专家5's typo
        contest.sheet("experts", judge, "E1", 20, 30, 5)
    contest.sheet("audience", "A1", "E1", 20, 30, 5)
    folder = contest.write()
    if shape == "long":
        rows = [["panel", "judge", "entry", "criterion", "score"]]
        for panel, judge, entry, *marks in contest.scores:
            rows += [[panel, judge, entry, criterion, mark] for criterion, mark in
                     zip(("content", "thought", "innovation"), marks)]
        write_csv(folder / "scores.csv", rows)
    code, out, err = cli("evaluate", rubric, folder, "--format", "json")
    assert code == 1 and out == "" and "Traceback" not in err
    row = 7 if shape == "wide" else 17  # the first row of 专家６ (after the header)
    assert (f"scores.csv:{row}:2: error: unknown judge '专家６' for panel 专家评分: the rubric declares its judges "
            "(专家1, 专家2, 专家3, 专家4, 专家5)") in err
    assert "is never counted" in err and "judges: in the rubric" in err


def test_an_undeclared_judge_gets_a_did_you_mean(tmp_path, cli, contest):
    rubric = rubric_declaring_judges(tmp_path)
    contest.entry("E1").vote("E1", 3).sheet("experts", "专家 1", "E1", 20, 30, 5).sheet("audience", "A1", "E1", 20, 30, 5)
    code, out, err = cli("evaluate", rubric, contest.write(), "--format", "json")
    assert code == 1 and "scores.csv:2:2: error: unknown judge '专家 1'" in err and "did you mean '专家1'?" in err


def test_without_declared_judges_any_judge_counts(tmp_path, cli, contest, mini_rubric):
    contest.entry("E1").vote("E1", 3).sheet("audience", "A1", "E1", 20, 30, 5)
    for judge in ("专家1", "专家2", "专家６"):
        contest.sheet("experts", judge, "E1", 20, 30, 5)
    code, out, err = cli("evaluate", mini_rubric, contest.write(), "--format", "json")
    assert code == 0, err
    assert __import__("json").loads(out)["entries"][0]["panels"]["experts"]["judges"] == 3
