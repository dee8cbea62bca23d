"""Per-judge normalisation (a panel's ``normalise:``): judge total → normalise → aggregate.

The panel's normalisation (a registered plugin, bound to the panel at load) sees the whole
panel's raw judged totals — every judge, every entry, disqualified ones included — one item at
a time where the panel has items (:func:`item_groups`, the per-item seam). 规范性 is added to
the normalised total afterwards, by the scoring. Nothing here runs for ``normalise: none``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..data import PanelSheets
from ..errors import DataInputError, Problem
from ..extension import Sheet, _message
from ..normalising import NormalisationContext
from ..rubric.model import Panel


@dataclass(slots=True)
class NormalisedPanel:
    """The panel's sheets after normalisation, position by position (as in :class:`PanelSheets`)."""

    method: str
    raw: list[Fraction]  # the judged marks' sum of each sheet
    totals: list[Fraction]  # its normalised total
    terms: list[dict]  # per sheet: the numbers explain shows
    notes: list[Any]  # per sheet: a Message saying them, or None
    summary: dict = field(default_factory=dict)  # item (or None) -> the group's own terms
    warnings: list[Problem] = field(default_factory=list)

    def rescaled(self, scale: int) -> tuple[int, list[int]]:
        """A common denominator for the normalised totals (a multiple of ``scale``) and the totals over it:
        the scoring's integer fast path then works on them as on raw totals."""
        common = math.lcm(scale, *{t.denominator for t in self.totals})
        return common, [t.numerator * (common // t.denominator) for t in self.totals]


def item_groups(sheets: PanelSheets) -> dict[str | None, list[int]]:
    """The positions normalised together: all of the panel's sheets, or one item's (per item)."""
    if not sheets.item:
        return {None: list(range(len(sheets)))}
    groups: dict[str | None, list[int]] = {}
    for position, item in enumerate(sheets.item):
        groups.setdefault(item, []).append(position)
    return groups


def normalise_panel(panel: Panel, sheets: PanelSheets, judged: list[str], totals: list[int], scale: int,
                    judged_max: Fraction) -> NormalisedPanel | None:
    """The normalised totals of every sheet of ``panel`` (``totals`` are the raw judged totals × ``scale``);
    None when the panel normalises nothing."""
    impl = panel.normalisation_impl
    if impl is None or not len(sheets):
        return None
    raw = [Fraction(t, scale) for t in totals]
    result = NormalisedPanel(panel.normalise, raw, list(raw), [{} for _ in raw], [None] * len(raw))
    for item, positions in item_groups(sheets).items():
        group = [Sheet(sheets.judge[i], {c: Fraction(sheets.marks[c][i], sheets.scales[c]) for c in judged}, raw[i],
                       item=item, entry=sheets.entry[i]) for i in positions]
        context = NormalisationContext(panel.id, panel.label, judged_max, item)
        try:
            outcome = impl.normalise(group, dict(panel.normalise_params), context)
            totals = [Fraction(t) for t in outcome.totals]
        except (ValueError, TypeError) as exc:
            raise DataInputError.of("data.normalisation", None, panel=panel.label, method=panel.normalise,
                                    reason=str(exc)) from None
        if len(totals) != len(group):
            raise DataInputError.of("data.normalisation", None, panel=panel.label, method=panel.normalise,
                                    reason=f"{len(totals)} totals for {len(group)} sheets")
        terms, notes = list(outcome.terms) or [{}] * len(group), list(outcome.notes) or [None] * len(group)
        for k, position in enumerate(positions):
            result.totals[position] = totals[k]
            result.terms[position] = dict(terms[k])
            result.notes[position] = notes[k]
        result.summary[item] = dict(outcome.summary)
        for said in outcome.warnings:
            message = _message(said)
            result.warnings.append(Problem("warning", message.code, message, None, message.hint()))
    return result
