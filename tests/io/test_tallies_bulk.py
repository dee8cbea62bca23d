"""Vote tallies read in bulk (io/votes.py::_tallies): the same counts, and a repeated row still located."""
from __future__ import annotations

import pytest

from rubric_engine.errors import DataInputError
from rubric_engine.session import Contest


def _contest(contest):
    for entry in ("E1", "E2"):
        contest.entry(entry).marks(entry, (20, 40, 8))
    return contest


def test_tallies_are_the_rows(contest, mini_rubric):
    _contest(contest).vote("E1", 7).vote("E2", 3).vote("E1", 2, "style")
    data = Contest.open(mini_rubric, contest.write()).data
    assert data.votes == {("E1", "popularity"): 7, ("E2", "popularity"): 3, ("E1", "style"): 2}
    assert list(data.votes) == [("E1", "popularity"), ("E2", "popularity"), ("E1", "style")]  # file order


def test_a_repeated_entry_and_category_is_a_located_error(contest, mini_rubric):
    _contest(contest).vote("E1", 7).vote("E2", 3).vote("E1", 9)
    with pytest.raises(DataInputError) as refused:
        Contest.open(mini_rubric, contest.write()).data
    found = [p for p in refused.value.problems if p.code == "data.duplicate"]
    assert len(found) == 1 and found[0].location.file.endswith("votes.csv") and found[0].location.line == 4
    assert "2" in str(found[0].message) and "E1" in str(found[0].message)  # the first row's line


def test_a_bad_count_is_still_located(contest, mini_rubric):
    _contest(contest).vote("E1", 7).vote("E2", "many")
    with pytest.raises(DataInputError) as refused:
        Contest.open(mini_rubric, contest.write()).data
    assert any(p.location and p.location.file.endswith("votes.csv") and p.location.line == 3
               for p in refused.value.problems)
