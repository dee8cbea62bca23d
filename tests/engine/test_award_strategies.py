"""The built-in award strategies from YAML cases (tests/cases/award_strategies.yml), through the library."""
from __future__ import annotations

import dataclasses
import json
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from rubric_engine import Message, Standing
from rubric_engine.data import ContestData
from rubric_engine.engine.awards import decide_awards
from rubric_engine.engine.ranking import competition_ranks
from rubric_engine.plugins import load_host
from rubric_engine.rubric.build import award_count
from rubric_engine.rubric.model import Award, Contest, Final, Labelled, Rubric, VoteCategory, Voting

CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "award_strategies.yml").read_text(encoding="utf-8"))
HOST = load_host(entry_points=False)


def _standings(case) -> list[Standing]:
    raw = case["standings"]
    ranked = competition_ranks([s["id"] for s in raw if not s.get("disqualified")],
                               key=lambda i: Fraction(next(s["final"] for s in raw if s["id"] == i)))
    return [Standing(s["id"], s.get("unit", "U"), Fraction(s["final"]), ranked.get(s["id"]), (Fraction(s["final"]),),
                     dict(s.get("votes", {})), bool(s.get("disqualified"))) for s in raw]


def _contest(case) -> tuple[Rubric, ContestData]:
    categories = case.get("categories", ["votes"])
    rubric = Rubric(Contest("case", "case"), (), (), Final(None), Voting(categories=tuple(
        VoteCategory(c, c.upper(), i == 0) for i, c in enumerate(categories))),
        unit_metrics=tuple(Labelled(m, m.upper()) for m in case.get("unit_metrics", [])))
    awards = []
    for raw in case["awards"]:
        strategy = HOST.get("award_strategies", raw["strategy"])
        params = raw.get("params", {})
        count, share = award_count(raw.get("count", 1))
        awards.append(Award(raw["id"], raw["id"].upper(), raw["strategy"], count, raw.get("exclusive_group"),
                            strategy.prepare(params, rubric) if strategy.prepare else params, params,
                            strategy.subject, strategy_impl=strategy, share=share))
    units = {unit: {k: Fraction(v) for k, v in metrics.items()} for unit, metrics in case.get("units", {}).items()}
    return dataclasses.replace(rubric, awards=tuple(awards)), ContestData([], units=units)


def _codes(values) -> list[str]:
    assert all(isinstance(v, Message) for v in values), values  # reasons and notes are messages, not sentences
    return [v.key for v in values]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_award_strategy_case(case):
    rubric, data = _contest(case)
    context = decide_awards(rubric, data, _standings(case))
    for award, outcome in zip(rubric.awards, context.outcomes):
        expected = case["expected"][award.id]
        assert outcome.winners == expected["winners"], award.id
        assert sorted(outcome.reasons) == sorted(outcome.winners)
        if "reasons" in expected:
            assert set(_codes(outcome.reasons.values())) == {expected["reasons"]}
        assert _codes(outcome.notes) == expected.get("notes", [])
        for unit, score in expected.get("scores", {}).items():
            assert outcome.scores[unit] == Fraction(score)
        assert all(str(m) != m.key for m in [*outcome.reasons.values(), *outcome.notes])  # each is in the catalogue
    for entry, by_award in case.get("why_not", {}).items():
        said = {}
        for award in rubric.awards:
            detail = dict(award.strategy_impl.explain(award, context, entry) or {})
            items = [{"award": award.id, **detail}] + list(detail.pop("more", []))
            said.update({item["award"]: item["why_not"].key for item in items if "why_not" in item})
        assert said == by_award, entry
    for unit, by_award in case.get("explain_units", {}).items():
        for award in rubric.awards:
            detail = award.strategy_impl.explain(award, context, unit)
            assert detail["reason"].key == by_award[award.id]


def test_every_builtin_award_strategy_has_cases():
    assert {a["strategy"] for c in CASES for a in c["awards"]} >= set(HOST.names("award_strategies"))


def test_a_unit_without_entries_reads_its_reason_in_every_output(tmp_path, contest, cli, mini_rubric):
    """The reason is a message in the document; the explain lines and the workbook show its text."""
    contest.entry("E1", unit="甲").marks("E1", (20, 30, 5), (20, 30, 5)).vote("E1", 3)
    contest.units.append(["乙", 1, 2, 3])
    data = contest.write()
    code, out, err = cli("explain", mini_rubric, data, "乙", "--format", "json")
    assert code == 0, err
    award = next(a for a in json.loads(out)["awards"] if a["award"] == "best_team")
    assert award["reason"]["code"] == "plugins.unit_composite.no_entries"
    code, out, err = cli("explain", mini_rubric, data, "乙", "--format", "md")
    assert code == 0, err
    assert "the unit has no entries" in out and "'code'" not in out


def test_votes_in_is_the_tallies_column_and_the_standings_say_the_same():
    """``context.votes_in(category)``: the column the engine hands over, else read from the standings."""
    from rubric_engine.engine.awards import AwardContext

    case = next(c for c in CASES if any(s.get("votes") for s in c["standings"]))
    rubric, data = _contest(case)
    standings = _standings(case)
    category = next(iter(next(s for s in case["standings"] if s.get("votes"))["votes"]))
    from_standings = AwardContext(rubric, data, standings).votes_in(category)
    assert from_standings == {s.id: s.votes.get(category, 0) for s in standings}
    assert any(from_standings.values())
    column = {s.id: n for s, n in zip(standings, from_standings.values()) if n}
    given = AwardContext(rubric, data, standings, vote_columns={category: column}).votes_in(category)
    assert given is column
    decided = decide_awards(rubric, data, standings, votes={category: column})
    assert [o.winners for o in decided.outcomes] == [o.winners for o in decide_awards(rubric, data, standings).outcomes]
