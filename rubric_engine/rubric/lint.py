"""Warnings about a rubric that loads but may not say what its author meant.

``rubric validate`` shows them and exits 0; ``--strict`` turns them into errors. A few are
errors (a rank table's gap or overlap, a fact stated twice that disagrees): the rubric is
refused, as no reading of it is the author's for sure.
"""
from __future__ import annotations

from fractions import Fraction

from ..errors import Problem, RubricInputError
from ..language.units import format_number
from ..limits import limit
from ..messages import Message
from .model import Criterion, Panel, Rubric
from .yaml_source import YamlDocument

MAX_GRID = 100_000  # marks enumerated per criterion when looking for gaps



def lint_rubric(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    problems: list[Problem] = []
    for index, criterion in enumerate(rubric.criteria):
        problems += _bands(criterion, doc, ("criteria", index, "bands"))
    from .rank_tables import lint_rank_tables

    problems += lint_rank_tables(rubric, doc)
    from .lint_ranked import lint_ranked_max

    problems += lint_ranked_max(rubric, doc)
    problems += _weights(rubric, doc)
    problems += _highest_final(rubric, doc)
    problems += _awards(rubric, doc)
    problems += _probe_times(rubric, doc)
    from .lint_next_year import lint_next_year

    problems += lint_next_year(rubric, doc)
    return problems


def _probe_times(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    """A check's ``seconds`` above ``PROBE_SECONDS``: capped (limits are raised from the environment only)."""
    bound, problems = limit("PROBE_SECONDS"), []
    for index, check in enumerate(rubric.checks):
        asked = (check.raw_params or {}).get("seconds")
        if isinstance(asked, (int, float)) and not isinstance(asked, bool) and asked > bound:
            shown = format_number(Fraction(asked), 3)
            problems.append(Problem.of("warning", "lint.probe_time", doc.location(("checks", index, "params", "seconds")),
                                       check=check.id, asked=shown, bound=bound))
    return problems


def _warning(doc: YamlDocument, path: tuple, message_key: str, *, key: bool = True, severity: str = "warning",
             **fields) -> Problem:
    """A warning (or ``severity``) from the catalogue (its hint is ``message_key.hint`` when there is one)."""
    message = Message(message_key, **fields)
    return Problem(severity, message.code, message, doc.location(path, key=key), message.hint())


def _grid(criterion: Criterion) -> list[Fraction] | None:
    count = (criterion.max - criterion.min) / criterion.step
    if count > MAX_GRID:
        return None
    marks, mark = [], criterion.min
    while mark <= criterion.max:
        marks.append(mark)
        mark += criterion.step
    return marks


def _runs(marks: list[Fraction], members: set[Fraction]) -> list[tuple[Fraction, Fraction]]:
    """Contiguous runs (on the grid) of the marks that are in ``members``."""
    runs: list[tuple[Fraction, Fraction]] = []
    start = previous = None
    for mark in marks:
        if mark in members:
            if start is None:
                start = mark
            previous = mark
        elif start is not None:
            runs.append((start, previous))
            start = None
    if start is not None:
        runs.append((start, previous))
    return runs


def _span(low: Fraction, high: Fraction) -> str:
    return format_number(low) if low == high else f"{format_number(low)}..{format_number(high)}"


def _bands(criterion: Criterion, doc: YamlDocument, path: tuple) -> list[Problem]:
    if not criterion.bands:
        return []
    marks = _grid(criterion)
    if marks is None:
        return []
    name = criterion.label
    gap = "lint.band_gap" if criterion.step == 1 else "lint.band_gap:step"
    problems = []
    uncovered = {m for m in marks if criterion.band_of(m) is None}
    for low, high in _runs(marks, uncovered):
        problems.append(_warning(doc, path, gap, criterion=name, marks=_span(low, high),
                                 step=format_number(criterion.step)))
    doubled = {m for m in marks if sum(m in b.range for b in criterion.bands) > 1}
    for low, high in _runs(marks, doubled):
        problems.append(_warning(doc, path, "lint.band_overlap", criterion=name, marks=_span(low, high)))
    return problems


def _weights(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    weights = [p.weight for p in rubric.panels if p.weight is not None]
    if rubric.final.formula is None:
        return []  # the default formula: a bad sum is an error of the builder
    if not weights or len(weights) != len(rubric.panels):
        return []
    total = sum(weights, Fraction(0))
    if total != 1:
        return [_warning(doc, ("panels",), "lint.weights", total=format_number(total * 100))]
    return []


def highest_final(rubric: Rubric) -> Fraction | None:
    """The final score of an entry with every panel at its maximum; None when it has none (a formula
    over ``p.votes``: votes have no top) or it cannot be computed."""
    from .final_formula import VOTES, panel_values

    if rubric.final.formula is not None and any(name.endswith(f".{VOTES}") for name in rubric.final.formula.names):
        return None

    env = {}
    for panel in rubric.panels:
        env.update(panel_values(panel, panel.max, {c: rubric.criterion(c).max for c in panel.criteria},
                                votes=Fraction(0), rank=Fraction(1)))
    try:
        return rubric.final_score(env)
    except (ZeroDivisionError, KeyError, StopIteration, RubricInputError):  # a divisor 0 at the maximum
        return None


def _highest_final(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    top, declared = highest_final(rubric), rubric.final.max
    if top is None or top == (declared if declared is not None else 100):
        return []
    if declared is not None:  # final.max: the scale the organiser declared
        return [_warning(doc, ("final", "max"), "lint.highest_final:declared", top=format_number(top),
                         max=format_number(declared))]
    return [_warning(doc, ("final",) if rubric.final.formula else ("panels",), "lint.highest_final",
                     top=format_number(top))]


def _awards(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    problems = []
    labels: dict[str, str] = {}
    for index, award in enumerate(rubric.awards):
        if award.label in labels:
            problems.append(_warning(doc, ("awards", index, "label"), "lint.award_label", key=False,
                                     first=labels[award.label], second=award.id, label=award.label))
        labels.setdefault(award.label, award.id)
    groups: dict[str, list[int]] = {}
    for index, award in enumerate(rubric.awards):
        if award.exclusive_group:
            groups.setdefault(award.exclusive_group, []).append(index)
    for group, members in groups.items():
        if len(members) == 1:
            problems.append(_warning(doc, ("awards", members[0], "exclusive_group"), "lint.exclusive_group",
                                     key=False, group=group))
    return problems
