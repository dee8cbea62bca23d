"""Reading one table (.csv in UTF-8/UTF-8-BOM/GB18030, or .xlsx) into located rows.

Rows are numbered as a spreadsheet shows them (the header is row 1), columns by
letter, so that every message can point at the cell to fix.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import itertools
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..errors import DataInputError, Location, Problem
from ..limits import limit, raise_message
from ..messages import Message
from . import arrow_csv
from .arrow_csv import plain_columns

ENCODINGS = ("utf-8-sig", "gb18030")  # strict, in this order; utf-8-sig also reads plain UTF-8
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
    lines: Sequence[int]  # the spreadsheet row number of each record (a range when they follow one another)
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


def _fail(path: Path, key: str, line: int = 0, column: int = 0, /, **fields) -> DataInputError:
    """The error ``key`` of the catalogue (its hint ``key.hint``) at ``path:line:column``."""
    message = Message(key, **fields)
    return DataInputError([Problem("error", message.code, message, Location(str(path), line, column),
                                   message.hint())])


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    """Strict decoding, UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK)."""
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw[:offset].count(b"\n") + 1
        raise _fail(path, "data.nul", line, line=line)
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), ("gb18030" if encoding == "gb18030" else
                                          "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
        except UnicodeDecodeError:
            continue
    raise _fail(path, "data.encoding")


def _check_lines(path: Path, raw: bytes) -> None:
    """No line longer than ``MAX_LINE_BYTES``, found before decoding.

    A line longer than the cap holds a whole aligned block of half the cap without a line
    break; only such blocks (rare) are measured exactly, so a 40 MB table costs microseconds.
    """
    cap = limit("MAX_LINE_BYTES")
    if len(raw) <= cap:
        return
    step = max(cap // 2, 1)
    for start in range(0, len(raw), step):
        if raw.find(b"\n", start, start + step) != -1:
            continue
        first = raw.rfind(b"\n", 0, start) + 1
        end = raw.find(b"\n", start)
        end = len(raw) if end == -1 else end
        if end - first > cap:
            line = raw.count(b"\n", 0, first) + 1
            raise _fail(path, "data.limit:line", line, 1, line=line, cap=cap,
                        more=raise_message("MAX_LINE_BYTES"))


def _read_csv(path: Path, raw: bytes) -> Table:
    _check_lines(path, raw)
    csv.field_size_limit(max(limit("MAX_LINE_BYTES"), 131072))
    if len(raw) >= arrow_csv.FAST_BYTES and b"\x00" not in raw:  # maybe a large plain file: pyarrow's reader
        head = _utf8_head(raw)
        if head is not None:
            encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
            # the rest of the file is decoded (and its UTF-8 checked) by pyarrow's reader; anything it
            # refuses is read below the csv module's way, which reports it located
            plain = plain_columns(raw, encoding, sniff_delimiter(head), limit("MAX_TABLE_ROWS"), limit("MAX_TABLE_CELLS"))
            if plain is not None:
                header, columns = plain
                _check_width(path, 1, len(header))
                headers = _headers(path, 1, header)
                return _records(path, headers, columns, range(2, len(columns[0]) + 2), 1, encoding)  # one line each
    text, encoding = _decode(path, raw)
    if not text.strip():
        raise _fail(path, "data.empty:file")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    return _table(path, _csv_chunks(path, reader), encoding)


def sniff_delimiter(text: str) -> str:
    """The delimiter its first 4 096 characters suggest (, ; or a tab); a comma when unsure."""
    return _sniffed(text[:4096])


@functools.lru_cache(maxsize=32)
def _sniffed(head: str) -> str:
    """The sniffer's answer for ``head``, kept: a process that reads the same tables again (the tests, a
    web front end) does not count every character of their heads again (~1 ms a table)."""
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _utf8_head(raw: bytes) -> str | None:
    """The first 4 096 characters (at least) of ``raw`` read as UTF-8, or None when they are not UTF-8."""
    prefix = raw[:16384]  # 4 096 characters take at most 16 384 bytes
    try:
        return prefix.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data":  # not a character cut at the end of the prefix
            return None
        try:
            return prefix[:exc.start].decode("utf-8-sig")
        except UnicodeDecodeError:
            return None


def _csv_chunks(path: Path, reader) -> Iterator[tuple[list[int], list[list]]]:
    """Records in chunks, each with its line number (where it ends, as the csv module counts)."""
    read = 0
    while True:
        try:
            rows = list(itertools.islice(reader, CHUNK_ROWS))
        except csv.Error as exc:
            raise _fail(path, "data.csv", reader.line_num, line=reader.line_num, detail=exc) from None
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
        if path.is_symlink() and not path.exists():
            raise _fail(path, "data.unreadable:dangling", target=os.readlink(path))
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise _fail(path, "data.unreadable:folder")
        if not stat.S_ISREG(mode):
            kind = "fifo" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
            raise _fail(path, "data.unreadable:special", kind=Message("data.file_kind." + kind))
        size = path.stat().st_size
        cap = limit("MAX_TABLE_BYTES")
        if size > cap:
            raise _fail(path, "data.limit:bytes", size=size, cap=cap, more=raise_message("MAX_TABLE_BYTES"))
        with path.open("rb") as handle:  # at most cap + 1 bytes even if the file grows meanwhile
            raw = handle.read(cap + 1)
        if len(raw) > cap:
            raise _fail(path, "data.limit:grew", cap=cap, more=raise_message("MAX_TABLE_BYTES"))
        return raw
    except OSError as exc:
        raise _fail(path, "data.unreadable", reason=exc.strerror) from None


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
    max_rows, max_cells = limit("MAX_TABLE_ROWS"), limit("MAX_TABLE_CELLS")
    for lines, rows in chunks:
        if headers is None:
            start = next((i for i, r in enumerate(rows) if r and not _blank_record(r)), None)
            if start is None:
                continue
            _check_width(path, lines[start], len(rows[start]))
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
        if len(all_lines) > max_rows or len(all_lines) * width > max_cells:
            name = "MAX_TABLE_ROWS" if len(all_lines) > max_rows else "MAX_TABLE_CELLS"
            raise _fail(path, "data.limit:" + ("rows" if name == "MAX_TABLE_ROWS" else "cells"), all_lines[-1],
                        cap=limit(name), line=all_lines[-1], more=raise_message(name))
    if headers is None:
        raise _fail(path, "data.empty:header")
    return _records(path, headers, columns, all_lines, header_line, encoding)


def _records(path: Path, headers: list[str], columns: list[list], lines: list[int], header_line: int,
             encoding: str | None) -> Table:
    """The table, without blank records (blank lines between records are not records)."""
    maybe_blank = [i for i, value in enumerate(columns[0]) if not value or (type(value) is str and value.isspace())
                   ] if _may_be_blank(columns[0]) else []
    blank = [i for i in maybe_blank if _blank_record([column[i] for column in columns])]
    if blank:  # blank lines between records: not records
        keep = sorted(set(range(len(lines))) - set(blank))
        lines = [lines[i] for i in keep]
        columns = [[column[i] for i in keep] for column in columns]
    return Table(path, headers, columns, lines, header_line, encoding)


def _check_width(path: Path, line: int, width: int) -> None:
    cap = limit("MAX_TABLE_COLUMNS")
    if width > cap:
        raise _fail(path, "data.limit:columns", line, cap + 1, width=width, cap=cap,
                    more=raise_message("MAX_TABLE_COLUMNS"))


def _headers(path: Path, line: int, header: list) -> list[str]:
    headers = [("" if h is None else str(h)).strip() for h in header]
    while headers and not headers[-1]:
        headers.pop()
    for index, name in enumerate(headers):
        if not name:
            raise _fail(path, "data.header:empty", line, index + 1, column=column_letter(index))
    seen = {}
    for index, name in enumerate(headers):
        if name in seen:
            raise _fail(path, "data.header:twice", line, index + 1, header=name, first=column_letter(seen[name]),
                        second=column_letter(index))
        seen[name] = index
    return headers


def _fit(path: Path, line: int, record: list, width: int) -> list:
    """A short row padded with empty cells; a long one is an error unless its extra cells are blank."""
    if not record:
        return [None] * width
    if len(record) < width:
        return list(record) + [None] * (width - len(record))
    if any(_blank(c) is False for c in record[width:]):
        raise _fail(path, "data.ragged", line, width + 1, row=line, cells=len(record), width=width)
    return record[:width]


def _may_be_blank(column: list) -> bool:
    """Whether any cell of the first column is empty or all spaces, asked of its distinct values (a
    million cells hash in C; a large file's equal texts are one object, io/arrow_csv.py)."""
    try:
        distinct = set(column)
    except TypeError:  # pragma: no cover - cells are texts, numbers, dates or None
        return True
    return any(not value or (type(value) is str and value.isspace()) for value in distinct)


def _blank_record(record: list) -> bool:
    for value in record:
        if not _blank(value):
            return False
    return True


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_xlsx(path: Path, raw: bytes) -> Table:
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(path, "data.xls")
    if not raw.startswith(b"PK"):
        raise _fail(path, "data.xlsx:empty" if not raw else "data.xlsx:not_zip")
    from openpyxl import load_workbook

    _vet_xlsx(path, raw)

    try:
        values = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except _XLSX_ERRORS as exc:
        raise _fail(path, "data.xlsx", detail=exc) from None
    try:
        return _xlsx_rows(path, values, formulas)
    except _XLSX_ERRORS as exc:  # malformed XML in a sheet, refused entities, ...
        raise _fail(path, "data.xlsx", detail=f"{type(exc).__name__}: {exc}") from None


# what openpyxl (and lxml under it) raise on a broken package; SyntaxError covers lxml's XMLSyntaxError
_XLSX_ERRORS = (KeyError, ValueError, OSError, SyntaxError, TypeError, AttributeError, IndexError,
                EOFError, zipfile.BadZipFile)


def _xlsx_rows(path: Path, values, formulas) -> Table:
    try:
        sheet, formula_sheet = values.worksheets[0], formulas.worksheets[0]
        lines, rows = [], []
        cells, max_cells = 0, limit("MAX_TABLE_CELLS")
        for number, (row, formula_row) in enumerate(zip(sheet.iter_rows(values_only=True),
                                                        formula_sheet.iter_rows(values_only=True)), start=1):
            row = list(row)
            cells += len(row)
            if cells > max_cells or number > limit("MAX_TABLE_ROWS"):
                name = "MAX_TABLE_CELLS" if cells > max_cells else "MAX_TABLE_ROWS"
                raise _fail(path, "data.limit:sheet_" + ("cells" if name == "MAX_TABLE_CELLS" else "rows"), number,
                            cap=limit(name), row=number, more=raise_message(name))
            if len(row) > limit("MAX_TABLE_COLUMNS"):
                _check_width(path, number, len(row))
            for index, (value, formula) in enumerate(zip(row, formula_row)):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    raise _fail(path, "data.formula:unsaved", number, index + 1,
                                cell=f"{column_letter(index)}{number}", formula=formula)
                if isinstance(value, str) and value.startswith("#") and value.endswith(("!", "?", "A")):
                    raise _fail(path, "data.formula:error", number, index + 1, cell=f"{column_letter(index)}{number}",
                                value=value)
            lines.append(number)
            rows.append(row)
    finally:
        values.close()
        formulas.close()
    return _table(path, [(lines, rows)], None)


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')


def _column_number(letters: bytes) -> int:
    """b"A" -> 1, b"XFD" -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _vet_xlsx(path: Path, raw: bytes) -> None:
    """Vet the workbook as a submission zip is vetted, before openpyxl inflates anything.

    The package (parts, unpacked size, compression ratio), the shared strings' size and
    each sheet's declared dimension (rows × columns, the cells openpyxl would lay out).
    """
    from ..inspect.safezip import UnsafeZip, vet_zip

    try:
        members = vet_zip(raw)
    except UnsafeZip as exc:
        raise _fail(path, "data.limit:zip", detail=exc.message) from None
    strings_cap = limit("MAX_XLSX_SHARED_STRINGS")
    for member in members:
        name = member.filename.lower()
        if name.endswith("sharedstrings.xml") and member.file_size > strings_cap:
            raise _fail(path, "data.limit:shared_strings", size=member.file_size, cap=strings_cap,
                        more=raise_message("MAX_XLSX_SHARED_STRINGS"))
    max_cells, max_columns = limit("MAX_TABLE_CELLS"), limit("MAX_TABLE_COLUMNS")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for member in members:
                if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                    continue
                with archive.open(member) as handle:
                    head = handle.read(64 * 1024)
                match = _DIMENSION.search(head)
                if not match or not match.group(3):
                    continue
                first_col = _column_number(match.group(1) or b"A")
                first_row = int(match.group(2) or 1)
                last_col, last_row = _column_number(match.group(3)), int(match.group(4))
                columns = last_col - first_col + 1
                cells = (last_row - first_row + 1) * columns
                ref = match.group(0).split(b'"')[1].decode("ascii")
                if columns > max_columns:
                    raise _fail(path, "data.limit:declared_columns", columns=columns, ref=ref, cap=max_columns,
                                more=raise_message("MAX_TABLE_COLUMNS"))
                if cells > max_cells:
                    raise _fail(path, "data.limit:declared_cells", cells=cells, ref=ref, cap=max_cells,
                                more=raise_message("MAX_TABLE_CELLS"))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _fail(path, "data.xlsx", detail=exc) from None


def cell_datetime(value: Any) -> dt.datetime | None:
    """An xlsx date cell, if it is one."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return None
