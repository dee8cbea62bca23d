"""Every resource bound of the readers, in one place (docs/limits.md lists them).

A contest that truly needs more raises a bound from the environment, e.g.
``RUBRIC_MAX_TABLE_BYTES=500000000 rubric evaluate ...``. Never from the rubric or the
data: a bound that the hostile input itself could raise bounds nothing.

Each bound is read when it is used (``limit("MAX_TABLE_BYTES")``), so a test or a
long-running host can change the environment without reloading modules.
"""
from __future__ import annotations

import os

from .messages import Message

#: name -> (default, what it bounds). The environment variable is ``RUBRIC_`` + name.
DEFAULTS: dict[str, tuple[int, str]] = {
    # data tables (entries, scores, votes, units, checks)
    "MAX_TABLE_BYTES": (200 * 1024 * 1024, "bytes of one data table file (.csv or .xlsx)"),
    "MAX_TABLE_COLUMNS": (1_000, "columns of one data table"),
    "MAX_TABLE_ROWS": (5_000_000, "rows of one data table"),
    "MAX_TABLE_CELLS": (50_000_000, "cells of one data table (rows × columns)"),
    "MAX_LINE_BYTES": (1024 * 1024, "bytes of one line of a CSV file"),
    # raw vote logs (voter, entry, time …), read by DuckDB: bounds of their own
    "MAX_VOTE_LOG_BYTES": (20 * 1024 * 1024 * 1024, "bytes of a raw vote log (.csv or .parquet)"),
    "MAX_VOTE_LOG_ROWS": (100_000_000, "rows of a raw vote log"),
    "VOTE_MEMORY": (1536 * 1024 * 1024, "bytes DuckDB may hold counting a raw vote log (then it spills to a temporary folder)"),
    # zip packages: .xlsx data tables and .docx/.xlsx submissions
    "MAX_ZIP_MEMBERS": (2_000, "parts inside one zip package"),
    "MAX_ZIP_TOTAL": (200 * 1024 * 1024, "unpacked bytes of all parts of one zip package"),
    "MAX_ZIP_MEMBER": (100 * 1024 * 1024, "unpacked bytes of one part of a zip package"),
    "MAX_ZIP_RATIO": (200, "compression ratio of a part over 1 MB unpacked"),
    "MAX_XLSX_SHARED_STRINGS": (50 * 1024 * 1024, "unpacked bytes of an .xlsx file's shared strings"),
    # the rubric file
    "MAX_RUBRIC_BYTES": (5 * 1024 * 1024, "bytes of the rubric file"),
    "MAX_YAML_DEPTH": (64, "nesting levels of the rubric's YAML"),
    # rubric numbers and expressions
    "MAX_NUMBER_DIGITS": (100, "digits of one number in a rubric or a data cell"),
    "MAX_EXPRESSION_CHARS": (10_000, "characters of one expression (formula, range, condition)"),
    "MAX_EXPRESSION_DEPTH": (100, "nesting depth and terms of one expression"),
    # submission folders
    "MAX_FOLDER_FILES": (500, "files listed in one entry folder"),
    "MAX_FOLDER_DEPTH": (4, "levels of sub-folders listed in one entry folder"),
    "MAX_CACHE_FOLDER_FILES": (10_000, "files and folders of an entry folder the verdict cache fingerprints"),
    "MAX_CACHE_FOLDER_DEPTH": (16, "levels of sub-folders the verdict cache fingerprints"),
    "MAX_CACHE_FILE_BYTES": (16 * 1024 * 1024, "bytes of one verdict cache file (one entry's verdicts)"),
    "MAX_STRICT_HASH_BYTES": (64 * 1024 * 1024, "bytes of one submitted file --strict-cache hashes (a larger one: its head and tail)"),
    "MAX_STRICT_FOLDER_BYTES": (1024 * 1024 * 1024, "bytes --strict-cache hashes in one entry folder (then sizes and times)"),
    "MAX_VERDICTS_BYTES": (1024 * 1024 * 1024, "bytes of a saved verdicts file (--verdicts)"),
    "PROBE_SECONDS": (10, "seconds a probe of one submitted file may run (a rubric's 'seconds' may only lower it)"),
    "PROBE_MEMORY": (1024 * 1024 * 1024, "bytes of address space a probe of one submitted file may add"),
    "WORD_PROBE_SECONDS": (20, "seconds the probe of one Word article may run (it reads fonts and text)"),
    "CHECK_SECONDS": (120, "seconds one check may run on one entry (a contest-wide check: on all of them)"),
    # pages rendered from templates (--template DIR is a user's code of a sort)
    "RENDER_SECONDS": (60, "seconds one page may take to render from its template"),
    "RENDER_MEMORY": (1024 * 1024 * 1024, "bytes of address space rendering one page may add"),
    "MAX_PAGE_BYTES": (100 * 1024 * 1024, "characters of one rendered page"),
    # plugins
    "PLUGIN_IMPORT_SECONDS": (30, "seconds one plugin file may take to load (its import and registration hooks)"),
}


def limit(name: str) -> int:
    """The bound ``name``: ``RUBRIC_<name>`` from the environment if set to a positive integer."""
    default = DEFAULTS[name][0]
    raw = os.environ.get(f"RUBRIC_{name}", "").strip().replace("_", "")
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return default


def raise_hint(name: str) -> str:
    """How to raise the bound ``name``, for a message's hint (in the language current now)."""
    return str(raise_message(name))


def raise_message(name: str) -> Message:
    """How to raise the bound ``name``, rendered when shown (a field of a problem's hint)."""
    return Message("data.limit.raise", variable=f"RUBRIC_{name}", value=limit(name))


def address_space() -> int | None:
    """This process's address space now, in bytes (Linux ``/proc/self/statm``); None where unknown.

    A bound on memory is set as *this plus the allowance*: a process that has loaded large
    libraries (DuckDB, Arrow map gigabytes of address space they never touch) keeps its headroom."""
    import os

    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            return int(stream.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
