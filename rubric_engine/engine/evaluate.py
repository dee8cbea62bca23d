"""The whole evaluation: checks → panels → final → ranks → awards → one result object."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

from ..errors import Problem
from ..messages import join
from ..rubric.model import Rubric
from .awards import AwardContext, AwardOutcome, Standing, decide_awards
from ..awarding import _NO_ATTRIBUTES, EntryAttributes, EntryVotes
from ..rubric.attributes import bind_or_raise
from .eligibility import condition_env, ineligible_reasons
from .tie_breaks import TieSteps
from .checks import Conformity, Verdicts, conformity_of
from ..data import ContestData, Entry
from .ranking import natural_key, ranks_by_key_and_head
from .ballots import judged_panel
from .scoring import JudgeLine, JudgedPanel, PanelScore, judged_scores, require_votes, vote_scores
from ..rubric.final_formula import (criterion_name, default_final, default_terms, default_weights,  # noqa: F401
                                    env_layout)


@dataclass(slots=True, eq=False)  # hashed by identity: ranked as dict keys
class EntryResult:
    entry: Entry
    panels: dict[str, PanelScore]
    conformity: Conformity
    layout: tuple  # the env's names per panel (final_formula.env_layout), one tuple shared by every entry
    final: Fraction
    tie_key: tuple  # (final, then each tie-break value, a ``.rank`` negated): higher is better
    rank: int | None = None
    rank_by_final: int | None = None  # the rank before the tie-break chain
    awards: list[str] | tuple = ()  # the empty tuple until it wins (evaluate); a list per entry was 5.6 MB

    @property
    def disqualified(self) -> bool:
        return bool(self.conformity.disqualified_by)

    @property
    def ineligible(self) -> bool:
        """A check of severity ``ineligible`` failed: ranked and listed, wins nothing."""
        return bool(self.conformity.ineligible_by)

    @property
    def env(self) -> dict[str, Fraction | int]:
        """The names the final formula and the tie-break chain read (final_formula), made on demand from the
        panels: a dict per entry kept for a hundred thousand entries would cost 36 MB for a few explained."""
        return environment(self.panels, self.layout)

    def tie_values(self, rubric: Rubric) -> list[tuple[str, Fraction | int]]:
        """Each tie-break name with its value as the data gives it (a ``.rank`` not negated)."""
        return [(step.text, step.sign * value) for step, value in zip(rubric.final.tie_breaks, self.tie_key[1:])]


class Term(NamedTuple):
    """One term of a final score under the default formula: a panel, or what 规范性 added."""

    id: str  # a panel id, or ``CONFORMITY_TERM``
    label: str
    value: Fraction


CONFORMITY_TERM = "conformity"


@dataclass
class Evaluation:
    """Everything computed once: every entry's panels, final, tie key and rank, the awards, and each
    judged panel's sheets (``judged``) from which an entry's lines, drops and terms are read on demand."""

    rubric: Rubric
    data: ContestData
    entries: list[EntryResult]  # by rank, then id; disqualified last
    awards: list[AwardOutcome]
    warnings: list[Problem]
    award_context: AwardContext | None = None  # what the strategies saw: for explaining an award
    judged: dict[str, JudgedPanel] = field(default_factory=dict)  # judged panel id -> its sheets, built once
    tie_steps: TieSteps | None = None  # the tie-break chain over the data (explain shows its values)

    def entry(self, entry_id: str) -> EntryResult | None:
        if not hasattr(self, "_by_id"):
            self._by_id = {e.entry.id: e for e in self.entries}
        return self._by_id.get(entry_id)

    def unit_awards(self) -> dict[str, list[str]]:
        units: dict[str, list[str]] = {}
        for award, outcome in zip(self.rubric.awards, self.awards):
            if award.subject == "units":
                for unit in outcome.winners:
                    units.setdefault(unit, []).append(award.id)
        return units

    def sheets(self, panel_id: str, entry_id: str) -> tuple[list[JudgeLine], dict]:
        """The entry's lines on a judged panel (dropped ones marked) and each criterion's aggregate."""
        judged = self.judged[panel_id]
        return judged.explained(entry_id) if entry_id in judged.rows else ([], {})

    def final_terms(self, entry_id: str) -> list[Term] | None:
        """The entry's final as a sum of terms (final_formula.default_terms); ``None`` under a rubric's own
        formula, for an entry not ranked, or when the terms would not add up (never, unless env was rewritten)."""
        rubric, result = self.rubric, self.entry(entry_id)
        if rubric.final.formula is not None or result is None or result.rank is None:
            return None
        without = {p: judged.without_conformity(entry_id) for p, judged in self.judged.items() if judged.adds_conformity}
        values, added = default_terms(rubric.panels, result.env, without)
        labels = {p.id: p.label for p in rubric.panels}
        terms = [Term(panel_id, labels[panel_id], value) for panel_id, value in values]
        if added is not None:
            terms.append(Term(CONFORMITY_TERM, rubric.conformity.label if rubric.conformity else CONFORMITY_TERM,
                              added))
        return terms if sum((t.value for t in terms), Fraction(0)) == result.final else None


def environment(panels: dict[str, PanelScore], layout: tuple) -> dict[str, Fraction | int]:
    """A formula's names and values from an entry's panel scores, as final_formula.panel_values gives them."""
    env = {}
    for name, criteria, votes_name, rank_name in layout:
        score = panels[name]
        env[name] = score.score
        for criterion, criterion_key in criteria:
            env[criterion_key] = score.criteria[criterion]
        if votes_name is not None:
            env[votes_name], env[rank_name] = score.votes, score.vote_rank
    return env


def formula_criteria(rubric: Rubric, tie_names: set[str] | None = None,
                     everything: bool = False) -> dict[str, tuple[str, ...]]:
    """Per judged panel, the criteria whose aggregate the final formula or the tie-break reads (every
    criterion when an award's ``eligible:`` may read one: ``everything``)."""
    if everything:
        return {p.id: tuple(p.criteria) for p in rubric.judged_panels}
    names = (set(rubric.final.tie_break) if tie_names is None else tie_names) | (
        set(rubric.final.formula.names) if rubric.final.formula else set())
    return {p.id: tuple(c for c in p.criteria if criterion_name(p.id, c) in names) for p in rubric.judged_panels}


def by_rank_then_id(results: list[EntryResult]) -> list[EntryResult]:
    """By rank, ties by natural id (E2 before E10), disqualified last by id: the natural key is made
    only inside a group of equal ranks, not for every entry."""
    results = sorted(results, key=lambda r: (r.rank is None, r.rank or 0))
    ordered, start = [], 0
    for end in range(1, len(results) + 1):
        if end == len(results) or results[end].rank != results[start].rank:
            group = results[start:end]
            ordered += group if len(group) == 1 else sorted(group, key=lambda r: natural_key(r.entry.id))
            start = end
    return ordered


def integer_keys(keys: list[tuple]) -> list[tuple]:
    """The same order and ties with integers in place of fractions (sorting fractions is slow).

    Each position is scaled by the least common multiple of its denominators, when that
    stays reasonable; otherwise the fractions are kept as they are.
    """
    if not keys:
        return keys
    columns = []
    for column in zip(*keys):
        common = math.lcm(*{v.denominator for v in column})  # ints have a denominator too: 1
        if common.bit_length() > 256:
            columns.append(column)
        else:
            columns.append([v.numerator * (common // v.denominator) for v in column])
    return list(zip(*columns))


def evaluate(rubric: Rubric, data: ContestData, verdicts: Verdicts) -> Evaluation:
    warnings: list[Problem] = list(data.warnings)
    conformity = conformity_of(rubric, data, verdicts)
    labels = {c.id: c.label for c in rubric.checks}
    for report in conformity.values():
        reviews: dict[str, list[str]] = {}
        for outcome in report.reviews:
            reviews.setdefault(outcome.reason, []).append(labels[outcome.check])
        for reason, checks in reviews.items():
            warnings.append(Problem.of("warning", "check.review", None, entry=report.entry, checks=join(checks),
                                       reason=reason))
    require_votes(rubric, data)
    bound = bind_or_raise(rubric, data.attributes)
    steps = TieSteps(rubric, bound, data)
    wanted = formula_criteria(rubric, steps.names(), any(a.eligible is not None for a in rubric.awards))
    panel_scores: dict[str, dict[str, PanelScore]] = {}
    judged: dict[str, JudgedPanel] = {}
    for panel in rubric.panels:
        if panel.judged:
            judged[panel.id] = judged_panel(rubric, panel, data, conformity)  # ballots.py: marks or ranks
            panel_scores[panel.id] = judged_scores(judged[panel.id], data, warnings, wanted[panel.id])
        else:
            category = next((c.label for c in rubric.voting.categories if c.id == panel.category), None)
            panel_scores[panel.id] = vote_scores(panel, data, warnings, category)
    weights = default_weights(rubric.panels) if rubric.final.formula is None else None
    layout = tuple(env_layout(p, wanted.get(p.id, ())) for p in rubric.panels)
    columns = [(p.id, panel_scores[p.id]) for p in rubric.panels]
    results = []
    for entry in data.entries:
        panels = {panel_id: scores[entry.id] for panel_id, scores in columns}
        env = environment(panels, layout)
        final = default_final(weights, env) if weights is not None else rubric.final_score(env)
        results.append(EntryResult(entry, panels, conformity[entry.id], layout, final,
                                   steps.key(env, final, entry.id)))
    eligible = [r for r in results if not r.disqualified]
    ranks, by_final = ranks_by_key_and_head(integer_keys([r.tie_key for r in eligible]))
    for result, rank, rank_by_final in zip(eligible, ranks, by_final):
        result.rank, result.rank_by_final = rank, rank_by_final
    for result in results:
        if result.disqualified:
            warnings.append(Problem.of("warning", "entry.disqualified", None, entry=result.entry.id,
                                       checks=join(labels[c] for c in result.conformity.disqualified_by)))
    results = by_rank_then_id(results)
    votes: dict[str, dict[str, int]] = {c.id: {} for c in rubric.voting.categories}
    for (entry_id, category), count in data.votes.items():
        if category in votes:
            votes[category][entry_id] = count
    for result in results:
        if result.ineligible:
            warnings.append(Problem.of("warning", "entry.ineligible", None, entry=result.entry.id,
                                       checks=join(labels[c] for c in result.conformity.ineligible_by)))
    reasons = {r.entry.id: ineligible_reasons(r, labels) for r in results if r.ineligible}
    standings = [Standing(r.entry.id, r.entry.unit, r.final, r.rank, r.tie_key, EntryVotes(r.entry.id, votes),
                          r.disqualified, EntryAttributes(r.entry.id, data.attributes) if data.attributes
                          else _NO_ATTRIBUTES, reasons.get(r.entry.id, ()))
                 for r in results]
    by_id = {r.entry.id: r for r in results}
    award_context = decide_awards(rubric, data, standings, bound,
                                  lambda entry_id: condition_env(rubric, data, by_id[entry_id]), votes)
    outcomes = award_context.outcomes
    for award, outcome in zip(rubric.awards, outcomes):
        if award.subject == "entries":
            for winner in outcome.winners:
                won = by_id[winner]
                won.awards = [*won.awards, award.id]
        for note in outcome.notes:
            warnings.append(Problem.of("warning", "award.note", None, award=award.label, id=award.id, note=note))
    return Evaluation(rubric, data, results, outcomes, warnings, award_context, judged, steps)
