"""The rubric language's notation as a person reads it in the output language (issue 17, deliver 6):
``800..1200`` → 800–1200, ``4 min..6 min`` → 4–6 分钟, a file kind ``photo`` → 照片."""
from __future__ import annotations

import re
from typing import Any

from ..messages import text, text_or_none

_SIDE = re.compile(r"^\s*(?P<number>-?\d+(?:\.\d+)?)\s*(?P<unit>[A-Za-z%]*)\s*$")
_UNIT_WORDS = {"min": "min", "s": "s", "sec": "s", "h": "h"}  # units said in words; MB, pt, % stay as written


def _unit(unit: str) -> str:
    key = _UNIT_WORDS.get(unit)
    return text(f"display.unit.{key}") if key else unit


def _side(side: str) -> str:
    match = _SIDE.match(side)
    if not match or not match["unit"]:
        return side.strip()
    return f"{match['number']} {_unit(match['unit'])}"


def range_text(value: Any) -> str:
    """A range as written in the rubric (``26..30``, ``4 min..6 min``, ``3 MB..``) in words; anything else as it is."""
    written = str(value)
    if written.count("..") != 1:
        return written
    low, high = written.split("..")
    if not low.strip() and not high.strip():
        return written
    if not high.strip():
        return text("display.range.from", low=_side(low))
    if not low.strip():
        return text("display.range.to", high=_side(high))
    left, right = _SIDE.match(low), _SIDE.match(high)
    if left and right and left["unit"] == right["unit"]:
        if left["unit"]:
            return text("display.range.unit", low=left["number"], high=right["number"], unit=_unit(left["unit"]))
        return text("display.range", low=left["number"], high=right["number"])
    return text("display.range", low=_side(low), high=_side(high))


def kind_label(value: str) -> str | None:
    """A file kind (photo, article, video) by its catalogue label, or None."""
    return text_or_none(f"checks.kind.{value}")
