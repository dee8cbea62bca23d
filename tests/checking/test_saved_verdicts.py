"""`rubric check --output verdicts.json` pins the verdicts; `--verdicts FILE` reads them back."""
from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from tests.conftest import RUBRIC_2018


@pytest.fixture
def saved(small_example, tmp_path, cli):
    """The small example's verdicts, written as `rubric check --output verdicts.json` writes them."""
    path = tmp_path / "verdicts.json"
    code, _, err = cli("check", RUBRIC_2018, small_example, "--output", path, "--no-cache")
    assert code == 0, err
    return path


def test_check_output_json_is_inferred_and_carries_the_raw_verdicts(saved, small_example):
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert list(document["verdicts"]) == [c["id"] for c in document["checks"]]
    photo = document["verdicts"]["photo_size"]
    assert sorted(photo) == ["E001", "E002", "E004", "E005"]
    assert set(photo["E001"]) == {"status", "reason", "measured", "limit"}
    assert document["verdicts"]["work_photo"]["E005"]["status"] == "not_run"  # raw: before the manual verdict
    grid = {c["check"]: c for c in next(e for e in document["entries"] if e["id"] == "E005")["checks"]}
    assert grid["work_photo"]["status"] == "fail" and grid["work_photo"]["source"] == "manual"


@pytest.mark.parametrize("command", [("evaluate",), ("explain", "E005")])
def test_saved_verdicts_give_byte_identical_results(saved, small_example, cli, command):
    name, *rest = command
    code, fresh, err = cli(name, RUBRIC_2018, small_example, *rest, "--format", "json", "--no-cache")
    assert code == 0, err
    shutil.move(small_example / "submissions", small_example.parent / "elsewhere")  # no file check can run
    code, pinned, err = cli(name, RUBRIC_2018, small_example, *rest, "--format", "json", "--verdicts", saved)
    assert code == 0, err
    pinned = json.loads(pinned)
    assert pinned.pop("verdicts_file") == {"path": str(saved), "sha256": hashlib.sha256(saved.read_bytes()).hexdigest()}
    assert json.dumps(pinned, ensure_ascii=False, indent=2) + "\n" == fresh  # the same bytes but for the file's name
    assert not (small_example / ".rubric-cache").exists()


def test_verdicts_of_another_rubric_are_refused(saved, small_example, tmp_path, cli):
    rubric = tmp_path / "other.yaml"
    rubric.write_text(RUBRIC_2018.read_text(encoding="utf-8").replace("count: 12", "count: 11"), encoding="utf-8")
    code, out, err = cli("evaluate", rubric, small_example, "--verdicts", saved)
    assert code == 1 and out == ""
    assert f"{saved}: error: verdicts.json holds the verdicts of another rubric" in err
    assert f"hint: write it again: rubric check {rubric} {small_example} --output {saved}" in err
    assert "Traceback" not in err


def test_verdicts_of_other_entries_are_refused(saved, small_example, cli):
    entries = small_example / "entries.csv"
    entries.write_text(entries.read_text(encoding="utf-8").replace("用心聆听的承诺", "用心倾听的承诺"), encoding="utf-8")
    code, _, err = cli("explain", RUBRIC_2018, small_example, "E001", "--verdicts", saved)
    assert code == 1 and "written for other entries" in err and "hint:" in err


@pytest.mark.parametrize("content,message", [
    ("{not json", "verdicts.json is not JSON"),
    ('{"entries": []}', "has no 'verdicts'"),
])
def test_a_file_that_is_not_a_verdicts_file_is_refused(small_example, tmp_path, cli, content, message):
    path = tmp_path / "verdicts.json"
    path.write_text(content, encoding="utf-8")
    code, _, err = cli("evaluate", RUBRIC_2018, small_example, "--verdicts", path)
    assert code == 1 and message in err and str(path) in err


def test_the_evaluate_json_is_not_a_verdicts_file(small_example, tmp_path, cli):
    path = tmp_path / "result.json"
    cli("evaluate", RUBRIC_2018, small_example, "--format", "json", "--output", path, "--no-cache")
    code, _, err = cli("evaluate", RUBRIC_2018, small_example, "--verdicts", path)
    assert code == 1 and "it is not the JSON of `rubric check`" in err


def test_a_missing_verdicts_file_is_a_clear_error(small_example, tmp_path, cli):
    code, _, err = cli("evaluate", RUBRIC_2018, small_example, "--verdicts", tmp_path / "nope.json")
    assert code == 1 and "cannot read the verdicts file" in err and "Traceback" not in err


def test_verdicts_saved_in_chinese_read_in_english(small_example, tmp_path, cli):
    """A saved verdicts file is language-free: saved in zh-CN, rendered with --lang en, every
    reason, measure and limit reads in English, exactly as a fresh English run writes it."""
    path = tmp_path / "verdicts.json"
    code, _, err = cli("check", RUBRIC_2018, small_example, "--output", path, "--no-cache", "--lang", "zh-CN")
    assert code == 0, err
    photo = json.loads(path.read_text(encoding="utf-8"))["verdicts"]["photo_size"]["E001"]
    assert set(photo["reason"]) == {"code", "fields", "text"} and photo["reason"]["code"] == "checks.photo.pass"
    assert photo["reason"]["text"].startswith("照片")  # beside the code, for a person: the language it was saved in
    explain = ("explain", RUBRIC_2018, small_example, "E001", "--format", "json")
    code, english, err = cli(*explain, "--no-cache", "--lang", "en")
    assert code == 0, err
    code, chinese, err = cli(*explain, "--no-cache", "--lang", "zh-CN")
    assert code == 0, err
    shutil.move(small_example / "submissions", small_example.parent / "elsewhere")  # no file check can run
    code, pinned, err = cli(*explain, "--verdicts", path, "--lang", "en")
    assert code == 0, err
    pinned = json.dumps({k: v for k, v in json.loads(pinned).items() if k != "verdicts_file"}, ensure_ascii=False,
                        indent=2) + "\n"
    assert pinned == english and pinned != chinese
    checks = {c["check"]: c for c in json.loads(pinned)["conformity"]["checks"]}
    assert checks["photo_size"]["reason"]["text"].startswith("photo ")
    assert checks["photo_size"]["limit"] == "at least 3 MB"
    assert checks["article_length"]["reason"]["text"].startswith("article word count")
