"""Entry attributes: the extra columns of the entries table, each typed once for the whole column.

A column is boolean when every non-empty cell is 是/否/有/无/yes/no/true/false (any case), a number
column when every non-empty cell is a number, else text. An empty cell has no value (``None``): a
condition reading it is false (``rubric_engine.engine.eligibility``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping

TRUE_WORDS = frozenset({"是", "有", "yes", "true"})
FALSE_WORDS = frozenset({"否", "无", "no", "false"})
_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]+)?|\.[0-9]+)")


class Kind:
    """The type of an attribute column (the words the expression compiler uses)."""

    BOOL = "bool"
    NUMBER = "number"
    TEXT = "text"


def truth(word: str) -> bool | None:
    """是/有/yes/true → True, 否/无/no/false → False, anything else None."""
    word = word.strip().casefold()
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


@dataclass(frozen=True)
class Attribute:
    """One extra column: its header as written, its kind, each entry's value (None: an empty cell)."""

    header: str
    kind: str
    values: Mapping[str, object] = field(default_factory=dict)  # entry id -> bool | Fraction | str | None
    file: str = ""
    column: int = 0  # 1-based position in the entries table, for messages
    lines: Mapping[str, int] = field(default_factory=dict)  # entry id -> its row in the table


def typed_column(header: str, texts: list[str]) -> tuple[str, list]:
    """The kind of a column from its cells' texts, and each cell's typed value (None where empty)."""
    present = {t for t in texts if t}
    if present and all(truth(t) is not None for t in present):
        return Kind.BOOL, [truth(t) if t else None for t in texts]
    if present and all(_NUMBER.fullmatch(t.replace(",", "")) for t in present):
        return Kind.NUMBER, [Fraction(t.replace(",", "")) if t else None for t in texts]
    return Kind.TEXT, [t or None for t in texts]
