"""Lints for next year's edits: a rubric copied from last year and changed in one place only.

- one fact stated twice must agree: the submission deadline (``contest.submission.deadline``)
  and every ``deadline`` check's ``params.deadline`` (an error);
- the contest year is the year of ``contest.submission.deadline``; the voting dates, every
  date parameter and the 4-digit years in descriptions, notes, the schedule and
  ``contest.period`` are checked
  against it (warnings), and the voting window against the contest period (a warning);
- a judged panel's maximum: a declared ``max:`` must equal the one its criteria give (an
  error); a derived maximum other than 100 with no ``max:`` is a note (the final scales it).
"""
from __future__ import annotations

import datetime as dt
import re

from ..errors import Problem
from ..language.units import format_number
from .model import Rubric
from .yaml_source import YamlDocument

# a year: 19xx or 20xx, not part of a longer number nor a count (1200字, 2000元)
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9]|\s*[字分秒元个名人票条张篇份位万千百%])")
_DATE = re.compile(r"^((?:19|20)[0-9]{2})-[0-9]{2}-[0-9]{2}")
# the plan's way of writing the contest period: 2018年9月-11月, 2018年9月至2019年1月
_PERIOD = re.compile(r"((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月.*?[-–—~至到]\s*(?:((?:19|20)[0-9]{2})\s*年\s*)?"
                     r"([0-9]{1,2})\s*月")


def lint_next_year(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    problems = _deadline_twice(rubric, doc) + _panel_maxima(rubric, doc)
    deadline = rubric.contest.deadline
    if deadline is not None:
        problems += _other_years(doc, deadline.year) + _voting_window(rubric, doc, deadline.year)
    return problems


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _deadline_twice(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    """The submission deadline is stated in ``contest.submission`` and in each ``deadline`` check."""
    stated = rubric.contest.deadline
    if stated is None:
        return []
    problems = []
    for index, raw in enumerate(doc.data.get("checks") or []):
        if not isinstance(raw, dict) or raw.get("type") != "deadline" or not isinstance(raw.get("params"), dict):
            continue
        given = raw["params"].get("deadline")
        date = _as_date(given)
        if date is not None and date != stated:
            problems.append(Problem.of("error", "lint.fact_twice:deadline",
                                       doc.location(("checks", index, "params", "deadline")),
                                       check=raw.get("id", ""), given=str(given), stated=stated.isoformat()))
    return problems


def _texts(value, path: tuple, inside: bool = False):
    """(path, text) of every description, and of every text inside ``contest.notes`` / ``contest.schedule``."""
    if isinstance(value, dict):
        for key, item in value.items():
            here = path + (key,)
            if isinstance(item, str) and (inside or key == "description"):
                yield here, item
            else:
                yield from _texts(item, here, inside or here in (("contest", "notes"), ("contest", "schedule")))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str) and inside:
                yield path + (index,), item
            else:
                yield from _texts(item, path + (index,), inside)


def _date_params(value, path: tuple):
    """(path, year) of every date written in a ``params`` mapping of a check or an award."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _date_params(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _date_params(item, path + (index,))
    elif isinstance(value, (dt.date, dt.datetime)):
        yield path, value.year
    elif isinstance(value, str) and _DATE.match(value.strip()):
        yield path, int(_DATE.match(value.strip()).group(1))


def _other_years(doc: YamlDocument, year: int) -> list[Problem]:
    problems = []
    period = (doc.data.get("contest") or {}).get("period") if isinstance(doc.data.get("contest"), dict) else None
    texts = list(_texts(doc.data, ())) + ([(("contest", "period"), period)] if isinstance(period, str) else [])
    for path, sentence in texts:
        for found in sorted({int(m.group(1)) for m in _YEAR.finditer(sentence)} - {year}):
            problems.append(Problem.of("warning", "lint.other_year:text", doc.location(path), year=found,
                                       contest_year=year))
    dates = []
    for key in ("opens", "closes"):
        date = _as_date((doc.data.get("voting") or {}).get(key)) if isinstance(doc.data.get("voting"), dict) else None
        if date is not None:
            dates.append((("voting", key), date.year))
    for section in ("checks", "awards"):
        for index, raw in enumerate(doc.data.get(section) or []):
            if isinstance(raw, dict) and isinstance(raw.get("params"), dict):
                dates += list(_date_params(raw["params"], (section, index, "params")))
    for path, found in dates:
        if found != year:
            problems.append(Problem.of("warning", "lint.other_year:date", doc.location(path), year=found,
                                       contest_year=year))
    return problems


def _period(rubric: Rubric, year: int) -> tuple[dt.date, dt.date] | None:
    """The contest period from ``contest.period`` (``2018年9月-11月``), or None when it is not written so."""
    match = _PERIOD.search(rubric.contest.period or "")
    if match is None:
        return None
    first_year, first_month = int(match.group(1)), int(match.group(2))
    last_year, last_month = int(match.group(3) or first_year), int(match.group(4))
    if not (1 <= first_month <= 12 and 1 <= last_month <= 12):
        return None
    after = dt.date(last_year + last_month // 12, last_month % 12 + 1, 1)
    return dt.date(first_year, first_month, 1), after - dt.timedelta(days=1)


def _voting_window(rubric: Rubric, doc: YamlDocument, year: int) -> list[Problem]:
    """The voting window inside the contest period (``contest.period``; else the contest year)."""
    opens, closes = rubric.voting.opens, rubric.voting.closes
    if opens is None and closes is None:
        return []
    period = _period(rubric, year) or (dt.date(year, 1, 1), dt.date(year, 12, 31))
    problems = []
    for key, date in (("opens", opens), ("closes", closes)):
        if date is not None and not period[0] <= date <= period[1]:
            problems.append(Problem.of("warning", "lint.voting_window", doc.location(("voting", key)),
                                       date=date.isoformat(), first=period[0].isoformat(),
                                       last=period[1].isoformat()))
    return problems


def _panel_maxima(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    problems = []
    raw_panels = doc.data.get("panels") or []
    for index, panel in enumerate(rubric.panels):
        raw = raw_panels[index] if index < len(raw_panels) and isinstance(raw_panels[index], dict) else {}
        if (not panel.judged or panel.ranked or raw.get("items") == "sum"
                or str(raw.get("items", "")).startswith("best")):
            continue  # factored items, ranks: the maximum cannot be derived
        derived = sum((rubric.criterion(c).max for c in panel.criteria), panel.max * 0)
        declared = panel.max / panel.scale if panel.scale is not None else panel.max  # max is before scale
        if "max" in raw:
            if declared != derived:
                problems.append(Problem.of("error", "lint.fact_twice:panel_max", doc.location(("panels", index, "max")),
                                           panel=panel.label, declared=format_number(declared),
                                           derived=format_number(derived)))
        elif derived != 100 and panel.scale is None:  # scale: the panel's scale is declared
            problems.append(Problem.of("note", "lint.panel_max", doc.location(("panels", index), key=False),
                                       panel=panel.label, derived=format_number(derived)))
    return problems
