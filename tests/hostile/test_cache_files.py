"""The verdict cache as hostile input (issue 18 items 3, 5, 9, 18, 19, 10, 20, 21).

The cache is warmed once for the module (one cold run of a one-entry and a four-entry copy
of the example); each test works on a copy of that warm folder (copy2 keeps the times, so
the copy's cache is warm too).
"""
from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from rubric_engine.checking.cache import CACHE_DIR
from tests.checking.conftest import copy_example, library_run
from tests.conftest import RUBRIC_2018


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    data = copy_example(tmp_path_factory.mktemp("warm") / "data")
    _, cache = library_run(data)
    assert cache.stats.stored == 4
    return data


@pytest.fixture
def data(warm, tmp_path) -> Path:
    return Path(shutil.copytree(warm, tmp_path / "data", symlinks=True))


def cache_files(data: Path) -> list[Path]:
    return sorted((data / CACHE_DIR).glob("*.json"))


# --- item 3: a linked cache folder; pruning ----------------------------------------------

def test_a_linked_cache_folder_is_neither_read_nor_written_through(data, tmp_path, cli):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(data / CACHE_DIR, elsewhere)
    (elsewhere / "keep.json").write_text('{"mine": true}', encoding="utf-8")
    before = {p.name: p.read_bytes() for p in elsewhere.iterdir()}
    (data / CACHE_DIR).symlink_to(elsewhere, target_is_directory=True)
    code, out, err = cli("check", RUBRIC_2018, data, "--format", "json")
    assert code == 0, err
    assert "the verdict cache" in err and "is a symbolic link, not a folder" in err
    assert {p.name: p.read_bytes() for p in elsewhere.iterdir()} == before  # nothing written, nothing deleted
    assert (data / CACHE_DIR).is_symlink()


def test_a_cache_folder_that_is_a_file_is_left_alone(data):
    shutil.rmtree(data / CACHE_DIR)
    (data / CACHE_DIR).write_text("a note of the organiser's", encoding="utf-8")
    _, cache = library_run(data)
    assert "is a file, not a folder" in cache.note
    assert (data / CACHE_DIR).read_text(encoding="utf-8") == "a note of the organiser's"


def test_pruning_deletes_only_the_caches_own_files(data):
    folder = data / CACHE_DIR
    ours = cache_files(data)[0]
    stale = folder / ("b" * 24 + ".json")  # a file of ours for an entry no longer in the table
    shutil.copy2(ours, stale)
    other = {"notes.json": b'{"x": 1}', "a" * 24 + ".json": b'{"format": 3, "entry": "E9"}',
             "c" * 24 + ".json": b"not json at all"}
    for name, raw in other.items():
        (folder / name).write_bytes(raw)
    os.symlink(ours, folder / ("d" * 24 + ".json"))  # a link named like ours: not followed, not deleted
    _, cache = library_run(data)
    assert cache.stats.cached == 4
    assert not stale.exists()
    assert {name: (folder / name).read_bytes() for name in other} == other
    assert (folder / ("d" * 24 + ".json")).is_symlink()


# --- item 5: modes ----------------------------------------------------------------------

def test_cache_files_follow_the_umask_and_keep_a_replaced_files_mode(data):
    files = cache_files(data)
    files[0].unlink()  # one entry checked again, its file new
    os.chmod(files[1], 0o640)
    stored = json.loads(files[1].read_text(encoding="utf-8"))
    stored["key"] = "0" * 64  # its key no longer matches: checked again, the file replaced
    files[1].write_text(json.dumps(stored), encoding="utf-8")
    mask = os.umask(0o077)
    try:
        _, cache = library_run(data)
    finally:
        os.umask(mask)
    assert cache.stats.stored == 2
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(files[1].stat().st_mode) == 0o640


# --- item 18: FIFOs, devices, size, nesting -----------------------------------------------

def _one_miss(data: Path) -> str:
    """Run the checks; exactly one entry checked again; the note returned."""
    _, cache = library_run(data)
    assert (cache.stats.cached, cache.stats.checked, cache.stats.stored) == (3, 1, 1)
    return cache.note or ""


def test_a_fifo_cache_file_is_a_miss_with_a_note_and_replaced(data):
    path = cache_files(data)[0]
    path.unlink()
    os.mkfifo(path)  # opening it for reading would wait for a writer for ever
    note = _one_miss(data)
    assert f"cache file {path}" in note and "FIFO" in note
    assert stat.S_ISREG(path.lstat().st_mode)


def test_a_cache_file_linked_to_dev_zero_is_not_read(data):
    path = cache_files(data)[0]
    path.unlink()
    path.symlink_to("/dev/zero")
    note = _one_miss(data)
    assert "symbolic link" in note
    assert not path.is_symlink() and stat.S_ISREG(path.lstat().st_mode)  # the link replaced, not written through


def test_an_oversized_cache_file_is_a_miss(data, monkeypatch):
    path, *others = cache_files(data)
    bound = max(p.stat().st_size for p in cache_files(data))
    path.write_bytes(path.read_bytes() + b" " * bound)  # still valid JSON, and over the bound
    monkeypatch.setenv("RUBRIC_MAX_CACHE_FILE_BYTES", str(bound))
    note = _one_miss(data)
    assert f"more than {bound}" in note and "RUBRIC_MAX_CACHE_FILE_BYTES" in note


def test_a_deeply_nested_cache_file_is_a_miss(data):
    path = cache_files(data)[0]
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert "nests too deeply" in _one_miss(data)


# --- item 9: an edited cache file ---------------------------------------------------------

def test_a_hand_edited_verdict_is_not_served(data):
    verdicts, _ = library_run(data)
    stored = json.loads(cache_files(data)[0].read_text(encoding="utf-8"))
    entry, saved = stored["entry"], next(v for v in stored["verdicts"].values() if v["status"] in ("pass", "fail"))
    check, status = saved["check"], saved["status"]
    saved["status"] = {"pass": "fail", "fail": "pass"}[status]
    cache_files(data)[0].write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    assert verdicts[check][entry].status == status
    again, cache = library_run(data)
    assert again[check][entry].status == status
    assert "edited by hand" in cache.note and cache.stats.checked == 1


# --- items 19 and 10: a bound's review, an incomplete listing -----------------------------

@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """E001 (an article) checked while only one file of its folder may be listed."""
    data = copy_example(tmp_path_factory.mktemp("crowded") / "data", ids=("E001",))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RUBRIC_MAX_FOLDER_FILES", "1")
        first, cache = library_run(data)
        second, again = library_run(data)
    return data, first, cache, second, again


def test_an_incomplete_listing_makes_every_folder_check_review(crowded, cli, monkeypatch):
    data, first, *_ = crowded
    folder_checks = {"submission_format", "photo_size", "article_length", "article_files", "docx_font",
                     "font_body", "signature", "video_file", "video_duration"}
    looked = {check: by_entry["E001"] for check, by_entry in first.items() if check in folder_checks}
    assert len(looked) >= 5
    assert {check: v.status for check, v in looked.items()
            if v.status != "review" and v.reason.key != "checks.only_for"} == {}  # a video check: not for articles
    monkeypatch.setenv("RUBRIC_MAX_FOLDER_FILES", "1")
    code, out, err = cli("check", RUBRIC_2018, data, "--format", "json", "--no-cache")
    grid = {c["check"]: c for c in json.loads(out)["entries"][0]["checks"]}
    assert all(grid[check]["status"] == "review" for check in looked if check != "video_duration")
    assert "more than 1 files" in grid["photo_size"]["reason"]["text"]


def test_a_review_a_bound_caused_is_not_cached(crowded):
    data, first, cache, second, again = crowded
    assert cache.stats.checked == again.stats.checked == 1 and again.stats.cached == 0
    assert second == first
    stored = [json.loads(p.read_text(encoding="utf-8")) for p in cache_files(data)]
    assert all("too_many" not in json.dumps(s) for s in stored)


def test_a_probe_timeout_anywhere_in_a_reason_is_a_bound():
    from rubric_engine.checking.bounds import caused_by_bound
    from rubric_engine.extension import Verdict
    from rubric_engine.language.wording import Joined
    from rubric_engine.messages import Message

    timeout = Message("checks.probe.timeout", seconds="10")
    assert caused_by_bound(Verdict("review", Message("checks.incomplete", reason="x", why=Joined([timeout]))))
    assert caused_by_bound(Verdict("review", timeout))
    assert not caused_by_bound(Verdict("review", Message("checks.probe.error", detail="bad file")))


# --- item 20: --strict-cache on a huge sparse file ----------------------------------------

def test_strict_cache_reads_a_bounded_part_of_a_huge_sparse_file(tmp_path, monkeypatch):
    from rubric_engine.checking import fingerprint

    folder = tmp_path / "entry"
    folder.mkdir()
    (folder / "small.txt").write_bytes(b"hello")
    huge = folder / "huge.mp4"
    with open(huge, "wb") as stream:
        stream.truncate(100 * 1024 ** 3)  # 100 GB, sparse: no block written
    hashed = []
    real = fingerprint.file_sha256
    monkeypatch.setattr(fingerprint, "file_sha256", lambda p: hashed.append(Path(p).name) or real(p))
    reads = []
    real_open = open

    class Counting:
        def __init__(self, stream):
            self.stream = stream

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def read(self, n=-1):
            block = self.stream.read(n)
            reads.append(len(block))
            return block

        def seek(self, *a):
            return self.stream.seek(*a)

    monkeypatch.setattr(fingerprint, "open", lambda p, m="r": Counting(real_open(p, m)), raising=False)
    monkeypatch.setenv("RUBRIC_MAX_STRICT_HASH_BYTES", str(1 << 20))
    state = fingerprint.folder_state(folder, strict=True)
    assert hashed == ["small.txt"]  # the huge one is never hashed whole
    assert sum(reads) <= (1 << 20) + len(b"hello")
    rows = {row[0]: row for row in state.files}
    assert rows["huge.mp4"][3][0] == "head+tail" and rows["small.txt"][3][0] == "sha256"
    monkeypatch.setenv("RUBRIC_MAX_STRICT_FOLDER_BYTES", "3")  # the folder's budget spent: times only
    assert {r[0]: r[3][0] for r in fingerprint.folder_state(folder, strict=True).files} == \
        {"huge.mp4": "time", "small.txt": "time"}


# --- item 21: a cold check is linear in entries --------------------------------------------

def test_a_worker_drops_an_entrys_keys_without_scanning_every_entrys(monkeypatch):
    """Each worker holds every entry's located folder in the shared dict; scanning it per entry
    made the first check of 100 000 entries quadratic."""
    from types import SimpleNamespace

    from rubric_engine.checking import pool
    from rubric_engine.extension import Verdict

    class Counting(dict):
        scanned = 0

        def __iter__(self):
            for key in super().__iter__():
                Counting.scanned += 1
                yield key

    shared = Counting({(f"E{i}", "folder"): None for i in range(1000)})

    def run(entry, params, context):
        context.cache[(entry.id, "listing")] = "parsed"
        return Verdict("pass")

    check = SimpleNamespace(id="c", label="c", type="t", params={}, type_impl=SimpleNamespace(run=run))
    entries = [SimpleNamespace(id=f"E{i}") for i in range(1000)]
    monkeypatch.setattr(pool, "_JOB", ({i: [check] for i in range(1000)}, SimpleNamespace(entries=entries),
                                       SimpleNamespace(cache=shared)))
    for index in range(1000):
        assert pool._entry_verdicts(index)[1]["c"].status == "pass"
    assert Counting.scanned < 1000  # not 1000 per entry
    assert ("E5", "listing") not in shared and len(shared) == 1000
