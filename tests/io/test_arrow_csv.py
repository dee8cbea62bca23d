"""Large plain CSV files are read by pyarrow (io/arrow_csv.py): the same table as the csv module's,
and every file that is not plain goes the csv module's way, its errors located as before."""
from __future__ import annotations

import pytest

from rubric_engine.errors import DataInputError
from rubric_engine.io import arrow_csv, tables


def read_both(path, monkeypatch):
    """(pyarrow's table or None, the csv module's table)."""
    raw = path.read_bytes()
    monkeypatch.setattr(arrow_csv, "FAST_BYTES", 0)
    plain = arrow_csv.plain_columns(raw, "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8",
                                    "\t" if b"\t" in raw else ",", 10**6, 10**7)
    fast = tables.read_table(path)
    monkeypatch.setattr(arrow_csv, "FAST_BYTES", 10**12)
    return (fast if plain is not None else None), tables.read_table(path)


PLAIN = {
    "lf.csv": "评分组,评委,作品编号,内容性\n专家评分,专家1,E001,20\n专家评分,专家2,E001,\n大众评分,张三,E002,19.5\n",
    "crlf_bom.csv": "\ufeffid,title,unit\r\nE1, 标题 ,一中\r\nE2,,二中\r\n,,\r\nE3,x,y",  # a blank record, no final EOL
    "tab.csv": "a\tb\nx y\t1\n\t\n",
}


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_a_plain_file_reads_the_same_by_either_reader(tmp_path, monkeypatch, name):
    path = tmp_path / name
    path.write_bytes(PLAIN[name].encode("utf-8"))
    fast, slow = read_both(path, monkeypatch)
    assert fast is not None
    assert (fast.headers, fast.columns, list(fast.lines), fast.header_line, fast.encoding) == \
        (slow.headers, slow.columns, slow.lines, slow.header_line, slow.encoding)
    if name == "crlf_bom.csv":  # by hand: the blank record on line 4 is no record; E3 is on line 5
        assert fast.columns == [["E1", "E2", "E3"], [" 标题 ", "", "x"], ["一中", "二中", "y"]]
        assert list(fast.lines) == [2, 3, 5] and fast.encoding == "utf-8-sig"
    if name == "lf.csv":  # equal texts in a column are one object
        assert fast.columns[0][0] is fast.columns[0][1]


NOT_PLAIN = {
    "quoted": 'a,b\n"x, y",1\n',
    "blank line": "a,b\nx,1\n\ny,2\n",
    "lone CR": "a,b\rx,1\r",
    "ragged": "a,b\nx,1\ny\n",
    "empty last header": "a,b,\nx,1,\n",
}


@pytest.mark.parametrize("name", sorted(NOT_PLAIN))
def test_a_file_that_is_not_plain_goes_the_csv_modules_way(tmp_path, monkeypatch, name):
    path = tmp_path / "t.csv"
    path.write_bytes(NOT_PLAIN[name].encode("utf-8"))
    monkeypatch.setattr(arrow_csv, "FAST_BYTES", 0)
    assert arrow_csv.plain_columns(path.read_bytes(), "utf-8", ",", 10**6, 10**7) is None


def test_small_files_and_other_encodings_are_left_to_the_csv_module():
    text = "a,b\nx,1\n".encode("utf-8")
    assert arrow_csv.FAST_BYTES > len(text)
    assert arrow_csv.plain_columns(text, "utf-8", ",", 10**6, 10**7) is None
    assert arrow_csv.plain_columns(b"a" * arrow_csv.FAST_BYTES, "gb18030", ",", 10**6, 10**7) is None


def test_a_short_row_is_read_as_the_csv_module_reads_it(tmp_path, monkeypatch):
    path = tmp_path / "scores.csv"
    path.write_bytes("a,b,c\nx,1,2\ny,3\n".encode("utf-8"))
    monkeypatch.setattr(arrow_csv, "FAST_BYTES", 0)
    table = tables.read_table(path)  # the short row keeps its line; its missing cell is None, not ""
    assert table.lines == [2, 3] and table.columns == [["x", "y"], ["1", "3"], ["2", None]]


def test_the_row_bound_is_reported_by_the_csv_path_on_its_line(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_bytes(b"a\n1\n2\n3\n")
    monkeypatch.setattr(arrow_csv, "FAST_BYTES", 0)
    monkeypatch.setenv("RUBRIC_MAX_TABLE_ROWS", "2")
    with pytest.raises(DataInputError) as caught:
        tables.read_table(path)
    problem = caught.value.problems[0]
    assert problem.code == "data.limit" and problem.location.line == 4


def test_rubric_evaluate_gives_the_same_bytes_by_either_reader(tmp_path, monkeypatch, cli):
    from tests.golden.contests import build

    rubric, data = build("mini", tmp_path)
    read_by_arrow = {0: [], 10**12: []}  # by FAST_BYTES: whether pyarrow read each table it was given

    def counted(*args):
        columns = arrow_csv.plain_columns(*args)
        read_by_arrow[arrow_csv.FAST_BYTES].append(columns is not None)
        return columns

    monkeypatch.setattr(tables, "plain_columns", counted)
    outputs = []
    for fast_bytes in (0, 10**12):
        monkeypatch.setattr(arrow_csv, "FAST_BYTES", fast_bytes)
        out = tmp_path / f"out-{fast_bytes}.json"
        code, _, err = cli("evaluate", rubric, data, "--format", "json", "--output", out, "--no-cache")
        assert code == 0, err
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and b'"entries"' in outputs[0]
    assert any(read_by_arrow[0]) and not any(read_by_arrow[10**12])


def test_a_file_utf8_only_at_its_start_is_refused_as_before(tmp_path, monkeypatch):
    """The plain path reads the delimiter from the file's first characters and leaves the rest's UTF-8 check to
    pyarrow: a file whose later rows are GBK is refused, as the csv module's way always did (it is neither)."""
    monkeypatch.setattr(arrow_csv, "FAST_BYTES", 0)
    path = tmp_path / "scores.csv"
    head = "评分组,评委,作品编号\n" + "专家评分,专家1,E001\n" * 2000
    path.write_bytes(head.encode("utf-8") + "专家评分,专家2,E002\n".encode("gb18030"))
    with pytest.raises(DataInputError) as refused:
        tables.read_table(path)
    assert refused.value.problems[0].code == "data.encoding"


def test_a_large_gb18030_file_is_read_as_gb18030(tmp_path, monkeypatch):
    monkeypatch.setattr(arrow_csv, "FAST_BYTES", 0)
    path = tmp_path / "scores.csv"
    path.write_bytes(("评分组,评委,作品编号\n" + "专家评分,专家1,E001\n" * 2000).encode("gb18030"))
    table = tables.read_table(path)
    assert table.encoding == "gb18030" and table.columns[0][0] == "专家评分" and len(table.columns[0]) == 2000


def test_a_nul_byte_in_a_large_file_is_located_as_before(tmp_path, monkeypatch):
    monkeypatch.setattr(arrow_csv, "FAST_BYTES", 0)
    path = tmp_path / "scores.csv"
    path.write_bytes("评分组,评委,作品编号\n专家评分,专家1,E001\n专家评分,专家1\x00,E002\n".encode("utf-8"))
    with pytest.raises(DataInputError) as refused:
        tables.read_table(path)
    assert refused.value.problems[0].location.line == 3
