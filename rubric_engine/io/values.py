"""Parsing one cell's text into a typed value, with a located error when it cannot."""
from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from ..errors import Problem
from ..limits import limit, raise_message
from ..language.wording import Joined
from ..messages import Message
from .tables import Cell, cell_datetime

_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_FULL_WIDTH = re.compile(r"[\uff10-\uff19\uff0e\uff0d\uff0b]")
TRUE_WORDS = {"yes", "y", "true", "1", "是", "有", "✓", "√"}
FALSE_WORDS = {"no", "n", "false", "0", "否", "无", "没有", "×", "✗"}


class CellError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def cell_error(cell: Cell, key: str, hint: Message | None = None, /, **fields) -> CellError:
    """The error ``key`` of the catalogue at ``cell``; its hint ``hint``, else ``key.hint``."""
    message = Message(key, **fields)
    return CellError(Problem("error", message.code, message, cell.location, hint or message.hint()))


def _shorten(text: str, keep: int = 40) -> str | Message:
    return text if len(text) <= keep else Message("data.shortened", start=text[:keep], count=len(text))


def number(cell: Cell, what: str | Message, *, negative: bool = False) -> Fraction:
    """An exact number: ``87.5`` is 175/2; full-width digits, NaN and negatives are errors."""
    value = cell.value
    if isinstance(value, bool):
        raise cell_error(cell, "data.value:bool", what=what, value=value)
    if isinstance(value, int):
        result = Fraction(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise cell_error(cell, "data.value:not_finite", what=what, value=value)
        result = Fraction(repr(value))
    else:
        text = cell.text.replace(",", "") if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", cell.text) else cell.text
        if not text:
            raise cell_error(cell, "data.missing:number", what=what)
        if _FULL_WIDTH.search(text):
            raise cell_error(cell, "data.full_width", what=what, text=text)
        if not _NUMBER.fullmatch(text):
            raise cell_error(cell, "data.value:not_number", what=what, text=_shorten(text))
        digits = len(text) - text.count(".") - (text[0] in "+-")
        if digits > limit("MAX_NUMBER_DIGITS"):
            raise cell_error(cell, "data.limit:digits", what=what, digits=digits, cap=limit("MAX_NUMBER_DIGITS"),
                             more=raise_message("MAX_NUMBER_DIGITS"))
        result = Fraction(text)
    if result < 0 and not negative:
        raise cell_error(cell, "data.value:negative", what=what, text=cell.text)
    return result


def whole_number(cell: Cell, what: str | Message) -> int:
    value = number(cell, what)
    if value.denominator != 1:
        raise cell_error(cell, "data.value:not_whole", what=what, text=cell.text)
    return int(value)


def boolean(cell: Cell, what: str | Message) -> bool | None:
    text = cell.text.lower()
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise cell_error(cell, "data.value:not_boolean", what=what, text=cell.text)


def timestamp(cell: Cell, what: str | Message) -> dt.datetime | None:
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
        raise cell_error(cell, "data.value:not_date", what=what, text=text) from None


def choice(cell: Cell, what: str | Message, options: dict[str, str]) -> str:
    """Map a cell to an id, accepting ids and labels (case-insensitive for ids)."""
    from ..errors import did_you_mean

    text = cell.text
    if text in options:
        return options[text]
    lowered = {k.lower(): v for k, v in options.items()}
    if text.lower() in lowered:
        return lowered[text.lower()]
    hint = did_you_mean(text, options) or Message("data.hint.one_of", options=Joined(sorted(set(options))))
    if not text:
        raise cell_error(cell, "data.missing:choice", hint, what=what)
    raise cell_error(cell, "data.unknown:choice", hint, what=what, text=text)
