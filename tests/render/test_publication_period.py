"""The 公示 period: from the day after publication, in days or in working days (weekends, holidays, make-up days)."""
from __future__ import annotations

import datetime as dt

from rubric_engine.results.publication import objection_period, publication_data, signatories
from rubric_engine.rubric.model import Publication

D = dt.date


def test_working_days_skip_the_weekend():
    # published Monday 26 November 2018: Tue 27, Wed 28, Thu 29, Fri 30, Mon 3 December
    assert objection_period(Publication(days=5, working_days=True), D(2018, 11, 26)) == (D(2018, 11, 27), D(2018, 12, 3))


def test_published_on_a_friday_the_period_starts_on_monday():
    assert objection_period(Publication(days=5, working_days=True), D(2018, 11, 30)) == (D(2018, 12, 3), D(2018, 12, 7))


def test_holidays_do_not_count_and_make_up_workdays_do():
    # 2018's New Year: 30 Dec – 1 Jan off, Saturday 29 December worked
    publication = Publication(days=3, working_days=True, holidays=frozenset({D(2018, 12, 31), D(2019, 1, 1)}),
                              workdays=frozenset({D(2018, 12, 29)}))
    assert objection_period(publication, D(2018, 12, 27)) == (D(2018, 12, 28), D(2019, 1, 2))


def test_calendar_days_count_every_day():
    assert objection_period(Publication(days=5), D(2018, 11, 26)) == (D(2018, 11, 27), D(2018, 12, 1))


def _rubric(publication: Publication, organisers):
    from types import SimpleNamespace

    return SimpleNamespace(publication=publication, contest=SimpleNamespace(organisers=organisers))


ORGANISERS = (("主办单位", ("甲协会",)), ("承办单位", ("乙委员会", "丙协会")))


def test_the_organisers_with_role_host_sign_unless_signed_by_says_otherwise():
    assert signatories(_rubric(Publication(), ORGANISERS)) == ["甲协会"]
    assert signatories(_rubric(Publication(signed_by=("大赛组委会",)), ORGANISERS)) == ["大赛组委会"]
    assert signatories(_rubric(Publication(), (("Organiser", ("A club",)),))) == ["A club"]  # no 主办单位: the first


def test_without_a_date_the_period_has_its_length_but_no_dates():
    data = publication_data(_rubric(Publication(days=5, working_days=True, contact="x"), ORGANISERS))
    assert data["date"] is None and data["objection"]["start"] is None and data["objection"]["days"] == 5
    dated = publication_data(_rubric(Publication(days=5, working_days=True), ORGANISERS), D(2018, 11, 26))
    assert dated["date"] == "2018-11-26" and dated["objection"]["end"] == "2018-12-03"
    assert publication_data(_rubric(Publication(), ORGANISERS))["objection"] is None  # no days: no 公示 block


def _standings(*pairs):
    from fractions import Fraction

    from rubric_engine.engine.awards import Standing

    return [Standing(id=i, unit="u", final=Fraction(0), rank=r, tie_key=(), votes={}) for i, r in pairs]


def test_winners_in_rank_order_ties_by_id_and_unordered_awards_by_id():
    from types import SimpleNamespace

    from rubric_engine.engine.awards import AwardOutcome, in_rank_order
    from rubric_engine.rubric.model import Award

    context = SimpleNamespace(standings=_standings(("E10", 1), ("E2", 3), ("E3", 2), ("E1", 3)))
    outcome = AwardOutcome("third", ["E1", "E2", "E3", "E10"])
    in_rank_order(Award("third", "三等奖", "rank_tier", 3), outcome, context)
    assert outcome.winners == ["E10", "E3", "E1", "E2"] and outcome.tied == ["E1", "E2"]
    unordered = AwardOutcome("third", ["E3", "E10", "E1"])
    in_rank_order(Award("third", "三等奖", "rank_tier", 3, ordered=False), unordered, context)
    assert unordered.winners == ["E1", "E3", "E10"]  # by id, naturally (E3 before E10)
    votes = AwardOutcome("popularity", ["E2", "E3"], scores={"E2": 24, "E3": 24, "E10": 5})
    in_rank_order(Award("popularity", "最佳人气奖", "most_votes", 1), votes, context)
    assert votes.winners == ["E3", "E2"] and votes.tied == ["E3", "E2"]  # equal votes: by final rank
    units = AwardOutcome("team", ["乙", "甲"], scores={"甲": 1, "乙": 2})
    in_rank_order(Award("team", "最佳团队奖", "unit_composite", 2, subject="units"), units, context)
    assert units.winners == ["乙", "甲"] and units.tied == []
