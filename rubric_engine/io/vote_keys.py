"""The key columns of a raw vote log folded as every other table's keys are (io/keys.py).

A voter id pasted with a zero-width space, or an entry id typed with full-width digits
(``Ｅ００１``), is the same voter or entry to the organiser. The log lives in DuckDB, often
with millions of rows, so folding is done on the distinct non-ASCII spellings only
(``strlen`` counts bytes, ``length`` characters: they differ exactly when a text is not
ASCII) — a log of ASCII keys, the common case, costs one scan and no rewrite."""
from __future__ import annotations

from ..errors import Location
from ..messages import Message
from .keys import escaped, fold_key

KEY_COLUMNS = ("entry", "voter", "ip", "device")


def fold_log_keys(con, path, problems, stored: str = "raw_log") -> None:
    """Rewrite ``raw_log`` with its key columns folded; a warning where two spellings became one key.

    ``stored``: where ``raw_log`` is a view, the table under it (with the same key columns) —
    a stored column knows whether it holds any non-ASCII text (DuckDB keeps that in its
    statistics), so the common check costs next to nothing."""
    wide = " OR ".join(f"strlen({c}) <> length({c})" for c in KEY_COLUMNS)
    (count,), = con.execute(f"SELECT count(*) FROM {stored} WHERE {wide}").fetchall()
    if not count:
        return
    fixes: dict[str, list[tuple[str, str]]] = {}
    for column in KEY_COLUMNS:
        rows = con.execute(f"SELECT DISTINCT {column} FROM raw_log WHERE strlen({column}) <> length({column})")
        pairs = [(text, fold_key(text)) for (text,) in rows.fetchall()]
        pairs = [(text, key) for text, key in pairs if key != text]
        if pairs:
            fixes[column] = pairs
    if not fixes:
        return
    for column, pairs in fixes.items():
        con.execute(f"CREATE TEMP TABLE fold_{column} (text VARCHAR, key VARCHAR)")
        con.executemany(f"INSERT INTO fold_{column} VALUES (?, ?)", pairs)
    _warn_merged(con, path, fixes, problems)
    select = ", ".join(f"coalesce(fold_{c}.key, raw_log.{c}) AS {c}" if c in fixes else f"raw_log.{c}"
                       for c in KEY_COLUMNS)
    joins = " ".join(f"LEFT JOIN fold_{c} ON raw_log.{c} = fold_{c}.text" for c in fixes)
    others = [name for (name,) in con.execute("SELECT column_name FROM (DESCRIBE raw_log)").fetchall()
              if name not in KEY_COLUMNS and name != "line"]
    rest = "".join(f", raw_log.{name}" for name in others)
    con.execute(f"CREATE TEMP TABLE raw_log_folded AS SELECT raw_log.line, {select}{rest} FROM raw_log {joins} "
                f"ORDER BY raw_log.line")
    kind = con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = 'raw_log'").fetchone()
    con.execute("DROP VIEW raw_log" if kind and kind[0] == "VIEW" else "DROP TABLE raw_log")
    con.execute("ALTER TABLE raw_log_folded RENAME TO raw_log")


def _warn_merged(con, path, fixes: dict, problems) -> None:
    """A warning at the row of the second spelling of every key folding merged (as io/keys.py)."""
    for column, pairs in fixes.items():
        by_key: dict[str, list[str]] = {}
        for text, key in pairs:
            by_key.setdefault(key, []).append(text)
        for key, texts in sorted(by_key.items()):
            spellings = [key, *texts]
            placed = con.execute(f"SELECT {column}, min(line) FROM raw_log WHERE {column} IN "
                                 f"({', '.join('?' for _ in spellings)}) GROUP BY {column} ORDER BY 2",
                                 spellings).fetchall()
            if len(placed) < 2:
                continue
            (first, _), *later = placed
            for second, line in later:
                problems.add("warning", "data.key_folded", Location(str(path), line, column_name=column),
                             what=Message(f"data.key_what.{column}"), first=escaped(first),
                             second=escaped(second), key=escaped(key))
