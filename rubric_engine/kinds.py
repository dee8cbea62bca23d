"""The closed sets of words the engine and its plugins share, as ``StrEnum``s.

Each member equals its string (``VerdictStatus.PASS == "pass"``), so rubrics, saved
verdicts and result documents keep their plain strings and old comparisons still hold.
"""
from __future__ import annotations

from enum import StrEnum


class VerdictStatus(StrEnum):
    """What a check found for one entry."""

    PASS = "pass"
    FAIL = "fail"
    REVIEW = "review"  # a person must look; deducts nothing
    NOT_RUN = "not_run"  # the check could not apply (e.g. no submissions folder)


class VerdictSource(StrEnum):
    """Who gave a verdict: a check type run by the engine, or a person (the ``checks`` table)."""

    AUTO = "auto"
    PERSON = "manual"  # the JSON's word since the first release


class Severity(StrEnum):
    """What a failed check costs an entry."""

    DEDUCT = "deduct"
    DISQUALIFY = "disqualify"
    INELIGIBLE = "ineligible"  # the entry stays ranked and listed, wins nothing, deducts nothing


class Subject(StrEnum):
    """What an award strategy gives its award to."""

    ENTRIES = "entries"
    UNITS = "units"


class Scope(StrEnum):
    """How a check type is called: one entry at a time, or the whole contest at once."""

    ENTRY = "entry"
    CONTEST = "contest"
