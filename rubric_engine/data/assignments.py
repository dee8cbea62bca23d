"""Judge assignments: which entries a judge scores on a panel (issue 14, deliver 6).

From an ``assignments`` table in the data folder (``judge, entry``, optional ``panel``; a row
without a panel applies to every panel) and from a panel's ``judges: [{name, entries}]`` in
the rubric. A judge named in neither is unrestricted. A sheet for a pair never assigned is an
error; a missing sheet of an assigned pair a warning; pairs never assigned are never warned.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Assignments:
    # panel id (None: every panel) -> judge key -> the entry ids assigned
    pairs: dict[str | None, dict[str, set[str]]] = field(default_factory=dict)

    def add(self, panel: str | None, judge: str, entries) -> None:
        self.pairs.setdefault(panel, {}).setdefault(judge, set()).update(entries)

    def allowed(self, panel: str, judge: str) -> set[str] | None:
        """The entries ``judge`` scores on ``panel``; None when the judge is unrestricted there."""
        own, every = self.pairs.get(panel, {}).get(judge), self.pairs.get(None, {}).get(judge)
        if own is None and every is None:
            return None
        return (own or set()) | (every or set())

    def assigned(self, panel: str, judge: str, entry: str) -> bool:
        allowed = self.allowed(panel, judge)
        return allowed is None or entry in allowed

    def __bool__(self) -> bool:
        return bool(self.pairs)
