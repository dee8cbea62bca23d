"""Key cells (judge, panel, entry) compared the way a person reads them.

A judge typed as ``专家3`` on one sheet and ``专家3\\u200b`` (a zero-width space pasted from a
chat) or ``专家３`` (a full-width digit) on another is one judge to the organiser; as plain
strings they are two, and an entry's mean silently changes. Every key cell is folded: NFKC,
then every format character (Unicode category Cf: U+200B, U+200D, U+2060, U+FEFF …) removed.
When folding merges two spellings that are not the same text, a warning names both (the
invisible characters written out, ``\\u200b``), at the row of the second.
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import Problem

# the format characters (Cf) of Unicode 15, as one class; a test keeps it complete
FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")


def fold_key(text: str) -> str:
    """``text`` as a key: NFKC, format characters removed, outer spaces stripped."""
    if text.isascii():
        return text.strip()
    return FORMAT_CHARACTERS.sub("", unicodedata.normalize("NFKC", text)).strip()


def escaped(text: str) -> str:
    """``text`` with its format and control characters written out (``专家3\\u200b``), for a message."""
    return re.sub(FORMAT_CHARACTERS.pattern[:-1] + "\x00-\x1f\x7f-\x9f]",
                  lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) <= 0xFFFF else f"\\U{ord(m.group()):08x}",
                  text)


def fold_column(values: list[str], location, what: str) -> tuple[list[str], list[Problem]]:
    """The folded keys of one column, and a warning for each pair of spellings folding merged.

    ``location(row)`` locates a row's cell; ``what`` names the column's kind (a catalogue key's field)."""
    distinct = set(values)
    if all(type(v) is str and v.isascii() for v in distinct):
        return values, []  # the common case: nothing to fold
    fold = {value: fold_key(value) for value in distinct}  # a column holds few spellings: each folded once
    folded = list(map(fold.__getitem__, values))
    spellings: dict[str, int] = {}
    for key in fold.values():
        spellings[key] = spellings.get(key, 0) + 1
    if all(count == 1 for key, count in spellings.items() if key):
        return folded, []  # no two spellings became one key: nothing to warn about
    first: dict[str, str] = {}  # folded -> first spelling
    warned: set[tuple[str, str]] = set()
    folded, problems = [], []
    for row, value in enumerate(values):
        key = fold_key(value)
        folded.append(key)
        if not key:
            continue
        seen = first.setdefault(key, value)
        if seen != value and (seen, value) not in warned:
            warned.add((seen, value))
            problems.append(Problem.of("warning", "data.key_folded", location(row), what=what,
                                       first=escaped(seen), second=escaped(value), key=escaped(key)))
    return folded, problems
