"""规范性 from the checks' verdicts: manual verdicts, waivers, deductions, disqualification.

Pure: the verdicts come in as data (``rubric_engine.checking`` runs the checks, or a
saved verdicts file pins them); nothing here reads a file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..extension import Verdict
from ..rubric.model import Rubric
from .data import ContestData

Verdicts = dict[str, dict[str, Verdict]]  # check id -> entry id -> the check's own verdict

MANUAL_REASON = "人工判定项：在 checks 表中记录结果"
NO_VERDICT = "没有检查结果"


@dataclass(frozen=True)
class CheckOutcome:
    """One check's outcome for an entry; entries with the same verdict share one object."""

    check: str
    status: str  # pass | fail | review | not_run
    reason: str = ""
    measured: str | None = None
    limit: str | None = None
    source: str = "auto"  # auto | manual
    waived: bool = False
    note: str = ""

    @property
    def violation(self) -> bool:
        return self.status == "fail" and not self.waived

    def to_dict(self) -> dict:
        data = {"check": self.check, "status": self.status, "reason": self.reason, "source": self.source}
        if self.measured is not None:
            data["measured"] = self.measured
        if self.limit is not None:
            data["limit"] = self.limit
        if self.waived:
            data["waived"] = True
        if self.note:
            data["note"] = self.note
        return data


@dataclass
class Conformity:
    """规范性 of one entry: the outcomes of every check and the resulting score."""

    entry: str
    outcomes: list[CheckOutcome] = field(default_factory=list)
    score: Fraction | None = None
    disqualified_by: list[str] = field(default_factory=list)

    @property
    def violations(self) -> list[str]:
        return [o.check for o in self.outcomes if o.violation]

    @property
    def waivers(self) -> list[CheckOutcome]:
        return [o for o in self.outcomes if o.waived]


def conformity_of(rubric: Rubric, data: ContestData, verdicts: Verdicts) -> dict[str, Conformity]:
    """Each entry's outcomes (manual verdicts of ``data.verdicts`` applied) and its 规范性.

    A verdict missing from ``verdicts`` counts as ``not_run``.
    """
    manual = {(v.entry, v.check): v for v in data.verdicts}
    ids = [entry.id for entry in data.entries]
    report = {entry_id: Conformity(entry_id) for entry_id in ids}
    deductions = dict.fromkeys(ids, 0)
    for check in rubric.checks:
        missing = Verdict("not_run", MANUAL_REASON if check.manual else NO_VERDICT)
        by_entry = verdicts.get(check.id, {})
        shared: dict[int, CheckOutcome] = {}  # a verdict object -> its outcome, made once
        for entry_id in ids:
            verdict = by_entry.get(entry_id, missing)
            outcome = shared.get(id(verdict))
            if outcome is None:
                outcome = shared[id(verdict)] = CheckOutcome(check.id, verdict.status, verdict.reason, verdict.measured,
                                                         verdict.limit)
            human = manual.get((entry_id, check.id)) if manual else None
            if human is not None:
                outcome = _apply_manual(outcome, human.result, human.note)
            report[entry_id].outcomes.append(outcome)
            if outcome.status == "fail" and not outcome.waived:
                if check.severity == "disqualify":
                    report[entry_id].disqualified_by.append(check.id)
                elif check.severity == "deduct":
                    deductions[entry_id] += 1
    criterion = rubric.conformity
    if criterion is not None:
        score_of = {n: max(criterion.min, criterion.max - n * criterion.deduction) for n in set(deductions.values())}
        for entry_id, conformity in report.items():
            conformity.score = score_of[deductions[entry_id]]
    return report


def _apply_manual(outcome: CheckOutcome, result: str, note: str) -> CheckOutcome:
    if result == "fail":
        reason = outcome.reason if outcome.status == "fail" else "人工判定不通过"
        return CheckOutcome(outcome.check, "fail", reason, outcome.measured, outcome.limit, "manual", False, note)
    if outcome.status == "fail":  # a waiver: the automatic failure stands recorded but deducts nothing
        return CheckOutcome(outcome.check, "fail", outcome.reason, outcome.measured, outcome.limit, outcome.source,
                            True, note)
    return CheckOutcome(outcome.check, "pass", "人工确认通过" if outcome.status != "pass" else outcome.reason,
                        outcome.measured, outcome.limit, "manual", False, note)
