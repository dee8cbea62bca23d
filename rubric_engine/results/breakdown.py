"""Each winner's final score as the sum of its weighted terms: one per panel, plus 规范性.

Under the default final formula (Σ weight × panel ÷ panel maximum × 100) a judged panel
that adds 规范性 to every judge's total is split in two: the panel scored on its judged
criteria alone, and what 规范性 added to it. The split is exact and needs no assumption
about the aggregation: the part without 规范性 is the same sheets aggregated again with
nothing added, and 规范性's part is the difference. So the terms add up to the final
exactly. A rubric that writes its own ``final.formula`` has no such terms: none are given.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Iterable, NamedTuple

from ..engine.evaluate import Evaluation
from ..engine.scoring import JudgedPanel

CONFORMITY = "conformity"


class Term(NamedTuple):
    id: str  # a panel id, or ``conformity``
    label: str
    value: Fraction


def final_terms(evaluation: Evaluation, entry_ids: Iterable[str]) -> dict[str, list[Term]]:
    """``entry id -> its terms`` (summing exactly to its final); empty under a rubric's own formula."""
    rubric = evaluation.rubric
    if rubric.final.formula is not None:
        return {}
    conformity = {r.entry.id: r.conformity for r in evaluation.entries}
    bare: dict[str, JudgedPanel] = {}
    for panel in rubric.judged_panels:
        judged = JudgedPanel(rubric, panel, evaluation.data, conformity)
        if judged.adds_conformity:
            judged.bonus = {}  # the same sheets, with no 规范性 added to any total
            bare[panel.id] = judged
    label = rubric.conformity.label if rubric.conformity else CONFORMITY
    result = {}
    for entry_id in entry_ids:
        entry = evaluation.entry(entry_id)
        if entry is None or entry.rank is None:
            continue
        terms, added = [], Fraction(0)
        for panel in rubric.panels:
            score = Fraction(entry.env[panel.id])
            if panel.id in bare:
                without = (bare[panel.id].score(entry_id, ()).score if entry_id in bare[panel.id].rows
                           else Fraction(0))
                added += panel.weight * (score - without) / panel.max * 100
                score = without
            terms.append(Term(panel.id, panel.label, panel.weight * score / panel.max * 100))
        if bare:
            terms.append(Term(CONFORMITY, label, added))
        if sum((t.value for t in terms), Fraction(0)) == entry.final:  # always, unless env was rewritten
            result[entry_id] = terms
    return result
