"""A saved verdicts file (`--verdicts`) as hostile input (issue 18 items 8, 9, 18).

One `rubric check --output verdicts.json` for the module; each test copies it and the data.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.checking.conftest import copy_example
from tests.conftest import RUBRIC_2018


@pytest.fixture(scope="module")
def saved_once(tmp_path_factory):
    from typer.testing import CliRunner

    from rubric_engine.cli import app
    from tests.conftest import with_language

    root = tmp_path_factory.mktemp("saved")
    data = copy_example(root / "data")
    path = root / "verdicts.json"
    result = CliRunner().invoke(app, with_language(["check", RUBRIC_2018, data, "--output", path, "--no-cache"]),
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    fresh = CliRunner().invoke(app, with_language(["evaluate", RUBRIC_2018, data, "--format", "json", "--no-cache"]),
                               catch_exceptions=False)
    return SimpleNamespace(data=data, path=path, fresh=json.loads(fresh.stdout))


@pytest.fixture
def saved(saved_once, tmp_path):
    data = Path(shutil.copytree(saved_once.data, tmp_path / "data"))
    path = tmp_path / "verdicts.json"
    shutil.copy(saved_once.path, path)
    return SimpleNamespace(data=data, path=path, fresh=saved_once.fresh)


def evaluate(cli, saved, *options):
    return cli("evaluate", RUBRIC_2018, saved.data, "--format", "json", "--verdicts", saved.path, *options)


def refused(cli, saved, *expected):
    code, out, err = evaluate(cli, saved)
    assert code == 1 and out == "", err
    assert err.startswith(f"{saved.path}:") and "Traceback" not in err
    assert f"hint: write it again: rubric check {RUBRIC_2018} {saved.data} --output {saved.path}" in err
    for text in expected:
        assert text in err, err
    return err


# --- item 18: not a regular file, too large, too deep ------------------------------------

def test_a_fifo_is_refused_without_waiting_for_a_writer(saved, cli):
    saved.path.unlink()
    os.mkfifo(saved.path)
    refused(cli, saved, "is a FIFO", "not a regular file")


def test_a_link_to_dev_zero_is_refused_before_reading(saved, cli):
    saved.path.unlink()
    saved.path.symlink_to("/dev/zero")
    refused(cli, saved, "not a regular file")


def test_a_verdicts_file_over_the_bound_is_refused(saved, cli, monkeypatch):
    monkeypatch.setenv("RUBRIC_MAX_VERDICTS_BYTES", "1000")
    size = saved.path.stat().st_size
    refused(cli, saved, f"is {size} bytes", "RUBRIC_MAX_VERDICTS_BYTES")


def test_deeply_nested_json_is_a_clear_error(saved, cli):
    saved.path.write_text('{"verdicts": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    refused(cli, saved, "nests its JSON too deeply")


# --- item 9: edits ------------------------------------------------------------------------

def _document(saved) -> dict:
    return json.loads(saved.path.read_text(encoding="utf-8"))


def _write(saved, document: dict, reseal: bool = False) -> None:
    if reseal:  # someone who recomputes the sha256 on purpose
        from rubric_engine.checking.saved import seal

        document["verdicts_sha256"] = seal(document["rubric_sha256"], document["rows_sha256"], document["verdicts"])
    saved.path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def test_a_verdict_edited_by_hand_is_refused(saved, cli):
    document = _document(saved)
    passing = [(c, e) for c, by_entry in document["verdicts"].items() for e, v in by_entry.items()
               if v["status"] == "pass" and c in ("photo_size", "article_length", "docx_font", "signature", "format")]
    check, entry = passing[0]
    document["verdicts"][check][entry]["status"] = "fail"  # or the other way round: any edit
    _write(saved, document)
    refused(cli, saved, "was changed after rubric check wrote it")


def test_a_file_without_its_seal_is_refused(saved, cli):
    document = _document(saved)
    del document["verdicts_sha256"]
    _write(saved, document)
    refused(cli, saved, "carries no verdicts_sha256")


def test_forged_table_and_manual_verdicts_are_not_used(saved, cli):
    """Even resealed, the verdicts of the checks that need only the tables (the deadline) and of
    the manual checks (a `fail` without a checks.csv row) come from running them now."""
    document = _document(saved)
    forged = {"status": "fail", "reason": {"code": "checks.literal", "fields": {"text": "forged"}},
              "measured": None, "limit": None}
    for check in ("deadline", "work_photo", "team_photo"):
        if check in document["verdicts"]:
            for entry in document["verdicts"][check]:
                document["verdicts"][check][entry] = forged
    _write(saved, document, reseal=True)
    code, out, err = evaluate(cli, saved)
    assert code == 0, err
    result = json.loads(out)
    assert result.pop("verdicts_file")["sha256"] == hashlib.sha256(saved.path.read_bytes()).hexdigest()
    assert result == saved.fresh
    assert '"forged"' not in out


def test_the_verdicts_file_is_named_in_the_json_and_the_audit_page(saved, cli, tmp_path):
    audit = tmp_path / "audit.html"
    code, out, err = evaluate(cli, saved, "--audit", audit)
    assert code == 0, err
    sha = hashlib.sha256(saved.path.read_bytes()).hexdigest()
    assert json.loads(out)["verdicts_file"] == {"path": str(saved.path), "sha256": sha}
    page = audit.read_text(encoding="utf-8")
    assert str(saved.path) in page and sha in page


def test_the_cache_is_named_in_the_audit_page_when_it_served(saved, cli, tmp_path):
    assert cli("check", RUBRIC_2018, saved.data, "--format", "json")[0] == 0  # warms the cache
    audit = tmp_path / "audit.html"
    code, out, err = cli("evaluate", RUBRIC_2018, saved.data, "--format", "json", "--audit", audit)
    assert code == 0, err
    assert "verdicts_file" not in json.loads(out)
    page = audit.read_text(encoding="utf-8")
    assert ".rubric-cache" in page and str(saved.data / ".rubric-cache") in page


# --- item 8: a corrected row ------------------------------------------------------------

def test_a_corrected_row_refuses_the_file_with_a_hint(saved, cli):
    entries = saved.data / "entries.csv"
    text = entries.read_text(encoding="utf-8")
    assert "2018-10-08 19:14" in text
    entries.write_text(text.replace("2018-10-08 19:14", "2018-10-08 19:15"), encoding="utf-8")  # E001's time
    refused(cli, saved, "the rows of entries E001 in the entries table changed after verdicts.json was written")
