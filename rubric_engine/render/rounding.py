"""Exact scores shown at a number of decimals: half-up, zeros kept, parts that add up to their total.

Its own module so that the pages (page.py) and the template environment (templating.py) both
use it without importing each other.
"""
from __future__ import annotations

from fractions import Fraction

from .render_bounds import check_number


def shown(exact, decimals: int) -> str:
    """``exact`` (a fraction as text, or a number) rounded half-up to ``decimals``, zeros kept."""
    check_number(str(exact), decimals)  # a template may call it with anything: bounded first
    value = Fraction(str(exact))
    scale = 10**decimals
    magnitude = (2 * abs(value.numerator) * scale + value.denominator) // (2 * value.denominator)
    whole, rest = divmod(magnitude, scale)
    sign = "-" if value < 0 and magnitude else ""
    return f"{sign}{whole}" + (f".{rest:0{decimals}d}" if decimals else "")


def shown_parts(parts, total, decimals: int) -> list[str]:
    """Each of ``parts`` (exact, summing to ``total``) at ``decimals``, so that the shown parts add up
    to the shown total: every part rounded down, then the units the total's half-up rounding still
    needs go to the parts that lost most (largest remainder). Each is within one last digit of its value."""
    scale = 10**decimals
    exact_parts = [Fraction(str(p)) * scale for p in parts]
    target = Fraction(shown(total, decimals)) * scale
    floors = [part.numerator // part.denominator for part in exact_parts]
    missing = int(target) - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: (-(exact_parts[i] - floors[i]), i))
    for i in order[:max(0, missing)]:
        floors[i] += 1
    return [shown(Fraction(units, scale), decimals) for units in floors]
