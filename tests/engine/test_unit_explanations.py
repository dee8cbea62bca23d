"""The document's unit explanations: the fast way gives exactly what the plain way gives."""
from __future__ import annotations

import json
import random
from fractions import Fraction

from rubric_engine.results.document import _shared_once, _with_exact, unit_explanations


def _plain(explained):
    return _shared_once([{"unit": unit, **_with_exact(raw)} for unit, raw in explained])


def _explanation(rng: random.Random, terms: int) -> dict:
    if rng.random() < 0.1:
        return {"eligible": False, "reason": "no entries"}
    choice = [Fraction(1, 3), Fraction(100001, 300000), 1, True, Fraction(1), "x", None, Fraction(5, 7)]
    raw = {"eligible": True, "lowest": rng.choice(choice[:2]), "same": Fraction(2, 7),
           "terms": [{"metric": f"m{i}", "best": Fraction(9, 7), "weight": Fraction(1, 5),
                      "value": rng.choice(choice), "term": rng.choice(choice)} for i in range(terms)],
           "composite": rng.choice(choice), "won": rng.random() < 0.2}
    if rng.random() < 0.2:
        del raw["same"]
    if rng.random() < 0.2:
        raw["terms"][0].pop("best")
    return raw


def test_the_same_as_the_plain_way_on_random_explanations():
    rng = random.Random(7)
    for trial in range(300):
        count = rng.choice([0, 1, 2, 3, 10])
        explained = [(f"U{i}", _explanation(rng, rng.choice([3, 3, 3, 2]) if trial % 5 == 0 else 3))
                     for i in range(count)]
        fast = unit_explanations([(u, _copy(r)) for u, r in explained])
        assert json.dumps(fast) == json.dumps(_plain(explained))  # the same keys in the same order


def test_values_that_round_alike_are_shared_only_as_rounded():
    # 1/3 and 100001/300000 both show 0.3333: the rounded value is shared, the exact ones are not
    explained = [("A", {"terms": [], "lowest": Fraction(1, 3)}), ("B", {"terms": [], "lowest": Fraction(100001, 300000)})]
    result = unit_explanations(explained)
    assert json.dumps(result) == json.dumps(_plain(explained))
    assert result["shared"] == {"lowest": 0.3333, "terms": []}
    assert [u["lowest_exact"] for u in result["units"]] == ["1/3", "100001/300000"]


def _copy(raw: dict) -> dict:
    return {k: ([dict(t) for t in v] if k == "terms" else v) for k, v in raw.items()}
