"""Running the rubric's checks: automatic verdicts, manual verdicts, waivers, 规范性."""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Callable

from ..extension import Verdict
from ..rubric.model import Check, Rubric
from .data import ContestData, Entry


@dataclass
class CheckContext:
    """What a check may look at besides the entry: the rubric, the data, the files.

    ``cache`` is for checks to share work on one entry (e.g. a parsed article): keys
    are tuples that start with the entry id.
    """

    rubric: Rubric
    data: ContestData
    submissions: Path | None
    cache: dict = field(default_factory=dict)

    def locate(self, entry: Entry) -> tuple[Path | None, str]:
        """(folder, how it was found): see :func:`rubric_engine.inspect.folder.locate`."""
        if self.submissions is None:
            return None, "no submissions folder"
        key = (entry.id, "folder")
        if key not in self.cache:
            from ..inspect.folder import locate

            self.cache[key] = locate(self.submissions, entry)
        return self.cache[key]

    def folder_of(self, entry: Entry) -> Path | None:
        """The entry's submission folder, or None when there is none to be found."""
        return self.locate(entry)[0]


@dataclass(frozen=True)
class CheckOutcome:
    entry: str
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


def _applies(check: Check, entry: Entry) -> bool:
    return not check.applies_to or entry.format in check.applies_to


def _auto_verdicts(check: Check, rubric: Rubric, data: ContestData, context: CheckContext, host,
                   progress: Callable[[], None] | None) -> dict[str, Verdict]:
    if check.manual:
        return {e.id: Verdict("not_run", "人工判定项：在 checks 表中记录结果")
                for e in data.entries}
    check_type = host.get("checks", check.type)
    if check_type.needs_files and context.submissions is None:
        return {e.id: Verdict("not_run", "数据中没有 submissions/ 文件夹，未检查") for e in data.entries}
    entries = [e for e in data.entries if _applies(check, e)]
    verdicts: dict[str, Verdict] = {}
    if check_type.scope == "contest":
        verdicts.update(_guarded(lambda: check_type.run(entries, check.params, context), check, many=entries))
    else:
        for entry in entries:
            verdicts[entry.id] = _guarded(lambda: check_type.run(entry, check.params, context), check)
            if progress:
                progress()
    for entry in data.entries:
        if entry.id not in verdicts:
            formats = ", ".join(check.applies_to)
            verdicts[entry.id] = Verdict("not_run", f"仅适用于 {formats}") if not _applies(
                check, entry) else Verdict("pass")
    return verdicts


def _guarded(call, check: Check, many=None):
    """A check that crashes gives 'review' verdicts, never a traceback."""
    try:
        result = call()
    except Exception as exc:  # a plugin's bug must not stop the contest
        verdict = Verdict("review", f"the check {check.type!r} crashed: {type(exc).__name__}: {exc}")
        return {e.id: verdict for e in many} if many is not None else verdict
    if many is not None:
        return dict(result)
    if not isinstance(result, Verdict):
        return Verdict("review", f"the check {check.type!r} returned {type(result).__name__}, not a Verdict")
    return result


def run_checks(rubric: Rubric, data: ContestData, host,
               progress: Callable[[], None] | None = None) -> dict[str, Conformity]:
    """Every check on every entry, manual verdicts applied; the 规范性 score of each entry."""
    context = CheckContext(rubric, data, data.submissions)
    manual = {(v.entry, v.check): v for v in data.verdicts}
    report = {entry.id: Conformity(entry.id) for entry in data.entries}
    for check in rubric.checks:
        verdicts = _auto_verdicts(check, rubric, data, context, host, progress)
        for entry in data.entries:
            verdict = verdicts[entry.id]
            outcome = CheckOutcome(entry.id, check.id, verdict.status, verdict.reason, verdict.measured,
                                   verdict.limit)
            human = manual.get((entry.id, check.id))
            if human is not None:
                outcome = _apply_manual(outcome, human.result, human.note)
            report[entry.id].outcomes.append(outcome)
            if outcome.violation and check.severity == "disqualify":
                report[entry.id].disqualified_by.append(check.id)
    criterion = rubric.conformity
    for conformity in report.values():
        if criterion is not None:
            deducted = sum((criterion.deduction for o in conformity.outcomes if o.violation
                            and _severity(rubric, o.check) == "deduct"), Fraction(0))
            conformity.score = max(criterion.min, criterion.max - deducted)
    return report


def _severity(rubric: Rubric, check_id: str) -> str:
    return next(c.severity for c in rubric.checks if c.id == check_id)


def _apply_manual(outcome: CheckOutcome, result: str, note: str) -> CheckOutcome:
    if result == "fail":
        reason = outcome.reason if outcome.status == "fail" else "人工判定不通过"
        return CheckOutcome(outcome.entry, outcome.check, "fail", reason, outcome.measured, outcome.limit,
                            "manual", False, note)
    if outcome.status == "fail":  # a waiver: the automatic failure stands recorded but deducts nothing
        return CheckOutcome(outcome.entry, outcome.check, "fail", outcome.reason, outcome.measured,
                            outcome.limit, outcome.source, True, note)
    return CheckOutcome(outcome.entry, outcome.check, "pass",
                        "人工确认通过" if outcome.status != "pass" else outcome.reason,
                        outcome.measured, outcome.limit, "manual", False, note)
