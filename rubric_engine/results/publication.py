"""The publication facts of a result (issue 17): who organised it, when it is published, the 公示 period.

Plain data, no language: the date comes from ``--date`` or the rubric's ``publication.date``,
never from the clock, so the same inputs still give the same bytes (SPEC §6). The objection
period (公示) starts the day after publication; with ``working_days`` it counts only working
days: Monday to Friday except ``holidays``, plus the make-up ``workdays`` (weekend days worked).
"""
from __future__ import annotations

import datetime as dt

from ..rubric.model import Publication, Rubric

HOST_ROLE = "主办单位"  # the organisers who sign (落款) unless publication.signed_by names others


def is_working_day(day: dt.date, publication: Publication) -> bool:
    if day in publication.workdays:
        return True
    return day.weekday() < 5 and day not in publication.holidays


def objection_period(publication: Publication, published: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the 公示 period of ``publication.days`` days after ``published``."""
    counted: list[dt.date] = []
    day = published
    while len(counted) < publication.days:
        day += dt.timedelta(days=1)
        if not publication.working_days or is_working_day(day, publication):
            counted.append(day)
    return counted[0], counted[-1]


def signatories(rubric: Rubric) -> list[str]:
    """落款: ``publication.signed_by``, else the organisers with role 主办单位, else the first organisers listed."""
    if rubric.publication.signed_by:
        return list(rubric.publication.signed_by)
    hosts = [name for role, names in rubric.contest.organisers if role == HOST_ROLE for name in names]
    if hosts or not rubric.contest.organisers:
        return hosts
    return list(rubric.contest.organisers[0][1])


def publication_data(rubric: Rubric, date: dt.date | None = None, winners_only: bool = False) -> dict:
    """``document["publication"]``: ISO dates (``None`` when none is given), organisers, 落款, the 公示 block."""
    publication = rubric.publication
    published = date or publication.date
    objection = None
    if publication.days:
        start, end = objection_period(publication, published) if published else (None, None)
        objection = {"days": publication.days, "working_days": publication.working_days,
                     "start": start.isoformat() if start else None, "end": end.isoformat() if end else None,
                     "contact": publication.contact, "rules": list(publication.rules)}
    return {"date": published.isoformat() if published else None,
            "organisers": [{"role": role, "names": list(names)} for role, names in rubric.contest.organisers],
            "signed_by": signatories(rubric), "objection": objection, "winners_only": winners_only}


def attach(document: dict, rubric: Rubric, date: dt.date | None = None, winners_only: bool = False) -> dict:
    """``document`` with its ``publication``; ``winners_only`` keeps only the entries that won an award."""
    document["publication"] = publication_data(rubric, date, winners_only)
    if winners_only:
        document["entries"] = [e for e in document["entries"] if e["awards"]]
        kept = {e["id"] for e in document["entries"]}
        document["provisional"] = [i for i in document.get("provisional", []) if i in kept]
    return document


COMMITTEE_KEYS = ("rubric", "inputs", "submissions", "warnings", "manual_verdicts", "entries")


def committee_document(evaluation, date: dt.date | None = None) -> dict:
    """What ``--audit FILE`` writes in a format other than the audit page: the whole result document
    (every entry, whatever ``--winners-only`` kept for the public) with ``internal: true`` and, under
    ``audit``, the audit document's inputs with their paths, warnings, manual verdicts and every
    entry's judges' sheets and phone."""
    from .audit import audit_document
    from .document import evaluation_document

    document = attach(evaluation_document(evaluation), evaluation.rubric, date)
    audit = audit_document(evaluation)
    document["internal"] = True
    document["audit"] = {key: audit[key] for key in COMMITTEE_KEYS}
    return document
