"""How much memory DuckDB may hold while a raw vote log is counted, and where it spills beyond.

DuckDB's own default is 80 % of the machine, so a 10-million-row log held every stage of the
count in memory (≈ 3.8 GiB). Here the cap is ``VOTE_MEMORY`` (limits.py, 1.5 GiB by default,
raised from the environment: ``RUBRIC_VOTE_MEMORY``; the process peaks ≈ 350 MiB above it) or half the machine, whichever is less;
past it DuckDB writes its blocks to a private temporary folder (removed at exit) instead of
failing. Counts are the same either way: only where the bytes wait changes.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from ..limits import limit

_FOLDER: list[str] = []  # one spill folder per process, made on first use


def machine_memory() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None


def memory_cap() -> int:
    machine = machine_memory()
    cap = limit("VOTE_MEMORY")
    return min(cap, machine // 2) if machine else cap


def spill_folder() -> str:
    if not _FOLDER:
        folder = tempfile.mkdtemp(prefix="rubric-votes-spill-")
        atexit.register(shutil.rmtree, folder, True)
        _FOLDER.append(folder)
    return _FOLDER[0]


def bound(con) -> None:
    """Cap ``con``'s memory and let it spill to the process's temporary folder."""
    con.execute(f"SET memory_limit = '{memory_cap() // (1024 * 1024)}MiB'")
    folder = spill_folder().replace("'", "''")
    con.execute(f"SET temp_directory = '{folder}'")
