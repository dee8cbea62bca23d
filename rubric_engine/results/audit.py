"""What the committee sees and the public never does, as data: the audit document.

Every warning (grouped by code), the inputs with their paths and sha256, the rubric's
sha256, every judge's sheet per entry (dropped sheets marked), the judges who did not
score an entry, the open reviews (待复核), the manual verdicts, 规范性's violations and
waivers with their notes, and the phone numbers where the entries table has them.
"""
from __future__ import annotations

from ..rubric.model import Rubric
from .document import _header, _labels, _unique, exact, num
from ..engine.evaluate import Evaluation


def _warnings_by_code(problems) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for problem in _unique(problems):
        groups.setdefault(problem.code, []).append({**problem.to_dict(), "text": problem.headline()})
    return [{"code": code, "count": len(items), "items": items} for code, items in groups.items()]


def _check_label(rubric: Rubric, check: str) -> str:
    return next((c.label for c in rubric.checks if c.id == check), check)


def audit_document(evaluation: Evaluation) -> dict:
    rubric, data = evaluation.rubric, evaluation.data
    document = _header(rubric, data)
    document["labels"] = _labels(rubric)
    document["display_decimals"] = rubric.final.decimals
    document["rubric"] = {"path": rubric.source, "sha256": rubric.sha256}
    document["inputs"] = [{"file": name, "path": str(data.folder / name) if data.folder else name, "sha256": sha}
                          for name, sha in sorted(data.inputs.items())]
    # where the file checks' verdicts came from: a --verdicts file, or the cache (for how many entries)
    if getattr(data, "verdicts_file", None):
        document["inputs"].append({"file": "--verdicts", **data.verdicts_file})
    if getattr(data, "verdicts_cache", None):
        document["inputs"].append({"file": ".rubric-cache", **data.verdicts_cache})
    document["submissions"] = str(data.submissions) if data.submissions else None
    document["warnings"] = _warnings_by_code(evaluation.warnings)
    document["manual_verdicts"] = [
        {"entry": v.entry, "check": v.check, "label": _check_label(rubric, v.check), "result": v.result,
         "note": v.note, "location": str(v.location) if v.location else ""} for v in data.verdicts]
    panels = [(panel, evaluation.judged[panel.id]) for panel in rubric.judged_panels]
    document["entries"] = []
    for result in evaluation.entries:
        entry, checks = result.entry, result.conformity
        sheets = []
        for panel, judged in panels:
            lines, _criteria = evaluation.sheets(panel.id, entry.id)
            criteria = [c for c in panel.criteria if rubric.criterion(c).judged]
            sheets.append({
                "panel": panel.id, "label": panel.label, "aggregation": panel.aggregation,
                "criteria": [rubric.criterion(c).label for c in criteria],
                "conformity": (num(judged.bonus_of(entry.id)) if panel.items is None
                               and judged.bonus_of(entry.id) is not None else None),  # in every sheet's total
                "score": num(result.panels[panel.id].score), "score_exact": exact(result.panels[panel.id].score),
                "sheets": [{"judge": line.judge, "item": line.item, "marks": [num(line.marks.get(c)) for c in criteria],
                            "total": num(line.total), "dropped": line.dropped} for line in lines],
                "skipped": judged.missing_judges(entry.id) if entry.id in judged.rows else sorted(judged.judges),
            })
        document["entries"].append({
            "id": entry.id, "title": entry.title, "unit": entry.unit, "participants": entry.participants,
            "phone": entry.phone, "final": num(result.final), "final_exact": exact(result.final),
            "rank": result.rank, "disqualified": result.disqualified, "provisional": bool(checks.reviews),
            "conformity": {
                "score": num(checks.score),
                "violations": [{"check": c, "label": _check_label(rubric, c)} for c in checks.violations],
                "waived": [{"check": o.check, "label": _check_label(rubric, o.check), "note": o.note}
                           for o in checks.waivers],
                "review": [{"check": o.check, "label": _check_label(rubric, o.check), "reason": o.reason.to_dict()}
                           for o in checks.reviews],
                "disqualified_by": [_check_label(rubric, c) for c in checks.disqualified_by],
                "ineligible_by": [_check_label(rubric, c) for c in checks.ineligible_by]},
            "panels": sheets,
        })
    return document
