"""The verdict cache: a warm run opens no submission file; a change re-checks only its folder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from rubric_engine.checking.cache import FORMAT, _sealed
from tests.checking.conftest import PAST, folder_of, library_run
from tests.conftest import ROOT, RUBRIC_2018, with_language

AUDIT = Path(__file__).with_name("audit_open.py")


def audited(data: Path, *args) -> tuple[str, list[str]]:
    """``rubric ARGS`` in a subprocess: (stdout, the AUDIT lines: files opened under submissions/)."""
    process = subprocess.run([sys.executable, str(AUDIT), str(data / "submissions"), *with_language(args)],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert process.returncode == 0, process.stderr
    return process.stdout, [line for line in process.stderr.splitlines() if line.startswith("AUDIT")]


def test_explain_on_a_warm_cache_opens_no_submission_file(small_example):
    command = ("explain", RUBRIC_2018, small_example, "E001", "--format", "json")
    cold, cold_audit = audited(small_example, *command)
    assert any(line.startswith("AUDIT open") for line in cold_audit)  # the hook sees the probes' opens
    warm, warm_audit = audited(small_example, *command)
    assert warm_audit == []  # no file opened under submissions/, no process started
    assert warm == cold


def test_evaluate_and_check_on_a_warm_cache_open_no_submission_file(small_example, cli):
    assert cli("check", RUBRIC_2018, small_example, "--format", "json")[0] == 0
    for command in ("evaluate", "check"):
        _, audit = audited(small_example, command, RUBRIC_2018, small_example, "--format", "json")
        assert audit == [], command


def test_a_warm_run_gives_what_a_cold_one_gave(small_example, cli):
    cold = cli("check", RUBRIC_2018, small_example, "--format", "json")
    warm = cli("check", RUBRIC_2018, small_example, "--format", "json")
    assert cold[0] == warm[0] == 0
    assert warm[1] == cold[1]


def test_a_changed_file_rechecks_only_its_folder(small_example):
    first, cache = library_run(small_example)
    assert (cache.stats.checked, cache.stats.stored) == (4, 4)
    _, cache = library_run(small_example)
    assert (cache.stats.cached, cache.stats.checked) == (4, 0)
    photo = next(p for p in folder_of(small_example, "E002").iterdir() if p.suffix == ".jpg")
    with open(photo, "ab") as stream:  # a new size and a new date
        stream.write(b"\0" * 1024)
    os.utime(photo, (PAST + 60, PAST + 60))
    again, cache = library_run(small_example)
    assert (cache.stats.cached, cache.stats.checked, cache.stats.stored) == (3, 1, 1)
    assert again == first  # a kilobyte more leaves every verdict as it was
    _, cache = library_run(small_example)
    assert (cache.stats.cached, cache.stats.checked) == (4, 0)


def test_a_file_being_written_now_is_checked_but_not_stored(small_example, monkeypatch):
    """"Now" is ``RACY_NS`` before the run: widened to an hour here and the file dated a minute ago by
    ``os.utime``, so that a loaded machine's slow runs cannot carry it past the bound."""
    from rubric_engine.checking import cache as cache_module

    monkeypatch.setattr(cache_module, "RACY_NS", 3600 * 10**9)
    library_run(small_example)
    new = folder_of(small_example, "E001") / "新文件.txt"
    new.write_text("刚刚写入", encoding="utf-8")
    os.utime(new, (time.time() - 60, time.time() - 60))
    for _ in range(2):
        _, cache = library_run(small_example)
        assert (cache.stats.cached, cache.stats.checked, cache.stats.stored) == (3, 1, 0)
    os.utime(new, (PAST + 60, PAST + 60))  # settled (older than the bound): its folder is stored again
    _, cache = library_run(small_example)
    assert (cache.stats.cached, cache.stats.checked, cache.stats.stored) == (3, 1, 1)


def test_the_entry_row_and_the_check_params_are_in_the_key(small_example, tmp_path):
    library_run(small_example)
    entries = small_example / "entries.csv"
    entries.write_text(entries.read_text(encoding="utf-8").replace("2018-10-08 19:14", "2018-10-09 08:00"),
                       encoding="utf-8")  # E001's submission time
    _, cache = library_run(small_example)
    assert (cache.stats.cached, cache.stats.checked) == (3, 1)
    rubric = tmp_path / "r.yaml"
    text = RUBRIC_2018.read_text(encoding="utf-8")
    assert "min_size: 3 MB" in text
    rubric.write_text(text.replace("min_size: 3 MB", "min_size: 2 MB"), encoding="utf-8")
    verdicts, cache = library_run(small_example, rubric)
    assert (cache.stats.cached, cache.stats.checked) == (0, 4)  # photo_size applies to every entry
    assert "2 MB" in str(verdicts["photo_size"]["E001"].limit)
    rubric.write_text(text.replace("count: 12", "count: 11"), encoding="utf-8")  # not a check: the cache holds
    _, cache = library_run(small_example, rubric)
    assert (cache.stats.cached, cache.stats.checked) == (4, 0)


def test_strict_cache_notices_a_same_size_same_date_change(small_example):
    photo = next(p for p in folder_of(small_example, "E002").iterdir() if p.suffix == ".jpg")

    def rewrite_in_place():
        stat = photo.stat()
        data = bytearray(photo.read_bytes())
        data[-3] ^= 0xFF  # same size, other content
        photo.write_bytes(bytes(data))
        os.utime(photo, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the old date back

    library_run(small_example)
    rewrite_in_place()
    _, cache = library_run(small_example)
    assert (cache.stats.cached, cache.stats.checked) == (4, 0)  # sizes and dates cannot see it
    _, cache = library_run(small_example, strict=True)
    assert (cache.stats.cached, cache.stats.checked) == (0, 4)  # strict keys are other keys
    _, cache = library_run(small_example, strict=True)
    assert (cache.stats.cached, cache.stats.checked) == (4, 0)
    rewrite_in_place()
    _, cache = library_run(small_example, strict=True)
    assert (cache.stats.cached, cache.stats.checked) == (3, 1)


def test_strict_cache_from_the_command_line(small_example, cli):
    code, out, err = cli("check", RUBRIC_2018, small_example, "--format", "json", "--strict-cache")
    assert code == 0, err
    assert cli("check", RUBRIC_2018, small_example, "--format", "json", "--strict-cache")[1] == out
    _, audit = audited(small_example, "check", RUBRIC_2018, small_example, "--format", "json", "--strict-cache")
    assert audit and all(line.startswith("AUDIT open") for line in audit)  # it reads to hash: no probe runs


def _plant(data: Path, verdict: dict) -> list[Path]:
    """Replace every cached photo_size verdict by ``verdict``: what the cache says is then visible."""
    files = sorted((data / ".rubric-cache").glob("*.json"))
    for path in files:
        stored = json.loads(path.read_text(encoding="utf-8"))
        for saved in stored["verdicts"].values():
            if saved["check"] == "photo_size":
                saved.update(verdict)
        stored["sha256"] = _sealed(stored["entry"], stored["key"], stored["verdicts"])  # a forger who reseals
        path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    return files


def _photo_reasons(out: str) -> set[str]:
    return {next(c["reason"]["text"] for c in e["checks"] if c["check"] == "photo_size") for e in json.loads(out)["entries"]}


def test_no_cache_neither_reads_nor_writes(small_example, cli):
    code, cold, _ = cli("check", RUBRIC_2018, small_example, "--format", "json", "--no-cache")
    assert code == 0 and not (small_example / ".rubric-cache").exists()
    cli("check", RUBRIC_2018, small_example, "--format", "json")
    files = _plant(small_example, {"status": "fail", "reason": "来自缓存"})
    planted = {path: path.read_bytes() for path in files}
    assert _photo_reasons(cli("check", RUBRIC_2018, small_example, "--format", "json")[1]) == {"来自缓存"}
    code, out, _ = cli("check", RUBRIC_2018, small_example, "--format", "json", "--no-cache")
    assert out == cold
    assert {path: path.read_bytes() for path in files} == planted
    _, cache = library_run(small_example, enabled=False)
    assert (cache.stats.cached, cache.stats.checked, cache.stats.stored) == (0, 4, 0)


def test_a_corrupt_cache_file_is_ignored_and_rewritten(small_example, cli):
    code, cold, _ = cli("check", RUBRIC_2018, small_example, "--format", "json")
    files = sorted((small_example / ".rubric-cache").glob("*.json"))
    assert len(files) == 4
    files[0].write_bytes(b"\x00\xff not json")
    files[1].write_text("", encoding="utf-8")
    files[2].write_text('{"format": 1, "entry": "E001", "key": 7, "verdicts": [1, 2]}', encoding="utf-8")
    code, out, err = cli("check", RUBRIC_2018, small_example, "--format", "json")
    assert code == 0 and out == cold
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and err.count("not used:") == 2, err  # the other version's file: silently replaced
    for path in files:
        assert json.loads(path.read_text(encoding="utf-8"))["format"] == FORMAT
    _, cache = library_run(small_example)
    assert (cache.stats.cached, cache.stats.checked) == (4, 0)


def test_a_cache_that_cannot_be_written_is_one_note(small_example, cli):
    (small_example / ".rubric-cache").write_text("a file where the cache folder would go", encoding="utf-8")
    code, out, err = cli("check", RUBRIC_2018, small_example, "--format", "json")
    assert code == 0 and json.loads(out)["entries"]
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and notes[0].startswith("note: the verdict cache") and "checked without it" in notes[0]
    code, again, err = cli("check", RUBRIC_2018, small_example, "--format", "json", "--no-cache")
    assert again == out and "note:" not in err


def test_the_readers_ignore_the_cache(small_example, cli):
    from rubric_engine.inspect.folder import list_folder, submission_folders
    from rubric_engine.io.data import read_data
    from rubric_engine.session import load_rubric

    rubric = load_rubric(RUBRIC_2018, lint=False).rubric
    before = read_data(small_example, rubric)
    folders = submission_folders(small_example / "submissions")
    listings = [list_folder(path) for path, _ in folders]
    cli("check", RUBRIC_2018, small_example, "--format", "json")
    assert (small_example / ".rubric-cache").is_dir()
    after = read_data(small_example, rubric)
    assert after.inputs == before.inputs and after.entries == before.entries
    assert submission_folders(small_example / "submissions") == folders
    assert [list_folder(path) for path, _ in folders] == listings
    assert not any(".rubric-cache" in str(p) for p in (small_example / "submissions").rglob("*"))


def test_entries_that_left_the_table_leave_the_cache(small_example, cli):
    cli("check", RUBRIC_2018, small_example, "--format", "json")
    entries = small_example / "entries.csv"
    entries.write_text("\n".join(line for line in entries.read_text(encoding="utf-8").splitlines()
                                 if not line.startswith("E004")) + "\n", encoding="utf-8")
    for name in ("scores.csv", "votes.csv", "checks.csv"):
        table = small_example / name
        table.write_text("\n".join(line for line in table.read_text(encoding="utf-8").splitlines()
                                   if ",E004," not in line and not line.startswith("E004")) + "\n",
                         encoding="utf-8")
    assert cli("check", RUBRIC_2018, small_example, "--format", "json")[0] == 0
    assert len(list((small_example / ".rubric-cache").glob("*.json"))) == 3


def test_a_builtin_check_is_keyed_by_the_readers_it_uses_too(tmp_path):
    """Editing only rubric_engine/inspect/ (say, the word counter) must not serve old verdicts:
    the built-in file checks declare it (``CheckType.fingerprint``), the cache key holds it."""
    import shutil

    from rubric_engine.builtins import file_checks
    from rubric_engine.checking import fingerprint

    types = []
    file_checks.register_checks(register=types.append)
    assert all(t.fingerprint is file_checks.readers_fingerprint for t in types)
    identity = fingerprint.plugin_identity(types[0])
    assert identity["declared"] == file_checks.readers_fingerprint() and len(identity["declared"]) >= 32
    copy = shutil.copytree(file_checks.READERS, tmp_path / "inspect")
    assert file_checks.readers_fingerprint(copy) == identity["declared"]
    (copy / "wordcount.py").write_text((copy / "wordcount.py").read_text(encoding="utf-8") + "\n# edited\n",
                                       encoding="utf-8")
    assert file_checks.readers_fingerprint.__wrapped__(copy) != identity["declared"]  # not the cached digest


def test_the_pool_preloads_what_the_planned_check_types_declare():
    """No module list in the pool: each check type names the readers to import before the fork."""
    from types import SimpleNamespace

    from rubric_engine import CheckType
    from rubric_engine.builtins import file_checks
    from rubric_engine.checking.pool import _preload

    sys.modules.pop("colorsys", None)
    check = SimpleNamespace(type_impl=CheckType("p", lambda *a: None, needs_files=True, preload=("colorsys",)))
    _preload({0: [check]})
    assert "colorsys" in sys.modules
    types = {}
    file_checks.register_checks(register=lambda t: types.setdefault(t.name, t))
    assert types["photo_size"].preload == ("PIL.Image",) and types["folder_name"].preload == ()
