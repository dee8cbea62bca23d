"""The tie-break chain's values: names of the final formula (as always), or formulas over panel scores,
votes (``votes.CATEGORY``), entry attributes (``entry.X``) and ``count(PANEL > 0)``."""
from __future__ import annotations

from fractions import Fraction

from ..errors import DataInputError, Location
from ..language.compiler import ATTRIBUTE_PREFIX, EmptyValue, _COMPARE
from ..messages import Message


class TieSteps:
    """The chain compiled over the data: ``key(env, final)`` gives an entry's tie key (higher is better)."""

    def __init__(self, rubric, bound: dict, data):
        self.steps = []  # (sign, name or None, compiled or None)
        self.data = data
        counts, self.headers, self.vote_names = {}, set(), set()
        for step in rubric.final.tie_breaks:
            compiled = bound.get(step.expression.key) if step.expression is not None else None
            self.steps.append((step.sign, step.name, compiled))
            if compiled is not None:
                counts.update((c[0], c) for c in compiled.counts)
                self.headers |= compiled.attributes
                self.vote_names |= {n for n in compiled.names if n.startswith("votes.")}
        self.formulas = any(compiled is not None for _, _, compiled in self.steps)
        self.counts = sheet_counts(data, counts.values()) if counts else {}
        self.signed = [(name, sign) for sign, name, _ in self.steps]

    def names(self) -> set[str]:
        """The names of the final formula's environment the chain reads (for the criteria wanted)."""
        found = set()
        for _, name, compiled in self.steps:
            found |= {name} if name is not None else set(compiled.names)
        return found

    def key(self, env: dict, final: Fraction, entry_id: str) -> tuple:
        if not self.formulas:
            return (final, *(_signed(sign, env[name]) for name, sign in self.signed))
        env = dict(env, **self.extra(entry_id))
        values = []
        for sign, name, compiled in self.steps:
            if compiled is None:
                values.append(_signed(sign, env[name]))
                continue
            try:
                values.append(sign * Fraction(compiled(env)))
            except EmptyValue as empty:
                attribute = self.data.attributes[empty.header]
                raise DataInputError.of("data.attribute:empty_tie", Location(
                    attribute.file, attribute.lines.get(entry_id, 0), attribute.column,
                    column_name=attribute.header), entry=entry_id, header=empty.header,
                    tie=compiled.text) from None
        return (final, *values)

    def extra(self, entry_id: str) -> dict:
        extra = {ATTRIBUTE_PREFIX + h: self.data.attributes[h].values.get(entry_id) for h in self.headers}
        for name in self.vote_names:
            extra[name] = self.data.votes.get((entry_id, name[len("votes."):]), 0)
        for key, by_entry in self.counts.items():
            extra[key] = by_entry.get(entry_id, 0)
        return extra


def sheet_counts(data, counts) -> dict[str, dict[str, int]]:
    """``count(PANEL > 0)``: per entry, how many of the panel's sheets total (its judged criteria as marked,
    nothing added) more than 0 — Eurovision's "the number of countries that gave points"."""
    result = {}
    for key, panel, op, value in counts:
        sheets = data.sheets.get(panel)
        by_entry: dict[str, int] = {}
        if sheets is not None:
            test = _COMPARE[op]
            for position, entry in enumerate(sheets.entry):
                total = sum((Fraction(marks[position], sheets.scales[c]) for c, marks in sheets.marks.items()),
                            Fraction(0))
                if test(total, value):
                    by_entry[entry] = by_entry.get(entry, 0) + 1
        result[key] = by_entry
    return result


def count_values(steps: TieSteps, entry_id: str) -> dict:
    """The extra values an entry's tie-break formulas read (for explain)."""
    return steps.extra(entry_id) if steps.formulas else {}


__all__ = ["TieSteps", "sheet_counts", "Message"]


def _signed(sign: int, value):
    """``sign × value``; a ``Fraction`` times +1 is the value itself (the same number, not a new
    object: one multiplication and two gcds less per entry and tie-break)."""
    return value if sign == 1 and type(value) is Fraction else sign * value
