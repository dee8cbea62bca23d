"""Reading one table (.csv in UTF-8/UTF-8-BOM/GB18030, or .xlsx) into located rows.

Rows are numbered as a spreadsheet shows them (the header is row 1), columns by
letter, so that every message can point at the cell to fix.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import DataInputError, Location

ENCODINGS = ("utf-8-sig", "gb18030")  # strict, in this order; utf-8-sig also reads plain UTF-8
MAX_TABLE_BYTES = 200 * 1024 * 1024
CHUNK_ROWS = 50_000  # records transposed into columns at a time


@dataclass
class Cell:
    value: Any  # str for csv; str, int, float, datetime or None for xlsx
    location: Location

    @property
    def text(self) -> str:
        return cell_text(self.value)


def cell_text(value: Any) -> str:
    """What a cell says, as text: stripped; whole floats without ``.0``; ``""`` for empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class Table:
    """A table held column by column; a cell's location is made only when a message needs it."""

    path: Path
    headers: list[str]  # as written in the file
    columns: list[list]  # one list of raw values per header; None where a short row has no cell
    lines: list[int]  # the spreadsheet row number of each record
    header_line: int = 1
    encoding: str | None = None
    sha256: str = ""  # of the very bytes that were parsed

    @property
    def name(self) -> str:
        return self.path.name

    def __len__(self) -> int:
        return len(self.lines)

    def location(self, row: int | None, column: int | None = None) -> Location:
        """Where record ``row`` (0-based; None: the header) and column index ``column`` are."""
        line = self.header_line if row is None else self.lines[row]
        if column is None:
            return Location(str(self.path), line)
        return Location(str(self.path), line, column + 1,
                        column_name=f"{column_letter(column)} {self.headers[column]}")

    def cell(self, row: int, column: int) -> Cell:
        return Cell(self.columns[column][row], self.location(row, column))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_table(path: Path) -> Table:
    raw = _read_bytes(path)
    table = _read_xlsx(path, raw) if path.suffix.lower() == ".xlsx" else _read_csv(path, raw)
    table.sha256 = hashlib.sha256(raw).hexdigest()
    return table


def _fail(path: Path, message: str, line: int = 0, column: int = 0, hint: str | None = None,
          code: str = "data.file") -> DataInputError:
    return DataInputError.single(message, Location(str(path), line, column), code=code, hint=hint)


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    """Strict decoding, UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK)."""
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw[:offset].count(b"\n") + 1
        raise _fail(path, f"the file contains a NUL byte (line {line}); it is not a text CSV", line,
                    hint="export the sheet again as CSV, or save it as .xlsx", code="data.nul")
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), ("gb18030" if encoding == "gb18030" else
                                          "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
        except UnicodeDecodeError:
            continue
    raise _fail(path, "the file is neither UTF-8 nor GBK/GB18030 text", hint="save it as CSV UTF-8 in Excel",
                code="data.encoding")


def _read_csv(path: Path, raw: bytes) -> Table:
    text, encoding = _decode(path, raw)
    if not text.strip():
        raise _fail(path, "the file is empty", hint="it needs a header row and one row per record",
                    code="data.empty")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    return _table(path, _csv_chunks(path, reader), encoding)


def _csv_chunks(path: Path, reader) -> Iterator[tuple[list[int], list[list]]]:
    """Records in chunks, each with its line number (where it ends, as the csv module counts)."""
    read = 0
    while True:
        try:
            rows = list(itertools.islice(reader, CHUNK_ROWS))
        except csv.Error as exc:
            raise _fail(path, f"the CSV is malformed at line {reader.line_num}: {exc}", reader.line_num,
                        hint="check the quotes on that line", code="data.csv") from None
        if not rows:
            return
        if reader.line_num == read + len(rows):  # one line per record
            lines = list(range(read + 1, read + len(rows) + 1))
        else:  # quoted line breaks inside fields
            lines, line = [], read
            for record in rows:
                line += 1 + sum(field.count("\n") + field.count("\r") - field.count("\r\n") for field in record)
                lines.append(line)
        read = reader.line_num
        yield lines, rows


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise _fail(path, f"the file is {size} bytes, more than a contest table should be")
        return path.read_bytes()
    except OSError as exc:
        raise _fail(path, f"cannot read the file: {exc.strerror}", code="data.unreadable") from None


def _table(path: Path, chunks: Iterable[tuple[list[int], list[list]]], encoding: str | None) -> Table:
    """The header, then the records column by column, a chunk at a time (a chunk's rows are freed at once).

    Repeated texts in a column (panel names, marks) are kept once, which holds a million
    score rows in a fraction of the memory.
    """
    headers: list[str] | None = None
    columns: list[list] = []
    shared: list[dict | None] = []
    all_lines: list[int] = []
    header_line = 0
    for lines, rows in chunks:
        if headers is None:
            start = next((i for i, r in enumerate(rows) if r and not _blank_record(r)), None)
            if start is None:
                continue
            header_line, headers = lines[start], _headers(path, lines[start], rows[start])
            lines, rows = lines[start + 1:], rows[start + 1:]
            columns = [[] for _ in headers]
            shared = [None] * len(headers)
        width = len(headers)
        if set(map(len, rows)) - {width}:
            rows = [_fit(path, line, record, width) for line, record in zip(lines, rows)]
        for index, values in enumerate(zip(*rows)):
            if shared[index] is None:  # texts only: 1, 1.0 and True are equal keys but not the same cell
                distinct = set(values)
                shared[index] = {} if len(distinct) * 2 < len(values) and all(type(v) is str for v in distinct) \
                    else False
            if shared[index] is not False:
                values = list(map(shared[index].setdefault, values, values))
            columns[index].extend(values)
        all_lines.extend(lines)
    if headers is None:
        raise _fail(path, "the file has no header row", hint="the first row names the columns",
                    code="data.empty")
    lines = all_lines
    maybe_blank = [i for i, value in enumerate(columns[0]) if not value or (type(value) is str and value.isspace())]
    blank = [i for i in maybe_blank if _blank_record([column[i] for column in columns])]
    if blank:  # blank lines between records: not records
        keep = sorted(set(range(len(lines))) - set(blank))
        lines = [lines[i] for i in keep]
        columns = [[column[i] for i in keep] for column in columns]
    return Table(path, headers, columns, lines, header_line, encoding)


def _headers(path: Path, line: int, header: list) -> list[str]:
    headers = [("" if h is None else str(h)).strip() for h in header]
    while headers and not headers[-1]:
        headers.pop()
    for index, name in enumerate(headers):
        if not name:
            raise _fail(path, f"column {column_letter(index)} has no header", line, index + 1,
                        hint="name every column in the first row", code="data.header")
    seen = {}
    for index, name in enumerate(headers):
        if name in seen:
            raise _fail(path, f"the header {name!r} appears twice (columns {column_letter(seen[name])} and "
                              f"{column_letter(index)})", line, index + 1, code="data.header")
        seen[name] = index
    return headers


def _fit(path: Path, line: int, record: list, width: int) -> list:
    """A short row padded with empty cells; a long one is an error unless its extra cells are blank."""
    if not record:
        return [None] * width
    if len(record) < width:
        return list(record) + [None] * (width - len(record))
    if any(_blank(c) is False for c in record[width:]):
        raise _fail(path, f"row {line} has {len(record)} cells but the header has {width} columns",
                    line, width + 1, hint="remove the extra cells, or add a header for them",
                    code="data.ragged")
    return record[:width]


def _blank_record(record: list) -> bool:
    for value in record:
        if not _blank(value):
            return False
    return True


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_xlsx(path: Path, raw: bytes) -> Table:
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(path, "this is an old Excel .xls file renamed to .xlsx",
                    hint="open it in Excel and Save As 'Excel Workbook (*.xlsx)'", code="data.xls")
    if not raw.startswith(b"PK"):
        raise _fail(path, "this is not an .xlsx workbook" + (" (the file is empty)" if not raw else ""),
                    hint="save the sheet as .xlsx or .csv", code="data.xlsx")
    import zipfile

    from openpyxl import load_workbook

    try:
        values = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _fail(path, f"the workbook cannot be read: {exc}", hint="open and save it again in Excel",
                    code="data.xlsx") from None
    try:
        sheet, formula_sheet = values.worksheets[0], formulas.worksheets[0]
        lines, rows = [], []
        for number, (row, formula_row) in enumerate(zip(sheet.iter_rows(values_only=True),
                                                        formula_sheet.iter_rows(values_only=True)), start=1):
            row = list(row)
            for index, (value, formula) in enumerate(zip(row, formula_row)):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    raise _fail(path, f"cell {column_letter(index)}{number} holds the formula {formula} but no "
                                      "saved value", number, index + 1,
                                hint="open the workbook in Excel and save it, so the values are stored",
                                code="data.formula")
                if isinstance(value, str) and value.startswith("#") and value.endswith(("!", "?", "A")):
                    raise _fail(path, f"cell {column_letter(index)}{number} holds the error {value}",
                                number, index + 1, code="data.formula")
            lines.append(number)
            rows.append(row)
    finally:
        values.close()
        formulas.close()
    return _table(path, [(lines, rows)], None)


def cell_datetime(value: Any) -> dt.datetime | None:
    """An xlsx date cell, if it is one."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return None
