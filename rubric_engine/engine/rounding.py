"""Declared rounding, applied exactly (issue 14): marks, items, panel scores.

The order of a judged panel's steps: marks → criterion ``round`` → judge total → (normalise)
→ aggregate → × factor → ``item_round`` → combine items → × ``scale`` → ``round``.
Modes: ``half_up`` rounds a half away from zero (−2.345 → −2.35), ``half_even`` to the even
last digit (2.345 → 2.34, 2.355 → 2.36), ``down`` toward zero (−2.349 → −2.34). Values are
Fractions throughout: no binary float ever rounds a decimal.

Each rounding that changes a value can be recorded as a step (a :class:`Message`: data with
a code and fields until rendered), for ``explain``.
"""
from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from ..data import PanelSheets
from ..language.units import format_exact
from ..messages import Message
from ..rubric.model import Panel, Rounding, Rubric


def round_exact(value: Fraction, decimals: int, mode: str = "half_up") -> Fraction:
    """``value`` rounded to ``decimals`` places by ``mode``, exactly."""
    unit = 10 ** decimals
    scaled = Fraction(value) * unit
    if scaled.denominator == 1:
        return Fraction(scaled.numerator, unit)
    whole, rest = divmod(abs(scaled.numerator), scaled.denominator)  # |scaled| = whole + rest / denominator
    twice = 2 * rest
    if mode == "half_up":
        whole += twice >= scaled.denominator
    elif mode == "half_even":
        whole += twice > scaled.denominator or (twice == scaled.denominator and whole % 2 == 1)
    elif mode != "down":
        raise ValueError(f"unknown rounding mode {mode!r}")
    return Fraction(-whole if scaled < 0 else whole, unit)


def applied(rounding: Rounding | None, value: Fraction) -> Fraction:
    return value if rounding is None else round_exact(value, rounding.decimals, rounding.mode)


def step(key: str, rounding: Rounding, before: Fraction, after: Fraction, **fields) -> Message:
    """One rounding as data: ``explain.round.<mark|item|panel>`` with the exact value and the kept one."""
    return Message(f"explain.round.{key}", exact=format_exact(before), rounded=format_exact(after),
                   decimals=rounding.decimals, mode=Message(f"explain.round.mode.{rounding.mode}"), **fields)


def round_marks(rubric: Rubric, sheets: PanelSheets) -> PanelSheets:
    """The sheets with every mark of a criterion with ``round`` rounded (a new object; the same when none)."""
    marks, scales = dict(sheets.marks), dict(sheets.scales)
    changed = False
    for criterion_id, column in sheets.marks.items():
        rounding = rubric.criterion(criterion_id).round
        scale = sheets.scales[criterion_id]
        unit = 10 ** rounding.decimals if rounding is not None else 1
        if rounding is None or unit % scale == 0:
            continue  # every mark already has at most ``decimals`` places
        distinct = {m: round_exact(Fraction(m, scale), rounding.decimals, rounding.mode) for m in set(column)}
        marks[criterion_id] = [int(distinct[m] * unit) for m in column]
        scales[criterion_id] = unit
        changed = True
    return replace(sheets, marks=marks, scales=scales) if changed else sheets


def mark_steps(rubric: Rubric, raw: PanelSheets, rounded: PanelSheets, positions) -> list[Message]:
    """The marks that rounding changed on the sheets at ``positions`` (explain)."""
    steps = []
    for position in positions:
        for criterion_id in raw.marks:
            before = Fraction(raw.marks[criterion_id][position], raw.scales[criterion_id])
            after = Fraction(rounded.marks[criterion_id][position], rounded.scales[criterion_id])
            if before != after:
                criterion = rubric.criterion(criterion_id)
                steps.append(step("mark", criterion.round, before, after, judge=raw.judge[position],
                                  criterion=criterion.label, item=raw.item[position] if raw.item else ""))
    return steps


def finish(panel: Panel, value: Fraction, steps: list | None = None) -> Fraction:
    """The panel score from its combined value: × ``scale``, then ``round`` (each recorded in ``steps``)."""
    if panel.scale is None and panel.round is None:
        return value
    if panel.scale is not None:
        scaled = value * panel.scale
        if steps is not None:
            steps.append(Message("explain.scale", value=format_exact(value), scale=format_exact(panel.scale),
                                 scaled=format_exact(scaled)))
        value = scaled
    if panel.round is not None:
        rounded = applied(panel.round, value)
        if steps is not None and rounded != value:
            steps.append(step("panel", panel.round, value, rounded))
        value = rounded
    return value
