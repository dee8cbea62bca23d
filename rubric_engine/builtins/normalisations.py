"""Built-in per-judge normalisations (a panel's ``normalise:``): ``zscore`` and ``rank``.

Both see the whole panel's sheets (one item at a time) and give each judge's raw judged total
a new value; the panel's aggregation then applies. docs/rubric-language.md states the formulas.

zscore: ``M + S × (t − m_j) / s_j``; ``t − m_j`` is exact, the rest is computed with ``decimal``
at 28 significant digits (square roots are not rational), and each result is rounded half up to
12 decimal places, so equal inputs give equal outputs and ties stay real.
rank: ``max × (n − r) / (n − 1)`` over mid-ranks ``r`` (1 = the judge's highest total): exact.
"""
from __future__ import annotations

import decimal
from fractions import Fraction

from rubric_engine import Message, Normalisation, Normalised, format_number, hookimpl

PLACES = 12
_CONTEXT = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)
_QUANTUM = decimal.Decimal(1).scaleb(-PLACES)


def _decimal(value: Fraction) -> decimal.Decimal:
    return _CONTEXT.divide(decimal.Decimal(value.numerator), decimal.Decimal(value.denominator))


def _rounded(value) -> Fraction:
    """``value`` (an exact Fraction or a Decimal) rounded half up (away from zero) to 12 places, exactly."""
    if isinstance(value, Fraction):
        scaled = abs(value) * 10 ** PLACES
        whole = int(scaled + Fraction(1, 2))
        return Fraction(whole if value >= 0 else -whole, 10 ** PLACES)
    return Fraction(value.quantize(_QUANTUM, rounding=decimal.ROUND_HALF_UP, context=_CONTEXT))


def _mean_variance(values: list[Fraction]) -> tuple[Fraction, Fraction]:
    mean = sum(values, Fraction(0)) / len(values)
    return mean, sum(((v - mean) ** 2 for v in values), Fraction(0)) / len(values)


def _by_judge(sheets) -> dict[str, list[int]]:
    judges: dict[str, list[int]] = {}
    for position, sheet in enumerate(sheets):
        judges.setdefault(sheet.judge, []).append(position)
    return judges


def _few(context, judge: str, count: int, minimum: int) -> Message:
    return Message("normalise.few_sheets", panel=context.label, judge=judge, count=count, min=minimum,
                   item=context.item or "")


def _shown(value) -> str:
    return format_number(Fraction(value))


def zscore(sheets, params, context) -> Normalised:
    totals = [Fraction(s.total) for s in sheets]
    panel_mean, panel_variance = _mean_variance(totals)
    panel_sd = _CONTEXT.sqrt(_decimal(panel_variance))
    minimum = params.get("min_sheets", 3)
    values: list = list(totals)
    terms: list = [{} for _ in sheets]
    notes: list = [None] * len(sheets)
    warnings = []
    for judge, positions in _by_judge(sheets).items():
        own = [totals[i] for i in positions]
        if len(own) < minimum:
            warnings.append(_few(context, judge, len(own), minimum))
            for i in positions:
                terms[i] = {"judge_sheets": len(own), "kept_raw": True}
                notes[i] = Message("normalise.kept_raw", count=len(own), min=minimum)
            continue
        judge_mean, judge_variance = _mean_variance(own)
        judge_sd = _CONTEXT.sqrt(_decimal(judge_variance))
        for i in positions:
            if panel_variance == 0 or judge_variance == 0:
                value = _rounded(panel_mean)
            else:
                step = _CONTEXT.divide(_decimal(totals[i] - judge_mean), judge_sd)
                value = _rounded(_CONTEXT.add(_decimal(panel_mean), _CONTEXT.multiply(panel_sd, step)))
            values[i] = value
            terms[i] = {"judge_mean": judge_mean, "judge_sd": judge_sd, "judge_sheets": len(own)}
            flat = panel_variance == 0 or judge_variance == 0
            notes[i] = Message("normalise.zscore.sheet:flat" if flat else "normalise.zscore.sheet", raw=_shown(totals[i]), mean=_shown(judge_mean),
                               sd=_shown(judge_sd), panel_mean=_shown(panel_mean), panel_sd=_shown(panel_sd),
                               value=_shown(value))
    return Normalised(values, terms, notes, {"mean": panel_mean, "sd": panel_sd}, warnings)


def _mid_ranks(totals: list[Fraction]) -> list[Fraction]:
    """Each total's mid-rank among ``totals``, 1 = the highest; equal totals share the mean of their places."""
    order = sorted(range(len(totals)), key=lambda i: -totals[i])
    ranks = [Fraction(0)] * len(totals)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and totals[order[end + 1]] == totals[order[start]]:
            end += 1
        for k in range(start, end + 1):
            ranks[order[k]] = Fraction(start + end + 2, 2)
        start = end + 1
    return ranks


def rank(sheets, params, context) -> Normalised:
    totals = [Fraction(s.total) for s in sheets]
    minimum = params.get("min_sheets", 1)
    values: list = list(totals)
    terms: list = [{} for _ in sheets]
    notes: list = [None] * len(sheets)
    warnings = []
    top = Fraction(context.max)
    for judge, positions in _by_judge(sheets).items():
        n = len(positions)
        if n < minimum:
            warnings.append(_few(context, judge, n, minimum))
            for i in positions:
                terms[i] = {"judge_sheets": n, "kept_raw": True}
                notes[i] = Message("normalise.kept_raw", count=n, min=minimum)
            continue
        for i, r in zip(positions, _mid_ranks([totals[i] for i in positions])):
            values[i] = top if n == 1 else top * (n - r) / (n - 1)
            terms[i] = {"rank": r, "judge_sheets": n}
            notes[i] = Message("normalise.rank.sheet:one" if n == 1 else "normalise.rank.sheet", raw=_shown(totals[i]), rank=format_number(r),
                               count=n, max=_shown(top), value=_shown(values[i]))
    return Normalised(values, terms, notes, {"max": top}, warnings)


MIN_SHEETS = {"type": "object", "additionalProperties": False,
              "properties": {"min_sheets": {"type": "integer", "minimum": 1}}}


@hookimpl
def register_normalisations(register):
    for name, fn in (("zscore", zscore), ("rank", rank)):
        register(Normalisation(name, fn, summary=Message(f"normalise.{name}.summary"), params_schema=MIN_SHEETS))
