"""The final formula's names, its default and its term split: defined here and nowhere else.

A panel ``p`` gives the final formula and the tie-break chain the names ``p`` (its
score), ``p.c`` (the aggregate of its criterion ``c``) when it is judged, and ``p.votes``
and ``p.rank`` when it is a vote panel. A ``.rank`` counts the other way in a tie-break
(rank 1 is the best). Without a ``final.formula`` the final is
Σ weight × panel score ÷ panel maximum × 100, one term per panel; a judged panel that adds
规范性 to every judge's total splits its term in two (the panel on its judged criteria
alone, and what 规范性 added).
"""
from __future__ import annotations

from fractions import Fraction
from typing import Iterable, Iterator, Mapping

VOTES, RANK = "votes", "rank"  # a vote panel's own names: ``p.votes``, ``p.rank``


def criterion_name(panel_id: str, criterion_id: str) -> str:
    return f"{panel_id}.{criterion_id}"


def panel_names(panel) -> list[str]:
    """Every name ``panel`` gives a formula: ``p``, then ``p.c`` per criterion or ``p.votes``, ``p.rank``."""
    if panel.judged:
        return [panel.id] + [criterion_name(panel.id, c) for c in panel.criteria]
    return [panel.id, f"{panel.id}.{VOTES}", f"{panel.id}.{RANK}"]


def panel_values(panel, score, criteria: Mapping | None = None, votes=None, rank=None) -> Iterator[tuple]:
    """(name, value) of ``panel`` for a formula's environment: ``p``, the ``p.c`` in ``criteria`` (judged),
    or ``p.votes`` and ``p.rank`` (votes)."""
    yield panel.id, score
    if panel.judged:
        for criterion, value in (criteria or {}).items():
            yield criterion_name(panel.id, criterion), value
    else:
        yield f"{panel.id}.{VOTES}", votes
        yield f"{panel.id}.{RANK}", rank


def env_layout(panel, criteria: Iterable[str] = ()) -> tuple[str, tuple[tuple[str, str], ...], str | None, str | None]:
    """The names of ``panel_values``, made once for a loop over entries: (``p``, ((c, ``p.c``), …) for the
    ``criteria`` read, ``p.votes``, ``p.rank``); a judged panel has no votes names, a vote panel no criteria."""
    if panel.judged:
        return panel.id, tuple((c, criterion_name(panel.id, c)) for c in criteria), None, None
    return panel.id, (), f"{panel.id}.{VOTES}", f"{panel.id}.{RANK}"


def tie_break_parts(name: str) -> tuple[str, str]:
    """``online.votes`` → (``online``, ``votes``); a panel id → (id, "")."""
    panel, _, rest = name.partition(".")
    return panel, rest


def tie_sign(name: str) -> int:
    """+1 when a higher value is better in a tie-break; −1 for a ``.rank`` (rank 1 is the best)."""
    return -1 if tie_break_parts(name)[1] == RANK else 1


def default_weights(panels: Iterable) -> list[tuple[str, Fraction]]:
    """The default formula's coefficient per panel: weight ÷ panel maximum × 100."""
    return [(p.id, p.weight / p.max * 100) for p in panels]


def default_final(weights: list[tuple[str, Fraction]], env: Mapping) -> Fraction:
    """Σ coefficient × panel score in integers, reduced once (the same value as Fraction arithmetic)."""
    numerator, denominator = 0, 1
    for panel_id, coefficient in weights:
        score = env[panel_id]
        n = coefficient.numerator * score.numerator
        d = coefficient.denominator * score.denominator
        numerator, denominator = numerator * d + n * denominator, denominator * d
    return Fraction(numerator, denominator)


def default_terms(panels: Iterable, env: Mapping,
                  without_conformity: Mapping[str, Fraction] | None = None) -> tuple[list[tuple[str, Fraction]],
                                                                                       Fraction | None]:
    """The default formula's terms: (panel id, weight × score ÷ max × 100) per panel, and what 规范性 added.

    ``without_conformity`` holds, per judged panel that adds 规范性 to every total, its score with nothing
    added; that panel's term is then the score without, and 规范性's part the difference (``None`` when
    no panel adds it). The terms and 规范性's part add up to the final exactly.
    """
    panels, without_conformity = list(panels), without_conformity or {}
    terms, added = [], Fraction(0)
    for (panel_id, coefficient), panel in zip(default_weights(panels), panels):
        score = Fraction(env[panel_id])
        if panel_id in without_conformity:
            added += coefficient * (score - without_conformity[panel_id])
            score = without_conformity[panel_id]
        terms.append((panel_id, coefficient * score))
    return terms, (added if without_conformity else None)
