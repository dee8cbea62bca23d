"""Shapes kept small for a million score rows behave as the plain ones did."""
from __future__ import annotations

import json
from fractions import Fraction

from rubric_engine.awarding import EntryVotes
from rubric_engine.results.document import _one_of, unit_explanations


def test_entry_votes_reads_as_the_dict_it_replaces():
    tables = {"online": {"E1": 30}, "style": {}}
    votes = EntryVotes("E1", tables)
    assert dict(votes) == {"online": 30, "style": 0} == votes
    assert votes["style"] == 0 and votes.get("online", 0) == 30 and votes.get("nope", -1) == -1
    assert list(votes) == ["online", "style"] and len(votes) == 2
    assert EntryVotes("E9", tables) == {"online": 0, "style": 0}


def test_equal_dicts_are_made_once_but_never_across_types():
    once: dict = {}
    first = _one_of(once, {"value": 3, "term": 0.03})
    assert _one_of(once, {"value": 3, "term": 0.03}) is first
    for other in ({"value": 3.0, "term": 0.03}, {"value": True, "term": 0.03}, {"term": 0.03, "value": 3},
                  {"value": 3, "term": -0.0}, {"value": 3, "term": 0.0}):
        kept = _one_of(once, dict(other))
        assert kept is not first and json.dumps(kept) == json.dumps(other)
    nested = {"value": [1]}
    assert _one_of(once, nested) is nested


def test_units_sharing_term_dicts_write_each_unit_as_before():
    raw = lambda value: {"eligible": True, "terms": [{"metric": "m", "best": 9, "value": value,
                                                       "term": Fraction(value, 10)}], "won": False}
    explained = [("U1", raw(3)), ("U2", raw(3)), ("U3", raw(4))]
    units = unit_explanations(explained)["units"]
    assert units[0]["terms"][0] is units[1]["terms"][0]  # one read-only dict for both
    assert [u["terms"][0] for u in units] == [{"value": 3, "term": 0.3}, {"value": 3, "term": 0.3},
                                              {"value": 4, "term": 0.4}]
