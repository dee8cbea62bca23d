"""The declared steps of a judged panel's score: how items combine, ``scale``, rounding (issue 14).

Read here, from a panel's YAML, into the model's fields; the engine applies them
(:mod:`rubric_engine.engine.items`, :mod:`rubric_engine.engine.rounding`).
"""
from __future__ import annotations

import re
from fractions import Fraction

from ..errors import did_you_mean
from ..language.wording import Joined, written
from ..messages import Message
from .model import Rounding

ITEM_RULES = ("sum", "mean", "max", "best(n)")
_BEST = re.compile(r"best\(\s*([0-9]+)\s*\)")


def item_rule(text: str) -> tuple[str, int | None] | None:
    """``sum`` → ("sum", None); ``best(2)`` → ("best", 2); anything else → None."""
    if text in ("sum", "mean", "max"):
        return text, None
    match = _BEST.fullmatch(text.strip())
    if match and int(match[1]) >= 1:
        return "best", int(match[1])
    return None


def rounding(raw) -> Rounding | None:
    """``{decimals: 2, mode: half_even}`` (the schema checked its shape) as the model's :class:`Rounding`."""
    if raw is None:
        return None
    return Rounding(int(raw["decimals"]), raw.get("mode", "half_up"))


def panel_steps(builder, raw: dict, path: tuple, maximum: Fraction, per_item_max: Fraction) -> tuple[dict, Fraction]:
    """The panel's step fields (``items``, ``scale``, ``item_round``, ``round``, ``items_optional``), each
    checked with a located error, and its maximum: derived for ``best(n)`` (n × one item's), × ``scale``."""
    fields: dict = {}
    items = raw.get("items")
    if items is not None:
        rule = item_rule(str(items))
        if rule is None:
            hint = did_you_mean(str(items), ("sum", "mean", "max", "best(2)")) or Message(
                "rubric.panel:items.known", rules=Joined(ITEM_RULES))
            builder.error("rubric.panel:items", path + ("items",), hint, items=written(items))
        elif rule[0] == "best" and "max" not in raw:
            maximum = per_item_max * rule[1]
        fields["items"] = str(items).replace(" ", "")
    for key in ("item_round", "items_optional"):
        if key in raw and items is None:
            builder.error("rubric.panel:needs_items", path + (key,), at_key=True, key=key)
    if "scale" in raw:
        scale = raw["scale"]
        fields["scale"] = Fraction(repr(scale)) if isinstance(scale, float) else Fraction(scale)  # 1.67 is 167/100
        maximum = maximum * fields["scale"]
    fields["item_round"] = rounding(raw.get("item_round"))
    fields["round"] = rounding(raw.get("round"))
    fields["items_optional"] = bool(raw.get("items_optional", False))
    return fields, maximum
