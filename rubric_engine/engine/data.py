"""Contest data as the engine sees it, already read and validated by ``rubric_engine.io``."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from ..errors import Location, Problem


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    unit: str
    participants: str = ""
    team: bool = False
    format: str | None = None
    submitted_at: dt.datetime | None = None
    recommendation_letter: bool | None = None
    folder: str | None = None
    location: Location | None = None


@dataclass(frozen=True)
class ScoreSheet:
    """One judge's marks for one entry (and item) on one panel."""

    panel: str
    judge: str
    entry: str
    marks: dict  # criterion id -> Fraction
    item: str | None = None
    factor: Fraction = Fraction(1)
    location: Location | None = None


@dataclass(frozen=True)
class ManualVerdict:
    entry: str
    check: str
    result: str  # "pass" | "fail"
    note: str = ""
    location: Location | None = None


@dataclass
class ContestData:
    entries: list[Entry]
    scores: list[ScoreSheet] = field(default_factory=list)
    votes: dict = field(default_factory=dict)  # (entry, category) -> int
    has_votes_file: bool = False
    units: dict = field(default_factory=dict)  # unit -> {metric: Fraction}
    verdicts: list[ManualVerdict] = field(default_factory=list)
    submissions: Path | None = None
    warnings: list[Problem] = field(default_factory=list)
    inputs: dict = field(default_factory=dict)  # file name -> sha256
    folder: Path | None = None
