"""Units of the rubric language. Every quantity is kept exactly in its base unit.

Sizes are binary, as Windows Explorer shows them (and as organisers read "3M"):
``1 KB = 1024 B``, ``1 MB = 1024 KB``. ``KiB``/``MiB``/``GiB`` are accepted as the
same units.
"""
from __future__ import annotations

from enum import Enum
from fractions import Fraction


class Dimension(str, Enum):
    NUMBER = "number"
    SIZE = "size"  # bytes
    DURATION = "duration"  # seconds
    FONT_SIZE = "font size"  # points

    def __str__(self) -> str:
        return self.value


UNITS: dict[str, tuple[Dimension, Fraction]] = {
    "%": (Dimension.NUMBER, Fraction(1, 100)),
    "B": (Dimension.SIZE, Fraction(1)),
    "KB": (Dimension.SIZE, Fraction(1024)),
    "MB": (Dimension.SIZE, Fraction(1024**2)),
    "GB": (Dimension.SIZE, Fraction(1024**3)),
    "KiB": (Dimension.SIZE, Fraction(1024)),
    "MiB": (Dimension.SIZE, Fraction(1024**2)),
    "GiB": (Dimension.SIZE, Fraction(1024**3)),
    "s": (Dimension.DURATION, Fraction(1)),
    "sec": (Dimension.DURATION, Fraction(1)),
    "min": (Dimension.DURATION, Fraction(60)),
    "h": (Dimension.DURATION, Fraction(3600)),
    "pt": (Dimension.FONT_SIZE, Fraction(1)),
}

_DISPLAY_UNIT = {Dimension.SIZE: "MB", Dimension.DURATION: "min", Dimension.FONT_SIZE: "pt"}


def format_quantity(value: Fraction, dimension: Dimension) -> str:
    """A readable rendering, e.g. ``3 MB`` or ``4.5 min``; exact where it can be."""
    if dimension is Dimension.NUMBER:
        return format_number(value)
    unit = _DISPLAY_UNIT[dimension]
    if dimension is Dimension.SIZE and abs(value) < 1024**2:
        unit = "KB" if abs(value) >= 1024 else "B"
    if dimension is Dimension.DURATION and abs(value) < 60:
        unit = "s"
    return f"{format_number(value / UNITS[unit][1])} {unit}"


def round_half_up(value: Fraction | int, places: int) -> Fraction:
    """Round exactly, halves away from zero (90.195 → 90.20), as people round by hand."""
    scale = 10**places
    if isinstance(value, int):
        return Fraction(value)
    numerator, denominator = value.numerator, value.denominator
    magnitude = (2 * abs(numerator) * scale + denominator) // (2 * denominator)  # floor(|v| × scale + 1/2)
    return Fraction(magnitude if numerator >= 0 else -magnitude, scale)


def format_fixed(value: Fraction | int | float | str, places: int) -> str:
    """``value`` rounded half-up (away from zero) to exactly ``places`` decimals, trailing zeros kept:
    92.60 beside 92.62, as a score is shown (a float or text is read by its decimal digits)."""
    if not isinstance(value, (Fraction, int)):
        value = Fraction(str(value))
    rounded = round_half_up(value, places) if hasattr(value, "numerator") else Fraction(value)
    scale = 10**places
    magnitude = abs(rounded.numerator * scale // rounded.denominator)
    whole, rest = divmod(magnitude, scale)
    sign = "-" if rounded < 0 and magnitude else ""
    return f"{sign}{whole}" + (f".{rest:0{places}d}" if places else "")


def format_exact(value: Fraction | int, places: int = 8) -> str:
    """The exact value in decimals when it has at most ``places`` of them (75.8825), else ``places``
    decimals and an ellipsis (75.88333333…): the start of the rounding step explain shows."""
    value = Fraction(value)
    scale = 10**places
    if (value * scale).denominator == 1:
        return format_number(value, places)
    digits = abs(int(value * scale))  # towards zero: only digits the value has
    text = f"{digits // scale}.{digits % scale:0{places}d}"
    return ("-" if value < 0 else "") + text + "…"


def format_number(value: Fraction | int, places: int = 4) -> str:
    """Exact integers stay integers; other values show at most ``places`` decimals."""
    if isinstance(value, int) or value.denominator == 1:
        return str(int(value))
    scale = 10**places
    numerator, denominator = value.numerator, value.denominator
    magnitude = (2 * abs(numerator) * scale + denominator) // (2 * denominator)
    whole, rest = divmod(magnitude, scale)
    if not rest:
        return str(whole if numerator >= 0 or not whole else -whole)
    sign = "-" if numerator < 0 else ""
    return f"{sign}{whole}.{rest:0{places}d}".rstrip("0").rstrip(".")
