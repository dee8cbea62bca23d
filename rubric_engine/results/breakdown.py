"""Each winner's final score as the sum of its weighted terms: one per panel, plus 规范性.

The split itself is defined once, in :mod:`rubric_engine.rubric.final_formula`; the
evaluation computes it (``Evaluation.final_terms``) from the panels' sheets it already
holds. A rubric that writes its own ``final.formula`` has no such terms: none are given.
"""
from __future__ import annotations

from typing import Iterable

from ..engine.evaluate import CONFORMITY_TERM as CONFORMITY, Evaluation, Term  # noqa: F401 (the public names)


def final_terms(evaluation: Evaluation, entry_ids: Iterable[str]) -> dict[str, list[Term]]:
    """``entry id -> its terms`` (summing exactly to its final); empty under a rubric's own formula."""
    if evaluation.rubric.final.formula is not None:
        return {}
    result = {}
    for entry_id in entry_ids:
        terms = evaluation.final_terms(entry_id)
        if terms is not None:
            result[entry_id] = terms
    return result
