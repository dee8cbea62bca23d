"""The whole evaluation: checks → panels → final → ranks → awards → one result object."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from ..errors import Problem
from ..messages import join
from ..rubric.model import Rubric
from .awards import AwardContext, AwardOutcome, Standing, decide_awards
from .checks import Conformity, Verdicts, conformity_of
from ..data import ContestData, Entry
from .ranking import competition_ranks, natural_key
from .scoring import PanelScore, judged_scores, vote_scores


@dataclass(eq=False)  # hashed by identity: ranked as dict keys
class EntryResult:
    entry: Entry
    panels: dict  # panel id -> PanelScore
    conformity: Conformity
    env: dict  # the names the final formula and the tie-break chain read
    final: Fraction
    tie_key: tuple
    rank: int | None = None
    rank_by_final: int | None = None  # the rank before the tie-break chain
    awards: list[str] = field(default_factory=list)

    @property
    def disqualified(self) -> bool:
        return bool(self.conformity.disqualified_by)


@dataclass
class Evaluation:
    rubric: Rubric
    data: ContestData
    entries: list[EntryResult]  # by rank, then id; disqualified last
    awards: list[AwardOutcome]
    warnings: list[Problem]
    award_context: AwardContext | None = None  # what the strategies saw: for explaining an award

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


def tie_key(rubric: Rubric, env: dict, final: Fraction) -> tuple:
    """Higher is better; names ending in ``.rank`` count the other way."""
    key = [final]
    for name in rubric.final.tie_break:
        value = env[name]
        key.append(-value if name.endswith(".rank") else value)
    return tuple(key)


def formula_criteria(rubric: Rubric) -> dict[str, tuple[str, ...]]:
    """Per judged panel, the criteria whose aggregate the final formula or the tie-break reads."""
    names = set(rubric.final.tie_break) | (set(rubric.final.formula.names) if rubric.final.formula else set())
    return {p.id: tuple(c for c in p.criteria if f"{p.id}.{c}" in names) for p in rubric.judged_panels}


def default_final(weights: list[tuple[str, Fraction]], env: dict) -> Fraction:
    """Σ coefficient × panel score in integers, reduced once (the same value as Fraction arithmetic)."""
    numerator, denominator = 0, 1
    for panel_id, coefficient in weights:
        score = env[panel_id]
        n = coefficient.numerator * score.numerator
        d = coefficient.denominator * score.denominator
        numerator, denominator = numerator * d + n * denominator, denominator * d
    return Fraction(numerator, denominator)


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
    wanted = formula_criteria(rubric)
    panel_scores: dict[str, dict[str, PanelScore]] = {}
    for panel in rubric.panels:
        if panel.judged:
            panel_scores[panel.id] = judged_scores(rubric, panel, data, conformity, warnings, wanted[panel.id])
        else:
            category = next((c.label for c in rubric.voting.categories if c.id == panel.category), None)
            panel_scores[panel.id] = vote_scores(panel, data, warnings, category)
    weights = None
    if rubric.final.formula is None:
        weights = [(p.id, p.weight / p.max * 100) for p in rubric.panels]
    results = []
    for entry in data.entries:
        panels = {p.id: panel_scores[p.id][entry.id] for p in rubric.panels}
        env = {}
        for panel in rubric.panels:
            score = panels[panel.id]
            env[panel.id] = score.score
            if panel.judged:
                for criterion in wanted[panel.id]:
                    env[f"{panel.id}.{criterion}"] = score.criteria[criterion]
            else:
                env[f"{panel.id}.votes"] = score.votes
                env[f"{panel.id}.rank"] = score.vote_rank
        final = default_final(weights, env) if weights is not None else rubric.final_score(env)
        results.append(EntryResult(entry, panels, conformity[entry.id], env, final,
                                   tie_key(rubric, env, final)))
    eligible = [r for r in results if not r.disqualified]
    keys = dict(zip(eligible, integer_keys([r.tie_key for r in eligible])))
    finals = dict(zip(eligible, (k[0] for k in keys.values())))
    ranks = competition_ranks(eligible, key=keys.__getitem__)
    by_final = competition_ranks(eligible, key=finals.__getitem__)
    for result in eligible:
        result.rank, result.rank_by_final = ranks[result], by_final[result]
    for result in results:
        if result.disqualified:
            warnings.append(Problem.of("warning", "entry.disqualified", None, entry=result.entry.id,
                                       checks=join(labels[c] for c in result.conformity.disqualified_by)))
    results.sort(key=lambda r: (r.rank is None, r.rank or 0, natural_key(r.entry.id)))
    votes: dict[str, dict[str, int]] = {c.id: {} for c in rubric.voting.categories}
    for (entry_id, category), count in data.votes.items():
        if category in votes:
            votes[category][entry_id] = count
    standings = [Standing(r.entry.id, r.entry.unit, r.final, r.rank, r.tie_key,
                          {category: by_entry.get(r.entry.id, 0) for category, by_entry in votes.items()},
                          r.disqualified) for r in results]
    award_context = decide_awards(rubric, data, standings)
    outcomes = award_context.outcomes
    by_id = {r.entry.id: r for r in results}
    for award, outcome in zip(rubric.awards, outcomes):
        if award.subject == "entries":
            for winner in outcome.winners:
                by_id[winner].awards.append(award.id)
        for note in outcome.notes:
            warnings.append(Problem.of("warning", "award.note", None, award=award.label, id=award.id, note=note))
    return Evaluation(rubric, data, results, outcomes, warnings, award_context)
