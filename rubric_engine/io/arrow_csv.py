"""A large, plain CSV read by pyarrow's reader into columns: the same columns the csv module gives.

Plain means: UTF-8, not one double quote, one line per record, no blank line, no lone ``\\r``,
every record as wide as the header. Anything else (and any error pyarrow finds) returns
``None``, and the csv module's path reads the file and reports what is wrong, located, as
before. A cell's text is the same ``str`` either way; equal texts in a column are one object.
"""
from __future__ import annotations

import csv
import io

FAST_BYTES = 4 * 2**20  # below this the csv module is as quick as pyarrow's import


def plain_columns(raw: bytes, encoding: str, delimiter: str, max_rows: int, max_cells: int):
    """(raw header, columns) of a plain CSV of at least ``FAST_BYTES``, else None."""
    if len(raw) < FAST_BYTES or encoding not in ("utf-8", "utf-8-sig") or b'"' in raw:
        return None
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    if (body[:1] in (b"\n", b"\r") or b"\n\n" in body or b"\r\n\r\n" in body
            or (b"\r" in body and body.count(b"\r") != body.count(b"\r\n"))):
        return None  # blank lines or lone \r: the line numbers need the csv module's count
    end = body.find(b"\n")
    header = next(csv.reader(io.StringIO(body[:end if end != -1 else len(body)].decode("utf-8").rstrip("\r"),
                                         newline=""), delimiter=delimiter), [])
    if not header or not header[-1].strip():
        return None  # an empty last header: records are trimmed to the header's width by the csv path
    try:
        import pyarrow as pa
        import pyarrow.csv as pa_csv
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    pool = _pool(pa)  # what the table held goes back once it is converted
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pool)
    try:
        return _read(pa, pa_csv, pool, header, body, delimiter, max_rows, max_cells)
    finally:
        pa.set_memory_pool(previous)


def _read(pa, pa_csv, pool, header: list[str], body: bytes, delimiter: str, max_rows: int, max_cells: int):
    names = [f"c{i}" for i in range(len(header))]
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(body), memory_pool=pool,
            read_options=pa_csv.ReadOptions(skip_rows=1, column_names=names),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, quote_char=False, escape_char=False,
                                              ignore_empty_lines=False, newlines_in_values=False),
            # dictionary-encoded as read (in the reader's threads): each distinct text is made a str once
            convert_options=pa_csv.ConvertOptions(column_types={n: pa.dictionary(pa.int32(), pa.string()) for n in names},
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowException, ValueError):
        return None
    if table.num_rows > max_rows or table.num_rows * len(names) > max_cells:
        return None  # the csv path says which bound, and where
    columns = []
    for index in range(len(names)):  # a column's arrow buffers freed before the next is converted
        columns.append(_python_column(table.column(0)))
        table = table.remove_column(0)
    return header, columns


def _python_column(column) -> list[str]:
    """One dictionary-encoded column as a list of ``str``: each distinct text made once, and one object for
    equal texts across the reader's chunks (each chunk has a dictionary of its own)."""
    canonical: dict[str, str] = {}
    result: list[str] = []
    for chunk in column.chunks:
        if not len(chunk):
            continue
        texts = [canonical.setdefault(text, text) for text in chunk.dictionary.to_pylist()]
        indices = chunk.indices
        view = memoryview(indices.buffers()[1]).cast("i")  # int32 indices, as the reader was asked
        result.extend(map(texts.__getitem__, view[indices.offset:indices.offset + len(indices)]))
    return result


def _pool(pa):
    """jemalloc returning freed pages at once (decay 0); else the system allocator. pyarrow's default
    (mimalloc) keeps ~90 MiB of a million-row table's buffers after they are freed."""
    try:
        pool = pa.jemalloc_memory_pool()
        pa.jemalloc_set_decay_ms(0)
        return pool
    except (NotImplementedError, AttributeError, pa.ArrowException):
        return pa.system_memory_pool()
