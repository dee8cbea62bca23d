"""Values inside sentences, as a person writes them, in the language current when shown.

A problem found while the rubric loads is shown after its ``language:`` is known, so the
pieces of its sentence are rendered late too: :class:`Joined` is a list that joins itself
(``甲、乙`` or ``a, b``) when shown, :func:`written` turns a Python value into what one
would type in the rubric (``{nominations: 20%}``, never ``{'nominations': '20%'}``).
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable

from ..messages import Message, join, register_field_kind, text, text_or_none
from .units import format_number


class Joined:
    """A list inside a sentence, joined in the language current when it is shown.

    ``word`` is a catalogue key joining with a word instead: ``rubric.word.or`` (“或” / “ or ”:
    ``a number or text``), ``rubric.word.and``.
    """

    __slots__ = ("items", "word")

    def __init__(self, items: Iterable[Any], word: str | None = None):
        self.items, self.word = tuple(items), word

    def __str__(self) -> str:
        shown = [str(item) for item in self.items]
        return text(self.word).join(shown) if self.word else join(shown)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other) -> bool:
        return isinstance(other, Joined) and (self.items, self.word) == (other.items, other.word)

    def to_field(self) -> dict:
        from ..messages import field_data
        return {"kind": "joined", "items": [field_data(item) for item in self.items], "word": self.word}

    def __hash__(self) -> int:
        return hash((self.items, self.word))


def _joined_from(data: dict) -> "Joined":
    from ..messages import field_value
    return Joined(field_value(data.get("items", [])), data.get("word"))


register_field_kind("joined", _joined_from)


def dimension_word(dimension) -> Message:
    """``size`` → 文件大小 / size: the kind of a quantity inside a sentence."""
    return Message("rubric.dimension." + str(dimension).replace(" ", "_"))


class Label:
    """The catalogue label of a kind's name (``aggregation.mean`` → 平均分 / mean); the name itself
    when the catalogue has none (a plugin's own)."""

    __slots__ = ("kind", "name")

    def __init__(self, kind: str, name: str):
        self.kind, self.name = kind, name

    def __str__(self) -> str:
        return label(self.kind, self.name)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def to_field(self) -> dict:
        return {"kind": "label", "of": self.kind, "name": self.name}

    def __eq__(self, other) -> bool:
        return isinstance(other, Label) and (self.kind, self.name) == (other.kind, other.name)

    def __hash__(self) -> int:
        return hash((self.kind, self.name))


register_field_kind("label", lambda data: Label(data["of"], data["name"]))


def label(kind: str, name: str) -> str:
    """``label("aggregation", "mean")`` → 平均分 (zh-CN) / mean (en); an unknown name as it is."""
    return text_or_none(f"{kind}.{name}") or str(name)


def written(value: Any) -> str:
    """``value`` as one writes it in a rubric (YAML flow style): ``{nominations: 20%, entry_ranks: 30%}``,
    ``[a, b]``, ``true``, ``0.5``, ``3 MB`` — never a Python repr."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        return format_number(value)
    if isinstance(value, float):
        return format_number(Fraction(repr(value))) if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{written(k)}: {written(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "[" + ", ".join(written(v) for v in value) + "]"
    return str(value)


def written_params(params) -> str:
    """A ``params:`` mapping on one line, as in the rubric: ``weights: {nominations: 20%, entry_ranks: 30%}``."""
    return "  ".join(f"{key}: {written(value)}" for key, value in params.items())


def rank_span(first: int, last: int | None) -> str:
    """``第 8–10 名`` / ``ranks 8–10``; ``last`` None is open (``第 21 名及以后``)."""
    if last == first:
        return text("rubric.rank_span.single", rank=first)
    if last is None:
        return text("rubric.rank_span.open", first=first)
    return text("rubric.rank_span.closed", first=first, last=last)


def rank_rule(rule) -> str:
    """One rule of a rank table as a sentence: ``第 8–10 名得 14 分`` / ``ranks 8–10 get 14 points``."""
    return text("rubric.rank_rule", ranks=rank_span(rule.first, rule.last), points=format_number(rule.points))
