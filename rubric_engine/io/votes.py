"""Votes (``votes.csv``/``.xlsx``/``.parquet``): tallies per entry and category, or a raw log.

A raw log (it has a ``voter`` column) is put into DuckDB as the table ``raw_log`` and
counted by the votes layer (``rubric_engine.votes``). A UTF-8 CSV or a parquet file is
read by DuckDB itself; a GBK CSV, an xlsx workbook, or a CSV whose records do not sit one
per line (blank lines, quoted line breaks) is read by the project's reader and handed
over as Arrow, so its errors are the same, row for row.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Callable

from ..errors import DataInputError, Location, ProblemList, did_you_mean
from ..limits import limit, raise_message
from ..language.wording import Joined
from ..messages import Message
from ..rubric.model import Rubric
from .columns import Columns, map_headers, row_order
from .tables import Table, _headers, cell_text, sniff_delimiter
from .values import choice, whole_number
from .vote_keys import fold_log_keys

VOTE_COLUMNS = {"entry": "作品编号", "votes": "票数", "category": "类别", "voter": "投票人",
                "time": "投票时间", "ip": "IP", "device": "设备"}


def read_votes(table: Table, rubric: Rubric, entry_ids: set[str], problems: ProblemList) -> dict:
    """``{(entry, category): votes}``; every problem goes to ``problems``, row by row."""
    cols = map_headers(table, VOTE_COLUMNS, problems, required=("entry",))
    if not cols.has("entry") or not len(cols):
        return {}
    local = ProblemList()
    if not cols.has("votes"):
        problems.add("error", "data.column:votes", Location(str(table.path), 1))
        return {}
    else:
        tallies = _tallies(cols, rubric, entry_ids, local)
    local.problems.sort(key=row_order)
    problems.extend(local.problems)
    return tallies


def _targets(cols: Columns, rubric: Rubric, entry_ids: set[str], p: ProblemList) -> tuple[list, list]:
    """Each row's entry (None where unknown) and category (None where unknown), errors located."""
    categories = {}
    for category in rubric.voting.categories:
        categories[category.id] = category.id
        categories[category.label] = category.id
    default = rubric.voting.default_category
    entries = cols.texts("entry")
    if cols.has("category"):
        parsed = cols.parse("category", lambda cell: choice(cell, Message("data.what.vote_category"), categories),
                            ProblemList())
        category_of = [default if c is None and not t else c for c, t in zip(parsed, cols.texts("category"))]
    else:
        category_of = [default] * len(cols)
    unknown = [row for row, entry in enumerate(entries) if entry not in entry_ids]
    for row in unknown:
        entry = entries[row]
        p.error(Message("data.unknown:entry", entry=entry) if entry else Message("data.missing:entry"),
                cols.location(row, "entry"), code="data.unknown", hint=did_you_mean(entry, entry_ids))
        entries[row] = None
    for row, category in enumerate(category_of):
        if category is None and entries[row] is not None:
            choice_error(cols, row, categories, p)
    return entries, category_of


def choice_error(cols: Columns, row: int, categories: dict, p: ProblemList) -> None:
    from .values import CellError

    try:
        choice(cols.cell(row, "category"), Message("data.what.vote_category"), categories)
    except CellError as exc:
        p.problems.append(exc.problem)


def _tallies(cols: Columns, rubric: Rubric, entry_ids: set[str], p: ProblemList) -> dict:
    entries, category_of = _targets(cols, rubric, entry_ids, p)
    labels = {category.id: category.label for category in rubric.voting.categories}
    what = Message("data.what.votes")
    counts = cols.parse("votes", lambda cell: whole_number(cell, what), ProblemList(), skip_blank=False)
    if None not in entries and None not in category_of and None not in counts:  # the common case, in bulk
        tallies = dict(zip(zip(entries, category_of), counts))
        if len(tallies) == len(counts):  # no (entry, category) twice
            return tallies
    tallies, first = {}, {}
    for row, (entry, category, count) in enumerate(zip(entries, category_of, counts)):
        if entry is None or category is None:
            continue
        if count is None:
            try:
                whole_number(cols.cell(row, "votes"), what)
            except Exception as exc:  # CellError: located at this row
                p.problems.append(exc.problem)
            continue
        key = (entry, category)
        if key in first:
            p.add("error", "data.duplicate:votes", cols.location(row, "entry"), entry=entry,
                  category=labels[category], first=first[key])
            continue
        first[key] = cols.table.lines[row]
        tallies[key] = count
    return tallies




# --- raw logs ------------------------------------------------------------------------

LOG_COLUMNS = ("entry", "category", "voter", "time", "ip", "device")
WHITESPACE = " \t\r\n\x0b\x0c\u3000\u00a0"
CHUNK = 8 * 1024 * 1024


class VoteLog:
    """A raw vote log in DuckDB (``raw_log``: line and the texts of ``LOG_COLUMNS``), kept after counting."""

    def __init__(self, connection, path: Path):
        self.connection, self.path = connection, path

    def relation(self):
        return self.connection.table("raw_log")

    def arrow(self):
        return self.connection.sql("SELECT * FROM raw_log ORDER BY line").to_arrow_table()


def read_vote_file(path: Path, rubric: Rubric, entry_ids: set[str], problems: ProblemList,
                   read_table: Callable[[Path], Table], inputs: dict[str, str], reinstated: tuple = ()):
    """``(tallies, count)``: a tallies table as today (count None), or a raw log counted in SQL
    (``reinstated``: the votes_reinstated rows, io/reinstated.py)."""
    suffix = path.suffix.lower()
    log = None
    if suffix in (".csv", ".parquet"):
        log = _duckdb_log(path, problems, inputs)
    if log is None:
        table = read_table(path)
        cols = map_headers(table, VOTE_COLUMNS, ProblemList())
        if not cols.has("voter"):
            if reinstated:
                problems.add("warning", "votes.reinstated:tallies", Location(str(path)))
            return read_votes(table, rubric, entry_ids, problems), None
        log = _table_log(table, problems)
        if log is None:
            return {}, None
    from ..votes.count import count_votes
    from ..votes.engines import DuckEngine

    count = count_votes(DuckEngine(log.connection), rubric, entry_ids, reinstated)
    count.log = log
    report_counted(count, rubric, str(path), problems)
    return count.tallies(), count


def report_counted(count, rubric: Rubric, path: str, problems: ProblemList) -> None:
    """Warnings: the malformed rows (the first 10, then how many more), the repeated and outside votes."""
    location = Location(path)
    if count.malformed:
        rows = Joined(str(line) for line, _ in count.malformed_rows)
        kinds = Joined(sorted({Message("votes.problem." + problem) for _, problem in count.malformed_rows},
                              key=lambda m: m.code))
        more = count.malformed - len(count.malformed_rows)
        if more:
            problems.add("warning", "votes.malformed:more", location, count=count.malformed, rows=rows, kinds=kinds,
                         more=more)
        else:
            problems.add("warning", "votes.malformed", location, count=count.malformed, rows=rows, kinds=kinds)
    outside = sum(v.outside for v in count.keys.values())
    repeated = sum(v.duplicates for v in count.keys.values())
    voting = rubric.voting
    if outside:
        problems.add("warning", "data.votes_outside", location, count=outside, opens=voting.opens or "",
                     closes=voting.closes or "")
    if repeated:
        problems.add("warning", "data.votes_repeated", location, count=repeated,
                     per=Joined(Message("data.vote_key." + name) for name in voting.one_vote_per))


def _stream(path: Path) -> tuple[str, int, bool, bytes]:
    """sha256, newline count, whether the file ends with one, and its first bytes (one pass)."""
    digest, lines, last, head = hashlib.sha256(), 0, b"", b""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            lines += chunk.count(b"\n")
            if not head:
                head = chunk[: limit("MAX_LINE_BYTES") + 1]
            last = chunk[-1:]
    return digest.hexdigest(), lines, last == b"\n", head


def _connect():
    import duckdb

    from .duck_memory import bound

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")  # never a bar on stdout
    bound(con)  # a capped memory, spilling beyond it (io/duck_memory.py)
    return con


def _duckdb_log(path: Path, problems: ProblemList, inputs: dict[str, str]) -> VoteLog | None:
    """The log read by DuckDB, or None: not a raw log, or a file for the project's reader.

    DuckDB is imported only once the file is known to be a raw log (a voter column): a table of
    tallies, the common case, costs no DuckDB start-up."""
    try:
        size = path.stat().st_size
    except OSError:
        return None  # the project's reader says why
    if not path.is_file() or size == 0:
        return None
    cap = limit("MAX_VOTE_LOG_BYTES")
    if size > cap:
        raise DataInputError.of("data.limit:bytes", Location(str(path)), size=size, cap=cap,
                                more=raise_message("MAX_VOTE_LOG_BYTES"))
    parquet = path.suffix.lower() == ".parquet"
    if parquet:
        import duckdb

        con = _connect()
        sha, source, headers = _sha256(path), None, None
        try:
            headers = [row[0] for row in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()]
        except duckdb.Error as exc:
            raise DataInputError.of("votes.parquet", Location(str(path)), detail=str(exc).splitlines()[0]) from None
    else:
        sha, newlines, ends_with_newline, head = _stream(path)
        if b"\x00" in head:
            return None
        try:
            text = head.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
                return None  # GBK or broken: the project's reader decides
            text = head[: exc.start].decode("utf-8-sig")
        first = text.split("\n", 1)[0].rstrip("\r")
        if not first.strip() or '"' in first:
            return None  # blank leading lines or quoted headers: the project's reader
        delimiter = sniff_delimiter(text)
        headers = _headers(path, 1, first.split(delimiter))
    header_table = Table(path, headers, [[] for _ in headers], [], 1)
    cols = map_headers(header_table, VOTE_COLUMNS, ProblemList())
    if not cols.has("voter"):
        return None
    import duckdb

    if not parquet:
        con = _connect()
    local = ProblemList()
    cols = map_headers(header_table, VOTE_COLUMNS, local, required=("entry",))
    problems.extend(local.problems)
    local.raise_if_errors(DataInputError)
    names = [f"c{i}" for i in range(len(headers))]
    if parquet:
        select = ", ".join('CAST("{}" AS VARCHAR) AS c{}'.format(h.replace('"', '""'), i) for i, h in enumerate(headers))
        source = f"SELECT file_row_number + 2 AS line, {select} FROM read_parquet(?, file_row_number = true)"
        params = [str(path)]
    else:
        columns = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
        params = [str(path), delimiter]
    fields = []
    for column in LOG_COLUMNS:
        if cols.has(column):
            fields.append(f"{_trimmed(f'c{cols.index[column]}')} AS {column}")
        else:
            fields.append(f"'' AS {column}")
    try:
        if parquet:
            con.execute(f"CREATE TEMP TABLE raw_log AS SELECT line, {', '.join(fields)} FROM ({source}) AS s", params)
        else:
            # the file's cells trimmed once, in file order (rowid: DuckDB keeps the insertion order);
            # raw_log is a view adding the file row: the texts are held once
            con.execute(f"CREATE TEMP TABLE raw_file AS SELECT {', '.join(fields)} FROM read_csv(?, header = true, "
                        f"auto_detect = false, columns = {columns}, delim = ?, quote = '\"', escape = '\"', "
                        f"null_padding = true, strict_mode = true)", params)
            con.execute(f"CREATE TEMP VIEW raw_log AS SELECT rowid + 2 AS line, {', '.join(LOG_COLUMNS)} FROM raw_file")
    except duckdb.Error:
        con.close()
        if parquet:
            raise
        return None  # invalid UTF-8 further on, a ragged row, a broken quote: the project's reader locates it
    (records,), = con.execute("SELECT count(*) FROM raw_log").fetchall()
    if not parquet and records + 1 != newlines + (0 if ends_with_newline else 1):
        con.close()
        return None  # blank lines or line breaks inside fields: rows would be misnumbered
    if records > limit("MAX_VOTE_LOG_ROWS"):
        cap = limit("MAX_VOTE_LOG_ROWS")
        raise DataInputError.of("data.limit:rows", Location(str(path), cap + 2), cap=cap, line=cap + 2,
                                more=raise_message("MAX_VOTE_LOG_ROWS"))
    if not records:
        problems.add("warning", "data.empty:rows", Location(str(path)))
    inputs[path.name] = sha
    fold_log_keys(con, path, problems, "raw_log" if parquet else "raw_file")
    return VoteLog(con, path)


def _trimmed(column: str) -> str:
    """``column`` without leading or trailing WHITESPACE; trimmed only where its first or last
    character is one (a trim by a set of characters costs ~3× reading the cell; most have none)."""
    cell = f"coalesce({column}, '')"
    chars = ", ".join(f"'{ch}'" for ch in WHITESPACE)
    return (f"CASE WHEN left({cell}, 1) IN ({chars}) OR right({cell}, 1) IN ({chars}) "
            f"THEN trim({cell}, '{WHITESPACE}') ELSE {cell} END")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _table_log(table: Table, problems: ProblemList) -> VoteLog | None:
    """A log read by the project's reader (GBK CSV, xlsx, unusual layout), handed to DuckDB as Arrow."""
    import pyarrow as pa

    local = ProblemList()
    cols = map_headers(table, VOTE_COLUMNS, local, required=("entry",))
    problems.extend(local.problems)
    if not cols.has("entry"):
        return None
    if len(table) > limit("MAX_VOTE_LOG_ROWS"):
        cap = limit("MAX_VOTE_LOG_ROWS")
        raise DataInputError.of("data.limit:rows", Location(str(table.path), table.lines[cap]), cap=cap,
                                line=table.lines[cap], more=raise_message("MAX_VOTE_LOG_ROWS"))
    arrays = {"line": pa.array(table.lines, type=pa.int64())}
    for column in LOG_COLUMNS:
        if column == "time" and cols.has("time"):
            values = [v.isoformat(sep=" ") if isinstance(v, dt.datetime) else
                      v.isoformat() if isinstance(v, dt.date) else cell_text(v) for v in cols.raw("time")]
        else:
            values = cols.texts(column)
        arrays[column] = pa.array(values, type=pa.string())
    con = _connect()
    con.register("raw_log_arrow", pa.table(arrays))
    con.execute("CREATE TEMP TABLE raw_log AS SELECT * FROM raw_log_arrow")
    con.unregister("raw_log_arrow")
    fold_log_keys(con, table.path, problems)
    return VoteLog(con, table.path)
