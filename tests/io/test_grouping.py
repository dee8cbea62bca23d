"""io/grouping.py: rows grouped by value in bulk, and the judge-spelt-two-ways warning it feeds."""
from __future__ import annotations

import pytest

from rubric_engine.io.grouping import FEW, entries_by_judge, rows_by_value
from rubric_engine.session import Contest


def test_rows_by_value_few_and_many():
    assert rows_by_value(["b", "a", "b", "b", "a"]) == {"b": [0, 2, 3], "a": [1, 4]}
    assert list(rows_by_value(["b", "a", "b"])) == ["b", "a"]  # first appearance first
    assert rows_by_value(["x"] * 3) == {"x": [0, 1, 2]}
    many = [f"v{i % (FEW + 3)}" for i in range(2 * (FEW + 3))]  # past FEW: the per-row loop
    expected = {f"v{i}": [i, i + FEW + 3] for i in range(FEW + 3)}
    assert rows_by_value(many) == expected and list(rows_by_value(many)) == list(expected)


def test_entries_by_judge_few_and_many():
    assert entries_by_judge(["J1", "J2", "J1"], ["E1", "E1", "E2"]) == {"J1": {"E1", "E2"}, "J2": {"E1"}}
    judges = [f"J{i}" for i in range(FEW + 2)] * 2
    entries = [f"E{i}" for i in range(2 * (FEW + 2))]
    found = entries_by_judge(judges, entries)
    assert list(found) == [f"J{i}" for i in range(FEW + 2)]
    assert found["J0"] == {"E0", f"E{FEW + 2}"}


@pytest.mark.parametrize("others", [1, FEW + 2])  # few judges (one pass per judge) and many (the loop)
def test_a_judge_spelt_two_ways_is_warned(contest, mini_rubric, others):
    for entry in ("E1", "E2", "E3", "E4"):
        contest.entry(entry).sheet("audience", "A1", entry, 20, 40, 8)
    for entry in ("E1", "E2", "E3"):
        for n in range(others):
            contest.sheet("experts", f"X{n + 1}", entry, 20, 40, 8)
    contest.sheet("experts", "X一", "E4", 20, 40, 8)  # 'X1' written another way on E4's row only
    data = Contest.open(mini_rubric, contest.write()).data
    split = [w for w in data.warnings if w.code == "data.judge_split"]
    assert len(split) == 1
    assert split[0].location.line == 2 + 4 + 3 * others  # header, A1's four rows, the X rows, then X一
    assert "X一" in str(split[0].message) and "X1" in str(split[0].message)


def test_rows_by_value_hands_out_the_given_row_numbers():
    rows = [1000 + i for i in range(4)]  # ints past the small-int cache: shared, not made again
    found = rows_by_value(["a", "b", "a", "a"], rows)
    assert found == {"a": [1000, 1002, 1003], "b": [1001]}
    assert found["a"][0] is rows[0] and found["b"][0] is rows[1]


@pytest.mark.parametrize("others", [1, FEW + 2])  # the uniqueness test by judge: few judges and many
def test_a_judge_scoring_an_entry_twice_is_an_error_at_the_second_row(contest, mini_rubric, others):
    from rubric_engine.errors import DataInputError

    for entry in ("E1", "E2"):
        contest.entry(entry).sheet("audience", "A1", entry, 20, 40, 8)
        for n in range(others):
            contest.sheet("experts", f"X{n + 1}", entry, 20, 40, 8)
    contest.sheet("experts", "X1", "E2", 21, 40, 8)  # X1 marks E2 again
    with pytest.raises(DataInputError) as refused:
        Contest.open(mini_rubric, contest.write()).data
    twice = [p for p in refused.value.problems if p.code == "data.duplicate"]
    assert len(twice) == 1 and twice[0].location.line == 2 + 2 * (1 + others)
