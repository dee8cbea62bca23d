"""A judged panel's items (rounds, dives, runs, elements): each item's score, then how they combine.

The items of a panel are those its rows in the scores file name. For one entry, an item with
no sheet is *not scored* (``None``): in no sum, mean, max or best — never a 0. An item's score
is its sheets' aggregate × its factor, rounded by ``item_round``; ``items:`` combines the
scored ones: ``sum``, ``mean``, ``max`` or ``best(n)`` (the sum of the n highest).
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from ..messages import Message
from ..rubric.model import Panel
from ..rubric.panel_steps import item_rule
from .rounding import applied, step


@dataclass(slots=True)
class ItemScore:
    aggregate: Fraction  # the aggregation over the item's sheets
    factor: Fraction
    value: Fraction  # aggregate × factor, after ``item_round``


@lru_cache(maxsize=64)
def _rule(text: str) -> tuple[str, int | None]:
    return item_rule(text) or ("sum", None)


def panel_items(items_column) -> list[str]:
    """Every item the panel's rows name, in the order the outputs show them (by name)."""
    return sorted({item for item in items_column if item is not None}) if items_column else []


def score_items(panel: Panel, names: list[str], lines: list, aggregate, steps: list | None = None) -> dict:
    """item → :class:`ItemScore`, or None when the entry has no sheet for it. ``aggregate(lines)`` is the
    panel's aggregation over one item's lines; each rounding is recorded in ``steps`` when given."""
    by_item: dict = {}
    for line in lines:
        by_item.setdefault(line.item, []).append(line)
    result = {}
    for item in names or sorted(by_item, key=lambda k: k or ""):
        item_lines = by_item.get(item)
        if not item_lines:
            result[item] = None
            continue
        total = aggregate(item_lines)
        factor = item_lines[0].factor
        exact = total * factor
        value = applied(panel.item_round, exact)
        if steps is not None and value != exact:
            steps.append(step("item", panel.item_round, exact, value, item=item or ""))
        result[item] = ItemScore(total, factor, value)
    return result


def combine(panel: Panel, items: dict) -> Fraction:
    """The scored items combined by the panel's ``items:`` rule."""
    values = [score.value for score in items.values() if score is not None]
    if not values:
        return Fraction(0)
    kind, count = _rule(panel.items)
    if kind == "mean":
        return sum(values, Fraction(0)) / len(values)
    if kind == "max":
        return max(values)
    if kind == "best":
        return sum(sorted(values, reverse=True)[:count], Fraction(0))
    return sum(values, Fraction(0))


def unscored_warnings(panel: Panel, entry: str, items: dict) -> list:
    """A warning per item the entry has no sheet for, unless the panel says ``items_optional: true``."""
    from ..errors import Problem

    if panel.items_optional:
        return []
    return [Problem.of("warning", "data.item_not_scored", None, entry=entry, item=item or "", panel=panel.label,
                       panel_id=panel.id) for item, score in items.items() if score is None]


def item_words(panel: Panel) -> Message:
    """How the items combine, in words (explain)."""
    kind, count = _rule(panel.items)
    return Message(f"explain.items.{kind}", count=count or 0)
