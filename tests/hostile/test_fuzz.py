"""Fuzzing the expression parser and the table reader: only the project's own errors escape.

Hypothesis generates the inputs; a failure prints the smallest one. Kept small (a few
seconds): the corpus of known-hostile files lives in the other tests of this folder.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rubric_engine.errors import ExpressionError, RubricEngineError
from rubric_engine.io.tables import read_table
from rubric_engine.language import Dimension, compile_formula, compile_range, compile_rank_table

NAMES = {"experts": Dimension.NUMBER, "audience": Dimension.NUMBER, "online.votes": Dimension.NUMBER}
PIECES = ["experts", "audience", "online.votes", "1", "0", "0.5", "70%", "3 MB", "4 min", "(", ")", "+", "-",
          "*", "/", "..", "->", ";", "min(", "max(", "abs(", ",", " ", "1" * 120, "é", "\x00", "\n", "9" * 5]
expressions = st.one_of(st.text(max_size=60), st.lists(st.sampled_from(PIECES), max_size=40).map("".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions)
def test_the_expression_compiler_raises_only_located_expression_errors(text):
    for compile_one in (lambda t: compile_formula(t, NAMES), compile_range, compile_rank_table):
        try:
            compiled = compile_one(text)
        except ExpressionError as exc:
            assert exc.line >= 1 and exc.column >= 1
            continue
        if hasattr(compiled, "fn"):
            try:
                compiled({name: 0 for name in NAMES})
            except ZeroDivisionError:  # a data-dependent divisor: the rubric loader locates it
                pass


CSV_PIECES = [b"id", b",", b";", b"\t", b'"', b"\n", b"\r\n", b"\r", b"E1", b"\xef\xbb\xbf", b"\xd5\xd5",
              b"\xff", b"\x00", b"  ", b"=1+1", b"85.5", "作品".encode(), "作品".encode("gbk"), b"x" * 300]
tables = st.one_of(st.binary(max_size=200), st.lists(st.sampled_from(CSV_PIECES), max_size=60).map(b"".join))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables, st.sampled_from([".csv", ".xlsx"]))
def test_the_table_reader_raises_only_located_data_errors(raw, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"votes{suffix}"
        path.write_bytes(raw)
        try:
            table = read_table(path)
        except RubricEngineError as exc:
            assert all(p.location is not None and p.location.file == str(path) for p in exc.problems)
            return
        assert all(len(column) == len(table) for column in table.columns)


# --- cache and verdicts files (issue 18): only a miss with a note, or a located error ---------

JSON_PIECES = [b"{", b"}", b"[", b"]", b'"format"', b'"kind"', b'"rubric-engine verdict cache"', b"3", b":", b",",
               b'"verdicts"', b'"entry"', b'"E1"', b'"key"', b'"sha256"', b'"status"', b'"pass"', b"null",
               b"\xff", b"[" * 3000, b"1e999999", b'"\\ud800"', b" "]
json_files = st.one_of(st.binary(max_size=200), st.lists(st.sampled_from(JSON_PIECES), max_size=50).map(b"".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_files)
def test_a_cache_file_of_any_bytes_is_at_most_a_miss(raw):
    from rubric_engine.checking.cache import VerdictCache

    with tempfile.TemporaryDirectory() as folder:
        cache = VerdictCache(Path(folder))
        cache.folder.mkdir()
        path = cache.folder / ("a" * 24 + ".json")
        path.write_bytes(raw)
        assert cache._read(path, "E1") is None  # no key of this run can match bytes made up here


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_files)
def test_a_verdicts_file_of_any_bytes_is_a_located_error(raw):
    from types import SimpleNamespace

    from rubric_engine.checking.saved import load_verdicts

    rubric = SimpleNamespace(source=None, sha256="0" * 64, checks=[])
    data = SimpleNamespace(folder=None, entries=[], submissions=None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "verdicts.json"
        path.write_bytes(raw)
        try:
            load_verdicts(path, rubric, data)
        except RubricEngineError as exc:
            assert all(p.location is not None and p.location.file == str(path) for p in exc.problems)
            return
        raise AssertionError("made-up bytes were taken for verdicts")
