"""What a normalisation plugin registers and gets (``register_normalisations``). Imports nothing heavy.

A normalisation sees the WHOLE panel's sheets at once (every judge, every entry, disqualified
entries included; one item at a time on a panel with items), before any entry is aggregated:
per-judge z-scores and ranks need every total a judge gave.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence


@dataclass(frozen=True)
class NormalisationContext:
    """Where a normalisation runs: the panel, the item (or None), and the judged maximum of one sheet
    (the judged criteria's maxima, without 规范性)."""

    panel: str
    label: str
    max: Fraction
    item: str | None = None


@dataclass(frozen=True)
class Normalised:
    """A normalisation's outcome, position by position in the sheets it was given.

    ``totals``: each sheet's normalised total (a ``Fraction``, or anything ``Fraction()`` takes
    exactly, such as a ``Decimal``). ``terms``: per sheet, the numbers ``explain`` shows (e.g.
    ``{"judge_mean": …, "judge_sd": …}``); ``notes``: per sheet, a ``Message`` saying them in
    words (or None). ``summary``: the terms of the whole group (e.g. the panel's mean and sd).
    ``warnings``: ``Message``s, each reported once as a warning of the run.
    """

    totals: Sequence[Any]
    terms: Sequence[Mapping[str, Any]] = ()
    notes: Sequence[Any] = ()
    summary: Mapping[str, Any] = field(default_factory=dict)
    warnings: Sequence[Any] = ()


@dataclass(frozen=True)
class Normalisation:
    """Turns every judge's raw judged total on a panel into a normalised total, before aggregation.

    ``normalise(sheets, params, context)`` gets the panel's :class:`rubric_engine.Sheet` list
    (``entry``, ``judge``, ``marks``, ``total`` = the judged marks' sum, exact; 规范性 is added
    after), the params written beside ``method`` in the rubric's ``normalise:`` and a
    :class:`NormalisationContext`; it returns a :class:`Normalised` with one total per sheet.
    ``params_schema`` validates the params (no schema: the normalisation takes none).
    Raise ``ValueError`` when it cannot apply.
    """

    name: str
    normalise: Callable[[Sequence[Any], Mapping[str, Any], NormalisationContext], Normalised]
    summary: Any = ""
    params_schema: Mapping[str, Any] = field(default_factory=dict)
