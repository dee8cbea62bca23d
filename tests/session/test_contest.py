"""``Contest``, the library's front door: every step, on the bundled example and on a contest built here.

The CLI is a thin layer over these calls, so each document is also compared with what the
CLI writes for it (the same JSON).
"""
from __future__ import annotations

import json

import pytest

from rubric_engine import Contest, DataInputError, RubricEngineError, RubricInputError
from rubric_engine.engine.evaluate import Evaluation
from tests.conftest import MINI_RUBRIC, RUBRIC_2018, TEST_LANGUAGE, evaluate_json


@pytest.fixture
def example(checked_example):
    """The bundled example (its verdict cache warm), in English."""
    return Contest.open(RUBRIC_2018, checked_example.folder, language=TEST_LANGUAGE)


def small(contest):
    """Three entries of two units; E2 has no recommendation letter (规范性 9)."""
    contest.entry("E1", unit="甲").entry("E2", unit="甲", letter="否").entry("E3", unit="乙")
    contest.marks("E1", (28, 45, 8), (20, 30, 5)).marks("E2", (20, 30, 5)).marks("E3", (25, 40, 7))
    contest.vote("E1", 100).vote("E2", 50).vote("E3", 75)
    return contest.write()


@pytest.fixture
def built(tmp_path, contest, mini_rubric):
    return Contest.open(mini_rubric, small(contest), language=TEST_LANGUAGE)


# --- opening: nothing is read until asked ------------------------------------------

def test_open_reads_nothing_until_a_step_is_asked(tmp_path):
    contest = Contest.open(tmp_path / "missing.yaml", tmp_path / "nowhere")
    with pytest.raises(RubricInputError) as refused:
        contest.rubric
    assert refused.value.problems[0].location.file == str(tmp_path / "missing.yaml")


def test_a_bad_language_is_refused_at_once(tmp_path):
    with pytest.raises(ValueError, match="fr"):
        Contest.open(tmp_path / "r.yaml", language="fr")


def test_without_a_data_folder_the_rubric_steps_still_work(mini_rubric):
    contest = Contest.open(mini_rubric)
    assert contest.rubric.language == "zh-CN" and contest.language == "zh-CN"
    with pytest.raises(ValueError, match="data folder"):
        contest.data


# --- host and rubric ----------------------------------------------------------------

def test_host_holds_the_built_ins_and_the_plugins_dir(tmp_path, mini_rubric):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "board.py").write_text(
        "from rubric_engine import OutputFormat, hookimpl\n\n"
        "@hookimpl\ndef register_output_formats(register):\n"
        "    register(OutputFormat('board', lambda document, kind: b'board', 'one line', '.board'))\n", encoding="utf-8")
    contest = Contest.open(mini_rubric, plugins_dir=[folder])
    assert {"json", "table", "board"} <= set(contest.format_names())
    assert contest.format_for_suffix(".board") == "board" and contest.format_for_suffix(".json") == "json"
    assert contest.format_for_suffix(".nothing") is None
    assert contest.host is contest.host  # loaded once


def test_rubric_and_its_warnings(example):
    assert example.rubric.contest.id and [c.id for c in example.rubric.checks]
    assert example.rubric is example.rubric  # compiled once
    assert {w.code for w in example.warnings} >= {"lint.band_gap"}
    assert example.language == "en"  # asked for, not the rubric's zh-CN


def test_a_rubric_plugin_runs_only_with_consent(tmp_path, mini_rubric):
    (tmp_path / "mine.py").write_text("x = 1\n", encoding="utf-8")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("checks:\n", "plugins: [mine.py]\nchecks:\n", 1), encoding="utf-8")
    with pytest.raises(RubricInputError):
        Contest.open(rubric).rubric
    assert Contest.open(rubric, trust_plugins=True).rubric.panels


# --- data, checks, evaluation ----------------------------------------------------------

def test_data(example, built):
    assert len(example.data.entries) == 60
    assert [e.id for e in built.data.entries] == ["E1", "E2", "E3"]
    assert built.data is built.data


def test_bad_data_is_a_located_error(tmp_path, contest, mini_rubric):
    contest.entry("E1").marks("E1", (99, 30, 5)).vote("E1", 1)
    with pytest.raises(DataInputError) as refused:
        Contest.open(mini_rubric, contest.write()).data
    assert any(p.location and p.location.file.endswith("scores.csv") and p.location.line == 2
               for p in refused.value.problems)


def test_check_gives_each_entry_its_conformity(built, example):
    report = built.check()
    assert report["E2"].score == 9 and report["E2"].violations == ["recommendation_letter"]
    assert report["E1"].score == 10 and built.check() is report
    assert len(example.check()) == 60 and built.check_count() == 3 * len(built.rubric.checks)


def test_verdicts_from_a_saved_file_are_the_verdicts_of_running_the_checks(checked_example):
    ran = Contest.open(RUBRIC_2018, checked_example.folder)
    saved = Contest.open(RUBRIC_2018, checked_example.folder, verdicts=checked_example.verdicts)
    assert saved.document("evaluate")["entries"] == ran.document("evaluate")["entries"]
    assert saved.verdicts() is not saved.fresh_verdicts()  # check() runs them anyway


def test_evaluate(built):
    evaluation = built.evaluate()
    assert isinstance(evaluation, Evaluation) and built.evaluate() is evaluation
    assert [r.entry.id for r in evaluation.entries][0] == "E1"
    assert evaluation.warnings[:len(built.warnings)] == built.warnings
    assert built.problems() == evaluation.warnings + built.notes


# --- documents, explain, render ------------------------------------------------------

def test_the_evaluate_document_is_what_the_cli_writes(built):
    assert built.document("evaluate") == evaluate_json(built.rubric_path, built.data_path)
    assert built.document("evaluate") is built.document("evaluate")


def test_the_check_and_audit_documents(built, cli):
    code, out, err = cli("check", built.rubric_path, built.data_path, "--format", "json")
    assert code == 0 and built.document("check") == json.loads(out)
    audit = built.document("audit")
    assert [e["id"] for e in audit["entries"]] == [e["id"] for e in built.document("evaluate")["entries"]]
    with pytest.raises(ValueError, match="kind"):
        built.document("nothing")


def test_explain_an_entry_and_a_unit(built, cli):
    code, out, err = cli("explain", built.rubric_path, built.data_path, "E2", "--format", "json")
    assert code == 0 and built.explain("E2") == json.loads(out)
    unit = built.explain("甲")
    assert unit != built.explain("E1") and "甲" in json.dumps(unit, ensure_ascii=False)


def test_explain_an_unknown_id_names_the_closest(built):
    with pytest.raises(RubricEngineError) as refused:
        built.explain("E22")
    problem = refused.value.problems[0]
    assert problem.code.startswith("data.unknown") and "E2" in problem.hint_text


def test_render(built, example, tmp_path):
    assert json.loads(built.render("json")) == built.document("evaluate")
    assert json.loads(built.render("json", "check")) == built.document("check")
    assert json.loads(built.render("json", "explain:E1")) == built.explain("E1")
    assert json.loads(built.render("json", built.explain("E3"), kind="explain")) == built.explain("E3")
    markdown = example.render("md").decode("utf-8")
    assert all(entry["title"] in markdown for entry in example.document("evaluate")["entries"][:3])
    assert built.render("html").lstrip().lower().startswith(b"<!doctype html")
    assert built.render_audit().lstrip().lower().startswith(b"<!doctype html")
    with pytest.raises(ValueError, match="board"):
        built.render("board")


@pytest.mark.parametrize("language,word", [("en", "recommendation"), ("zh-CN", "推荐")])
def test_documents_speak_the_language_asked_for(tmp_path, contest, mini_rubric, language, word):
    opened = Contest.open(mini_rubric, small(contest), language=language)
    checks = opened.document("check")["labels"]["checks"]
    reasons = json.dumps(opened.document("check")["entries"], ensure_ascii=False)
    assert checks and word in reasons.lower()


def test_the_rubric_language_when_none_is_asked(tmp_path, contest, mini_rubric):
    opened = Contest.open(mini_rubric, small(contest))
    assert opened.language == "zh-CN"
    assert "推荐" in json.dumps(opened.document("check")["entries"], ensure_ascii=False)


def test_release_keeps_the_documents_and_the_warnings_and_frees_the_rest(built):
    document = built.document("evaluate")
    before = built.problems()
    built.release()
    assert not {"data", "verdicts", "evaluate"} & set(built._steps)  # what the rendering need not hold
    assert built.document("evaluate") is document  # made once, kept
    assert built.problems() == before  # without evaluating again
    assert "evaluate" not in built._steps
    assert json.loads(built.render("json", document, kind="evaluate")) == json.loads(built.render("json"))
    assert built.evaluate().entry("E1") is not None  # asked again: evaluated again
