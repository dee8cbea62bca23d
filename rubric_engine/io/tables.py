"""Reading one table (.csv in UTF-8/UTF-8-BOM/GB18030, or .xlsx) into located rows.

Rows are numbered as a spreadsheet shows them (the header is row 1), columns by
letter, so that every message can point at the cell to fix.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataInputError, Location

ENCODINGS = ("utf-8-sig", "gb18030")  # strict, in this order; utf-8-sig also reads plain UTF-8
MAX_TABLE_BYTES = 200 * 1024 * 1024


@dataclass
class Cell:
    value: Any  # str for csv; str, int, float, datetime or None for xlsx
    location: Location

    @property
    def text(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        return str(self.value).strip()


@dataclass
class Row:
    number: int
    cells: dict  # column id -> Cell

    def get(self, column: str) -> Cell | None:
        return self.cells.get(column)

    def text(self, column: str) -> str:
        cell = self.cells.get(column)
        return cell.text if cell else ""


@dataclass
class Table:
    path: Path
    headers: list[str]  # as written in the file
    rows: list[list[Cell]]
    row_numbers: list[int]
    encoding: str | None = None

    @property
    def name(self) -> str:
        return self.path.name


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_table(path: Path) -> Table:
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    return _read_csv(path)


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


def _read_csv(path: Path) -> Table:
    raw = _read_bytes(path)
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
    records = []
    try:
        for record in reader:
            records.append((reader.line_num, record))
    except csv.Error as exc:
        raise _fail(path, f"the CSV is malformed at line {reader.line_num}: {exc}", reader.line_num,
                    hint="check the quotes on that line", code="data.csv") from None
    return _table(path, records, encoding)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise _fail(path, f"the file is {size} bytes, more than a contest table should be")
        return path.read_bytes()
    except OSError as exc:
        raise _fail(path, f"cannot read the file: {exc.strerror}", code="data.unreadable") from None


def _table(path: Path, records: list[tuple[int, list]], encoding: str | None) -> Table:
    records = [(n, r) for n, r in records if any(_blank(c) is False for c in r)]
    if not records:
        raise _fail(path, "the file has no header row", hint="the first row names the columns",
                    code="data.empty")
    header_line, header = records[0]
    headers = [("" if h is None else str(h)).strip() for h in header]
    while headers and not headers[-1]:
        headers.pop()
    for index, name in enumerate(headers):
        if not name:
            raise _fail(path, f"column {column_letter(index)} has no header", header_line, index + 1,
                        hint="name every column in the first row", code="data.header")
    seen = {}
    for index, name in enumerate(headers):
        if name in seen:
            raise _fail(path, f"the header {name!r} appears twice (columns {column_letter(seen[name])} and "
                              f"{column_letter(index)})", header_line, index + 1, code="data.header")
        seen[name] = index
    rows, numbers = [], []
    for line, record in records[1:]:
        extra = [c for c in record[len(headers):] if _blank(c) is False]
        if extra:
            raise _fail(path, f"row {line} has {len(record)} cells but the header has {len(headers)} columns",
                        line, len(headers) + 1, hint="remove the extra cells, or add a header for them",
                        code="data.ragged")
        cells = []
        for index, name in enumerate(headers):
            value = record[index] if index < len(record) else None
            cells.append(Cell(value, Location(str(path), line, index + 1,
                                              column_name=f"{column_letter(index)} {name}")))
        rows.append(cells)
        numbers.append(line)
    return Table(path, headers, rows, numbers, encoding)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_xlsx(path: Path) -> Table:
    raw = _read_bytes(path)
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
        records = []
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
            records.append((number, row))
    finally:
        values.close()
        formulas.close()
    return _table(path, records, None)


def cell_datetime(value: Any) -> dt.datetime | None:
    """An xlsx date cell, if it is one."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return None
