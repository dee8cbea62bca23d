"""Warnings about a rubric that loads but may not say what its author meant.

``rubric validate`` shows them and exits 0; ``--strict`` turns them into errors.
"""
from __future__ import annotations

from fractions import Fraction

from ..errors import Problem, RubricInputError
from ..language.units import format_number
from ..limits import limit
from .model import Criterion, Panel, Rubric
from .yaml_source import YamlDocument

MAX_GRID = 100_000  # marks enumerated per criterion when looking for gaps



def lint_rubric(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    problems: list[Problem] = []
    for index, criterion in enumerate(rubric.criteria):
        problems += _bands(criterion, doc, ("criteria", index, "bands"))
    for index, panel in enumerate(rubric.panels):
        if panel.rank_table is not None:
            problems += _rank_table(panel, doc, ("panels", index, "rank_table"))
    problems += _weights(rubric, doc)
    problems += _highest_final(rubric, doc)
    problems += _awards(rubric, doc)
    problems += _probe_times(rubric, doc)
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


def _warning(doc: YamlDocument, path: tuple, code: str, message: str, hint: str | None = None,
             key: bool = True) -> Problem:
    return Problem("warning", code, message, doc.location(path, key=key), hint)


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
    name = f"{criterion.label} ({criterion.id})"
    step_note = "" if criterion.step == 1 else f" in steps of {format_number(criterion.step)}"
    problems = []
    uncovered = {m for m in marks if criterion.band_of(m) is None}
    for low, high in _runs(marks, uncovered):
        problems.append(_warning(doc, path, "lint.band_gap",
                                 f"{name}: marks {_span(low, high)}{step_note} fall in no band",
                                 "add a band for them, or ignore this if no judge should give them"))
    doubled = {m for m in marks if sum(m in b.range for b in criterion.bands) > 1}
    for low, high in _runs(marks, doubled):
        problems.append(_warning(doc, path, "lint.band_overlap",
                                 f"{name}: marks {_span(low, high)} fall in more than one band",
                                 "make the bands meet without sharing a mark, e.g. 21..25 and 26..30"))
    return problems


def _rank_table(panel: Panel, doc: YamlDocument, path: tuple) -> list[Problem]:
    rules = panel.rank_table.rules
    name = f"{panel.label} ({panel.id})"
    problems = []
    ordered = sorted(rules, key=lambda r: r.first)
    expected = 1
    for rule in ordered:
        if rule.first > expected:
            problems.append(_warning(doc, path, "lint.rank_gap",
                                     f"{name}: ranks {_span(expected, rule.first - 1)} get no points",
                                     "cover every rank from 1, and end with an open rule such as '21.. -> 9'",
                                     key=False))
        if rule.first < expected:
            problems.append(_warning(doc, path, "lint.rank_overlap",
                                     f"{name}: rank {rule.first} is covered by more than one rule "
                                     "(the first one wins)", key=False))
        if rule.last is None:
            expected = None
            break
        expected = max(expected, rule.last + 1)
    if expected is not None:
        problems.append(_warning(doc, path, "lint.rank_gap",
                                 f"{name}: ranks {expected} and beyond get no points",
                                 f"end the table with an open rule such as '{expected}.. -> 0'", key=False))
    for before, after in zip(ordered, ordered[1:]):
        if after.points > before.points:
            problems.append(_warning(doc, path, "lint.rank_rises",
                                     f"{name}: rank {after.first} gets more points ({format_number(after.points)}) "
                                     f"than rank {before.first} ({format_number(before.points)})",
                                     "points should not rise as the rank gets worse", key=False))
    return problems


def _weights(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    weights = [p.weight for p in rubric.panels if p.weight is not None]
    if rubric.final.formula is None:
        return []  # the default formula: a bad sum is an error of the builder
    if not weights or len(weights) != len(rubric.panels):
        return []
    total = sum(weights, Fraction(0))
    if total != 1:
        return [_warning(doc, ("panels",), "lint.weights",
                         f"the panel weights add up to {format_number(total * 100)}%, not 100%",
                         "adjust the weights so they sum to 100%")]
    return []


def highest_final(rubric: Rubric) -> Fraction | None:
    """The final score of an entry with every panel at its maximum."""
    env = {}
    for panel in rubric.panels:
        env[panel.id] = panel.max
        if panel.judged:
            for criterion_id in panel.criteria:
                env[f"{panel.id}.{criterion_id}"] = rubric.criterion(criterion_id).max
        else:
            env[f"{panel.id}.votes"] = Fraction(0)
            env[f"{panel.id}.rank"] = Fraction(1)
    try:
        return rubric.final_score(env)
    except (ZeroDivisionError, KeyError, StopIteration, RubricInputError):  # a divisor 0 at the maximum
        return None


def _highest_final(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    top = highest_final(rubric)
    if top is not None and top != 100:
        return [_warning(doc, ("final",) if rubric.final.formula else ("panels",), "lint.highest_final",
                         f"the highest reachable final score is {format_number(top)}, not 100")]
    return []


def _awards(rubric: Rubric, doc: YamlDocument) -> list[Problem]:
    problems = []
    labels: dict[str, str] = {}
    for index, award in enumerate(rubric.awards):
        if award.label in labels:
            problems.append(_warning(doc, ("awards", index, "label"), "lint.award_label",
                                     f"awards {labels[award.label]!r} and {award.id!r} share the label "
                                     f"{award.label!r}", key=False))
        labels.setdefault(award.label, award.id)
    groups: dict[str, list[int]] = {}
    for index, award in enumerate(rubric.awards):
        if award.exclusive_group:
            groups.setdefault(award.exclusive_group, []).append(index)
    for group, members in groups.items():
        if len(members) == 1:
            problems.append(_warning(doc, ("awards", members[0], "exclusive_group"), "lint.exclusive_group",
                                     f"exclusive group {group!r} has only one award, so it changes nothing",
                                     "give the awards that must go to different winners the same group",
                                     key=False))
    return problems
