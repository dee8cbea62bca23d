"""Contest data as the engine sees it, already read and validated by ``rubric_engine.io``."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import Location, Problem
from .assignments import Assignments
from .attributes import Attribute


class Entry(NamedTuple):
    """One row of the entries table (a tuple: a hundred thousand are made in a blink)."""

    id: str
    title: str
    unit: str
    participants: str = ""
    team: bool = False
    format: str | None = None
    submitted_at: dt.datetime | None = None
    recommendation_letter: bool | None = None
    folder: str | None = None
    line: int = 0  # its row in the entries table
    phone: str = ""  # 联系电话: for the committee's audit page, never published


@dataclass
class PanelSheets:
    """One judged panel's sheets, column by column: position i is one judge's sheet for one entry.

    Marks are exact integers: ``marks[c][i] / scales[c]`` is the mark for criterion ``c``.
    Sheets are in the order of the scores file.
    """

    panel: str
    entry: list[str]
    judge: list[str]
    marks: dict[str, list[int]]  # judged criterion id -> scaled marks
    scales: dict[str, int]  # judged criterion id -> the denominator of its marks
    item: list[str | None] | None = None  # None: the panel judges one item per entry
    factor: list[Fraction] | None = None  # None: every factor is 1
    rank: list[int | None] | None = None  # a ranked-ballot panel: each sheet's rank (None: the judge did not rank it)
    weight: list[Fraction] | None = None  # None: every sheet weighs 1 (the 权重 column)

    def __len__(self) -> int:
        return len(self.entry)

    def rows_by_entry(self) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for position, entry in enumerate(self.entry):
            group = groups.get(entry)
            if group is None:
                groups[entry] = [position]
            else:
                group.append(position)
        return groups


@dataclass(frozen=True)
class ManualVerdict:
    entry: str
    check: str
    result: str  # "pass" | "fail"
    note: str = ""
    location: Location | None = None


@dataclass(frozen=True)
class Forfeit:
    """A row of ``forfeits``: a winner gave ``award`` up (``entry``: an entry id, or a unit for a unit award)."""

    entry: str
    award: str
    note: str = ""
    location: Location | None = None


@dataclass
class ContestData:
    entries: list[Entry]
    sheets: dict[str, PanelSheets] = field(default_factory=dict)  # judged panel id -> its sheets
    votes: dict = field(default_factory=dict)  # (entry, category) -> int
    has_votes_file: bool = False
    units: dict = field(default_factory=dict)  # unit -> {metric: Fraction}
    verdicts: list[ManualVerdict] = field(default_factory=list)
    submissions: Path | None = None
    warnings: list[Problem] = field(default_factory=list)
    inputs: dict = field(default_factory=dict)  # file name -> sha256
    folder: Path | None = None
    # a raw vote log's count (rubric_engine.votes.count.VoteCount): where every vote went, and
    # ``vote_count.log``, the log itself as a DuckDB table (``.relation()``, ``.arrow()``); None for tallies
    vote_count: Any = None
    assignments: Assignments = field(default_factory=Assignments)  # who scores which entry (empty: everyone all)
    forfeits: list[Forfeit] = field(default_factory=list)  # applied after the awards (engine/cascades.py)
    # where the file checks' verdicts came from, for the results: a saved file {"path", "sha256"}
    # (``--verdicts``), or the verdict cache {"path", "entries", "sha256"} when it served any
    verdicts_file: dict | None = None
    verdicts_cache: dict | None = None
    # the entries table's extra columns by header as written (data/attributes.py): ``entry.<header>``
    attributes: dict[str, Attribute] = field(default_factory=dict)
