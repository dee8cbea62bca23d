"""Small copies of the bundled example (a few entries' rows and folders), and how to check them."""
from __future__ import annotations

import csv
import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import EXAMPLE, RUBRIC_2018, write_csv

ENTRIES = ("E001", "E002", "E004", "E005")  # articles and a video; E005 has a manual verdict
PAST = time.time() - 86400  # copied files are a day old: nothing is "changing right now"


def copy_example(target: Path, ids=ENTRIES) -> Path:
    """The example's tables cut down to ``ids``, and those entries' submission folders."""
    from rubric_engine.inspect.folder import locate

    target.mkdir(parents=True)
    rows = {}
    for name in ("entries.csv", "scores.csv", "votes.csv", "checks.csv", "units.csv"):
        with open(EXAMPLE / name, encoding="utf-8-sig", newline="") as stream:
            rows[name] = list(csv.reader(stream))
    entries = [r for r in rows["entries.csv"][1:] if r[0] in ids]
    units = {r[2] for r in entries}
    for name, table in rows.items():
        column = 0 if name in ("entries.csv", "units.csv") else table[0].index("作品编号")
        wanted = units if name == "units.csv" else set(ids)
        write_csv(target / name, [table[0], *[r for r in table[1:] if r[column] in wanted]])
    for row in entries:
        entry = SimpleNamespace(id=row[0], title=row[1], unit=row[2], participants=row[3], folder=None)
        folder, _ = locate(EXAMPLE / "submissions", entry)
        shutil.copytree(folder, target / "submissions" / folder.name)
    for path in target.rglob("*"):
        os.utime(path, (PAST, PAST))
    return target


@pytest.fixture
def small_example(tmp_path) -> Path:
    return copy_example(tmp_path / "data")


def library_run(data_folder: Path, rubric: Path = RUBRIC_2018, **cache_options):
    """Check ``data_folder`` through the library: (verdicts, the cache with its stats)."""
    from rubric_engine.checking import VerdictCache, run_checks
    from rubric_engine.io.data import read_data
    from rubric_engine.session import load_rubric

    loaded = load_rubric(rubric, lint=False)
    data = read_data(data_folder, loaded.rubric)
    cache = VerdictCache(data.folder, **cache_options)
    return run_checks(loaded.rubric, data, cache=cache, jobs=1), cache


def folder_of(data_folder: Path, entry_id: str) -> Path:
    """The submission folder of ``entry_id`` in a copy made by :func:`copy_example`."""
    from rubric_engine.inspect.folder import locate

    with open(data_folder / "entries.csv", encoding="utf-8", newline="") as stream:
        row = next(r for r in csv.reader(stream) if r[0] == entry_id)
    entry = SimpleNamespace(id=row[0], title=row[1], unit=row[2], participants=row[3], folder=None)
    return locate(data_folder / "submissions", entry)[0]
