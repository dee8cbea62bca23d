"""Issue 18, item 21: the first (cold) check does the same work per entry however many entries
there are. Counted, never timed: ``submissions/`` is listed once, and finding an entry's own
folder does not walk the list of every folder (a walk per entry made the cold check quadratic)."""
from __future__ import annotations

import json
import os

import pytest

from rubric_engine.inspect import folder as folder_module
from rubric_engine.samples import write_many_entries
from tests.checking.conftest import PAST
from tests.conftest import RUBRIC_2018


def contest(root, count: int):
    """``count`` entries of 图文, each with its own exactly named folder of one small text file."""
    return write_many_entries(root, count, units=3, mtime=PAST)


def counted_run(data, monkeypatch):
    """Check ``data`` through the library on a cold cache: (how many times ``submissions/`` was
    listed, how many folder rows were walked in all, the verdicts, the cache)."""
    from tests.checking.conftest import library_run

    counts = {"listed": 0, "walked": 0}
    real_scandir, real_listdir, real_iter = os.scandir, os.listdir, folder_module.SubmissionFolders.__iter__
    submissions = os.fspath(data / "submissions")

    def listing(real):
        def list_it(path="."):
            if os.fspath(path).rstrip("/") == submissions:
                counts["listed"] += 1
            return real(path)
        return list_it

    def walk(self):
        for row in real_iter(self):
            counts["walked"] += 1
            yield row

    monkeypatch.setattr(os, "scandir", listing(real_scandir))  # Path.iterdir lists with os.listdir
    monkeypatch.setattr(os, "listdir", listing(real_listdir))
    monkeypatch.setattr(folder_module.SubmissionFolders, "__iter__", walk)
    verdicts, cache = library_run(data)
    monkeypatch.undo()
    return counts, verdicts, cache


@pytest.mark.parametrize("count", [3, 24])
def test_the_cold_check_lists_submissions_once_and_walks_each_folder_a_fixed_number_of_times(
        tmp_path, monkeypatch, count):
    data = contest(tmp_path, count)
    counts, verdicts, cache = counted_run(data, monkeypatch)
    assert counts["listed"] == 1
    # building the name index walks the folders once; each entry's look-up then walks none
    # (the quadratic version walked up to every folder for every entry: 24 entries, ~300 rows)
    assert counts["walked"] == count
    assert (cache.stats.checked, cache.stats.stored) == (count, count)
    naming = verdicts["naming"]  # every entry was found in its own folder, none guessed
    assert len(naming) == count and {v.status for v in naming.values()} == {"pass"}


def test_a_warm_rerun_of_many_entries_serves_every_one_from_the_cache(tmp_path, monkeypatch, cli):
    data = contest(tmp_path, 24)
    code, cold, err = cli("check", RUBRIC_2018, data, "--format", "json")
    assert code == 0, err
    counts, _, cache = counted_run(data, monkeypatch)
    assert (cache.stats.cached, cache.stats.checked, cache.stats.stored) == (24, 0, 0)
    assert counts["listed"] == 1
    code, warm, _ = cli("check", RUBRIC_2018, data, "--format", "json")
    assert warm == cold
    found = {e["id"]: {c["check"]: c["status"] for c in e["checks"]} for e in json.loads(warm)["entries"]}
    assert len(found) == 24 and all(checks["naming"] == "pass" for checks in found.values())
