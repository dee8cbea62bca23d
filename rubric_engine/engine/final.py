"""The final score: the rubric's formula, or Σ weight × panel ÷ panel maximum × 100."""
from __future__ import annotations

from fractions import Fraction
from typing import Mapping

from ..rubric.model import Rubric


def weighted_terms(rubric: Rubric, env: Mapping[str, Fraction]) -> list[tuple[str, Fraction]]:
    """The default formula's terms: (panel id, weight × score ÷ max × 100)."""
    return [(panel.id, panel.weight * Fraction(env[panel.id]) / panel.max * 100)
            for panel in rubric.panels]


def final_score(rubric: Rubric, env: Mapping[str, Fraction]) -> Fraction:
    if rubric.final.formula is not None:
        return Fraction(rubric.final.formula(env))
    return sum((value for _, value in weighted_terms(rubric, env)), Fraction(0))
