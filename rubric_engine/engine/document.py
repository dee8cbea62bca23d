"""Results as plain data: the one dict every output format renders (SPEC §6).

Numbers are rounded to 4 decimals here and only here; ties were decided exactly
before. ``*_exact`` keys keep the exact value as a fraction string for audits.
"""
from __future__ import annotations

from collections import Counter
from fractions import Fraction

from ..version import __version__
from ..language.units import format_number
from ..rubric.model import Rubric
from .breakdown import final_terms
from .checks import Conformity, Verdicts, in_this_language
from .evaluate import EntryResult, Evaluation


def num(value: Fraction | int | None, places: int = 4):
    """A JSON number: an int when whole, else rounded half-up to ``places`` decimals."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    text = format_number(value, places)
    return float(text) if "." in text else int(text)


def exact(value: Fraction | int) -> str:
    return str(value) if isinstance(value, (Fraction, int)) else str(Fraction(value))


def _labels(rubric: Rubric) -> dict:
    return {
        "panels": {p.id: p.label for p in rubric.panels},
        "criteria": {c.id: c.label for c in rubric.criteria},
        "checks": {c.id: c.label for c in rubric.checks},
        "awards": {a.id: a.label for a in rubric.awards},
        "vote_categories": {c.id: c.label for c in rubric.voting.categories},
        "formats": {f.id: f.label for f in rubric.formats},
        "conformity": rubric.conformity.label if rubric.conformity else None,
    }


def _header(rubric: Rubric, data) -> dict:
    return {
        "contest": {"id": rubric.contest.id, "name": rubric.contest.name,
                    **({"theme": rubric.contest.theme} if rubric.contest.theme else {}),
                    **({"period": rubric.contest.period} if rubric.contest.period else {})},
        "rubric_sha256": rubric.sha256,
        "inputs_sha256": dict(sorted(data.inputs.items())),
        "engine_version": __version__,
    }


def _panel_dict(result: EntryResult, rubric: Rubric) -> dict:
    panels = {}
    for panel in rubric.panels:
        score = result.panels[panel.id]
        if panel.judged:
            data = {"score": num(score.score), "score_exact": exact(score.score),
                    "judges": score.judge_count}
            if score.items:
                data["items"] = {item or "": num(value) for item, value in score.items.items()}
            if score.missing:
                data["missing"] = True
        else:
            data = {"votes": score.votes, "rank": score.vote_rank, "points": num(score.score)}
        panels[panel.id] = data
    return panels


def evaluation_document(evaluation: Evaluation) -> dict:
    rubric = evaluation.rubric
    document = _header(rubric, evaluation.data)
    document["labels"] = _labels(rubric)
    document["display_decimals"] = rubric.final.decimals
    document["tie_break"] = list(rubric.final.tie_break)
    document["entries"] = []
    for result in evaluation.entries:
        conformity = result.conformity
        document["entries"].append({
            "id": result.entry.id, "title": result.entry.title, "unit": result.entry.unit,
            "participants": result.entry.participants, "format": result.entry.format,
            "final": num(result.final), "final_exact": exact(result.final),
            "rank": result.rank, "disqualified": result.disqualified,
            "panels": _panel_dict(result, rubric),
            "conformity": {"score": num(conformity.score), "violations": conformity.violations,
                           "waived": [{"check": o.check, "note": o.note} for o in conformity.waivers],
                           "review": [o.check for o in conformity.reviews]},
            "awards": list(result.awards),
            "provisional": bool(conformity.reviews),  # 待复核: a check a person must still look at
        })
    document["provisional"] = [e["id"] for e in document["entries"] if e["provisional"]]
    document["manual_verdicts"] = len(evaluation.data.verdicts)
    document["awards"] = []
    for award, outcome in zip(rubric.awards, evaluation.awards):
        document["awards"].append({"id": award.id, "name": award.label, "subject": award.subject,
                                   "count": award.count, "winners": list(outcome.winners),
                                   "reasons": {w: outcome.reasons.get(w, "") for w in outcome.winners},
                                   "notes": list(outcome.notes)})
    winners = [w for award in document["awards"] if award["subject"] == "entries" for w in award["winners"]]
    document["final_terms"] = {entry: [{"id": t.id, "label": t.label, "value": num(t.value),
                                        "value_exact": exact(t.value)} for t in terms]
                               for entry, terms in final_terms(evaluation, dict.fromkeys(winners)).items()}
    unit_awards = evaluation.unit_awards()
    units = sorted({e.unit for e in evaluation.data.entries} | set(evaluation.data.units))
    counts = Counter(e.unit for e in evaluation.data.entries)
    document["units"] = [{"unit": unit, "entries": counts[unit], "awards": unit_awards.get(unit, [])}
                         for unit in units]
    document["warnings"] = _warnings(evaluation.warnings)
    document["warning_details"] = _warning_details(evaluation.warnings)
    return document


def _unique(problems) -> list:
    seen, result = set(), []
    for problem in problems:
        if problem.headline() not in seen:
            seen.add(problem.headline())
            result.append(problem)
    return result


def _warnings(problems) -> list[str]:
    return [problem.headline() for problem in _unique(problems)]


def _warning_details(problems) -> list[dict]:
    """The same warnings as data: a stable code, the message, the file/line/column, a hint."""
    return [problem.to_dict() for problem in _unique(problems)]


def check_document(rubric: Rubric, data, report: dict[str, Conformity], warnings,
                   verdicts: Verdicts | None = None) -> dict:
    """The check grid; with ``verdicts``, also the raw verdicts that ``--verdicts FILE`` reads back."""
    document = _header(rubric, data)
    document["labels"] = _labels(rubric)
    document["checks"] = [{"id": c.id, "label": c.label, "type": c.type, "severity": c.severity}
                          for c in rubric.checks]
    document["submissions"] = str(data.submissions) if data.submissions else None
    document["entries"] = []
    for entry in data.entries:
        conformity = report[entry.id]
        document["entries"].append({
            "id": entry.id, "title": entry.title, "unit": entry.unit,
            "conformity": {"score": num(conformity.score), "violations": conformity.violations},
            "disqualified": bool(conformity.disqualified_by),
            "checks": [o.to_dict() for o in conformity.outcomes],
        })
    if verdicts is not None:
        document["verdicts"] = {c.id: {e.id: in_this_language(verdicts[c.id][e.id]).to_dict()
                                       for e in data.entries} for c in rubric.checks}
    document["warnings"] = _warnings(warnings)
    document["warning_details"] = _warning_details(warnings)
    return document
