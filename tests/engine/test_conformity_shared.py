"""Conformity keeps nothing per clean entry (the shared empty tuple) and every failure of the others."""
from __future__ import annotations

from rubric_engine.session import Contest


def test_clean_entries_hold_no_lists_and_failures_are_all_kept(contest, mini_rubric):
    contest.entry("E1").marks("E1", (20, 40, 8)).vote("E1", 3)
    contest.entry("E2", letter="否", submitted="2018-11-12").marks("E2", (20, 40, 8)).vote("E2", 1)
    built = Contest.open(mini_rubric, contest.write(), cache=False)
    report = built.check()
    clean = report["E1"]
    assert clean.violations == () and clean.waivers == () and clean.reviews == () == clean.disqualified_by
    # by hand: no letter and sent two days late: two deductions of 1 from 10, in the rubric's check order
    assert report["E2"].violations == ["recommendation_letter", "deadline"] and report["E2"].score == 8
    document = built.document("evaluate")
    by_id = {e["id"]: e for e in document["entries"]}
    assert by_id["E1"]["conformity"]["violations"] == []
    assert by_id["E2"]["conformity"]["violations"] == ["recommendation_letter", "deadline"]
    assert isinstance(by_id["E1"]["conformity"]["violations"], list)  # JSON-shaped lists in the document


def test_the_cli_writes_the_same_lists(contest, mini_rubric):
    from tests.conftest import evaluate_json

    contest.entry("E1").marks("E1", (20, 40, 8)).vote("E1", 3)
    contest.entry("E2", letter="否").marks("E2", (20, 40, 8)).vote("E2", 1)
    by_id = {e["id"]: e for e in evaluate_json(mini_rubric, contest.write(), "--no-cache")["entries"]}
    assert by_id["E1"]["conformity"] == {"score": 10, "violations": [], "waived": [], "review": []}
    assert by_id["E2"]["conformity"]["violations"] == ["recommendation_letter"]
    assert by_id["E2"]["conformity"]["score"] == 9  # by hand: 10 − one deduction of 1
    assert all(isinstance(e["awards"], list) for e in by_id.values())
