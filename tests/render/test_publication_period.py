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
