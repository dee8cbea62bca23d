"""A ranked-ballot panel summing its judges' points with neither ``judges:`` nor ``max:``.

Its maximum then falls back to the rank table's top points — one judge's best — though the
sum of several judges' points goes above it (rubric/ballots.py). Other aggregations (mean,
median …) reach exactly the top points, so they are not warned.
"""
from __future__ import annotations

from ..errors import Problem
from ..language.units import format_number
from ..messages import Message
from .model import Rubric
from .yaml_source import YamlDocument

EXAMPLE_JUDGES = 5  # the hint's example: max for five judges


def lint_ranked_max(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    raw_panels = doc.data.get("panels") if isinstance(doc.data, dict) else None
    problems = []
    for index, panel in enumerate(rubric.panels):
        if panel.ballot != "ranked" or panel.rank_table is None or panel.aggregation != "sum":
            continue
        raw = raw_panels[index] if isinstance(raw_panels, list) and index < len(raw_panels) else {}
        if not isinstance(raw, dict) or "judges" in raw or "max" in raw:
            continue
        top = panel.rank_table.top
        message = Message("lint.ranked_max", panel=panel.label, top=format_number(top))
        problems.append(Problem("warning", message.code, message, doc.location(("panels", index, "ballot")),
                                Message("lint.ranked_max.hint", top=format_number(top), count=EXAMPLE_JUDGES,
                                        example=format_number(top * EXAMPLE_JUDGES))))
    return problems
