"""Explain's data for a judged panel's normalisation, sheet weights and aggregation notes (issue 14).

Numbers as the document carries them (``num`` and, where a total enters the score, ``exact``);
a plugin's words as ``Message.to_dict()``; rendered at the edge (render/tabular.py).
"""
from __future__ import annotations

import decimal
from fractions import Fraction
from typing import Any

from ..extension import _message
from ..messages import Message
from .document import exact, num


def _value(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (int, Fraction)):
        return num(value, 12)
    return str(value)


def sheet_normalisation(judged, line) -> dict | None:
    """One sheet's raw total, its normalisation's terms and words, and the normalised total."""
    normalised = judged.normalised
    if normalised is None or line.position < 0:
        return None
    position = line.position
    note = normalised.notes[position]
    return {"method": normalised.method, "raw": num(normalised.raw[position]),
            "total": num(normalised.totals[position], 12), "total_exact": exact(normalised.totals[position]),
            "terms": {key: _value(value) for key, value in normalised.terms[position].items()},
            "note": _message(note).to_dict() if note is not None else None}


def panel_normalisation(judged) -> dict | None:
    """The panel's normalisation: its method, params and each group's own terms (the panel's M and S)."""
    normalised = judged.normalised
    if normalised is None:
        return None
    return {"method": normalised.method, "params": dict(judged.panel.normalise_params),
            "groups": [{"item": item, "terms": {k: _value(v) for k, v in terms.items()}}
                       for item, terms in normalised.summary.items()]}


def aggregation_notes(judged, entry_id: str, lines) -> list[dict]:
    """The aggregation's ``Aggregated.note`` for the entry (one per item on a panel with items), as data."""
    groups: dict = {}
    for line in lines:
        groups.setdefault(line.item, []).append(line)
    notes = []
    for item, group in groups.items():
        note = judged.aggregate(group, entry_id).note
        if note:
            notes.append({"item": item, "note": _message(note).to_dict()})
    return notes


def sheet_extras(judged, line) -> dict:
    """What explain adds to one sheet: its weight (when not 1) and its normalisation."""
    extras = {}
    if line.weight != 1:
        extras["weight"] = num(line.weight)
    terms = sheet_normalisation(judged, line)
    if terms is not None:
        extras["normalised"] = terms
    return extras


def panel_extras(judged, entry_id: str, lines) -> dict:
    """What explain adds to a judged panel: its normalisation and the aggregation's notes."""
    extras = {}
    section = panel_normalisation(judged)
    if section is not None:
        extras["normalisation"] = section
    notes = aggregation_notes(judged, entry_id, lines) if lines else []
    if notes:
        extras["aggregation_notes"] = notes
    return extras
