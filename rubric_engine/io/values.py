"""Parsing one cell's text into a typed value, with a located error when it cannot."""
from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from ..errors import Problem
from ..limits import limit, raise_hint
from .tables import Cell, cell_datetime

_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_FULL_WIDTH = re.compile(r"[\uff10-\uff19\uff0e\uff0d\uff0b]")
TRUE_WORDS = {"yes", "y", "true", "1", "是", "有", "✓", "√"}
FALSE_WORDS = {"no", "n", "false", "0", "否", "无", "没有", "×", "✗"}


class CellError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def cell_error(cell: Cell, message: str, hint: str | None = None, code: str = "data.value") -> CellError:
    return CellError(Problem("error", code, message, cell.location, hint))


def _shorten(text: str, keep: int = 40) -> str:
    return text if len(text) <= keep else f"{text[:keep]}… ({len(text)} characters)"


def number(cell: Cell, what: str, *, negative: bool = False) -> Fraction:
    """An exact number: ``87.5`` is 175/2; full-width digits, NaN and negatives are errors."""
    value = cell.value
    if isinstance(value, bool):
        raise cell_error(cell, f"{what} must be a number, not {value}")
    if isinstance(value, int):
        result = Fraction(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise cell_error(cell, f"{what} is {value}, not a number", "type the number")
        result = Fraction(repr(value))
    else:
        text = cell.text.replace(",", "") if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", cell.text) else cell.text
        if not text:
            raise cell_error(cell, f"{what} is empty", "fill in the number", "data.missing")
        if _FULL_WIDTH.search(text):
            raise cell_error(cell, f"{what} {text!r} is written with full-width digits",
                             "retype it with half-width digits (switch the input method to 半角)",
                             "data.full_width")
        if not _NUMBER.fullmatch(text):
            raise cell_error(cell, f"{what} {_shorten(text)!r} is not a number", "write digits such as 85 or 85.5")
        digits = len(text) - text.count(".") - (text[0] in "+-")
        if digits > limit("MAX_NUMBER_DIGITS"):
            raise cell_error(cell, f"{what} has {digits} digits, more than {limit('MAX_NUMBER_DIGITS')}",
                             "is a digit repeated by mistake? " + raise_hint("MAX_NUMBER_DIGITS"), "data.limit")
        result = Fraction(text)
    if result < 0 and not negative:
        raise cell_error(cell, f"{what} {cell.text} is negative", "marks and counts are 0 or more")
    return result


def whole_number(cell: Cell, what: str) -> int:
    value = number(cell, what)
    if value.denominator != 1:
        raise cell_error(cell, f"{what} {cell.text} is not a whole number")
    return int(value)


def boolean(cell: Cell, what: str) -> bool | None:
    text = cell.text.lower()
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise cell_error(cell, f"{what} {cell.text!r} is not yes or no", "write yes/no, 是/否 or 有/无")


def timestamp(cell: Cell, what: str) -> dt.datetime | None:
    """An ISO date or datetime (``2018-11-10``, ``2018-11-10 18:30``, ``2018/11/10``)."""
    native = cell_datetime(cell.value)
    if native is not None:
        return native
    text = cell.text
    if not text:
        return None
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":  # already ISO: the C parser alone
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
    normalised = text.replace("/", "-").replace("T", " ")
    normalised = re.sub(r"^(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}",
                        normalised)
    normalised = re.sub(r" (\d):", r" 0\1:", normalised)
    try:
        return dt.datetime.fromisoformat(normalised)
    except ValueError:
        raise cell_error(cell, f"{what} {text!r} is not a date or time",
                         "write it as 2018-11-10 or 2018-11-10 18:30") from None


def choice(cell: Cell, what: str, options: dict[str, str]) -> str:
    """Map a cell to an id, accepting ids and labels (case-insensitive for ids)."""
    from ..errors import did_you_mean

    text = cell.text
    if text in options:
        return options[text]
    lowered = {k.lower(): v for k, v in options.items()}
    if text.lower() in lowered:
        return lowered[text.lower()]
    hint = did_you_mean(text, options) or "use one of: " + ", ".join(sorted(set(options)))
    if not text:
        raise cell_error(cell, f"{what} is empty", hint, "data.missing")
    raise cell_error(cell, f"unknown {what} {text!r}", hint, "data.unknown")
