"""规范性 from the checks' verdicts: manual verdicts, waivers, deductions, disqualification.

Pure: the verdicts come in as data (``rubric_engine.checking`` runs the checks, or a
saved verdicts file pins them); nothing here reads a file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..extension import Verdict, VerdictStatus
from ..kinds import VerdictSource
from ..messages import Message
from ..rubric.model import Rubric
from ..data import ContestData

Verdicts = dict[str, dict[str, Verdict]]  # check id -> entry id -> the check's own verdict


MANUAL_PENDING = Message("results.check.manual_pending")  # a manual check with no recorded verdict
NO_VERDICT = Message("results.check.no_verdict")
MANUAL_FAIL = Message("results.check.manual_fail")
MANUAL_PASS = Message("results.check.manual_pass")




@dataclass(frozen=True)
class CheckOutcome:
    """One check's outcome for an entry; entries with the same verdict share one object."""

    check: str
    status: VerdictStatus
    reason: Message  # rendered only in the document, in the reader's language
    measured: Message | None = None
    limit: Message | None = None
    source: VerdictSource = VerdictSource.AUTO
    waived: bool = False
    note: str = ""  # a person's own words (the checks table): shown as written

    @property
    def violation(self) -> bool:
        return self.status == "fail" and not self.waived

    def to_dict(self) -> dict:
        """The outcome in a result document: ``reason`` as ``{"code", "fields", "text"}``, ``measured``
        and ``limit`` as their text, in the current language."""
        data = {"check": self.check, "status": str(self.status), "reason": self.reason.to_dict(),
                "source": self.source}
        if self.measured is not None:
            data["measured"] = str(self.measured)
        if self.limit is not None:
            data["limit"] = str(self.limit)
        if self.waived:
            data["waived"] = True
        if self.note:
            data["note"] = self.note
        return data


@dataclass(slots=True)
class Conformity:
    """规范性 of one entry: the resulting score and what was not a plain pass.

    ``outcomes`` (every check, in rubric order) is made on demand from the contest's
    outcome table: most entries pass most checks, so nothing is stored for those.
    The five lists are the shared empty tuple until something is added (:func:`_add`):
    five empty lists per entry were 28 MB at a hundred thousand entries.
    """

    entry: str
    table: "OutcomeTable" = field(repr=False, compare=False, default=None)
    score: Fraction | None = None
    disqualified_by: list[str] | tuple = ()
    ineligible_by: list[str] | tuple = ()  # checks of severity ``ineligible`` it failed
    violations: list[str] | tuple = ()  # failed, not waived
    waivers: list[CheckOutcome] | tuple = ()
    reviews: list[CheckOutcome] | tuple = ()  # a person must look

    @property
    def outcomes(self) -> list[CheckOutcome]:
        return self.table.outcomes_of(self.entry)


class OutcomeTable:
    """Every check's outcome for every entry, held per check: the verdicts as given, manual ones applied."""

    def __init__(self, rubric: Rubric, verdicts: Verdicts, manual: dict):
        self.checks = rubric.checks
        self.verdicts = verdicts
        self.missing = {c.id: Verdict("not_run", MANUAL_PENDING if c.manual else NO_VERDICT) for c in rubric.checks}
        # (check, a verdict object) -> its outcome, made once; the verdicts are held, so ids stay theirs
        self.shared: dict[tuple[str, int], CheckOutcome] = {}
        self.overrides: dict[tuple[str, str], CheckOutcome] = {}  # (entry, check) -> the outcome after a manual verdict
        self.manual = manual

    def automatic(self, check: str, verdict: Verdict) -> CheckOutcome:
        outcome = self.shared.get((check, id(verdict)))
        if outcome is None:
            outcome = self.shared[(check, id(verdict))] = CheckOutcome(check, verdict.status, verdict.reason,
                                                                       verdict.measured, verdict.limit)
        return outcome

    def outcome(self, entry: str, check: str) -> CheckOutcome:
        override = self.overrides.get((entry, check))
        if override is not None:
            return override
        return self.automatic(check, self.verdicts.get(check, {}).get(entry, self.missing[check]))

    def outcomes_of(self, entry: str) -> list[CheckOutcome]:
        return [self.outcome(entry, check.id) for check in self.checks]

    def notable(self, check: str, ids: list[str]) -> list[tuple[str, CheckOutcome]]:
        """The entries whose outcome for ``check`` is not a plain pass or not-run, in entry order."""
        by_entry = self.verdicts.get(check, {})
        flagged = {e for e, v in by_entry.items() if v.status != "pass" and v.status != "not_run"}
        flagged |= {e for e, c in self.manual if c == check}
        result = []
        for entry in (e for e in ids if e in flagged) if len(flagged) < len(ids) else ids:
            if entry not in flagged:
                continue
            outcome = self.automatic(check, by_entry.get(entry, self.missing[check]))
            human = self.manual.get((entry, check))
            if human is not None:
                outcome = self.overrides[(entry, check)] = _apply_manual(outcome, human.result, human.note)
            result.append((entry, outcome))
        return result


def conformity_of(rubric: Rubric, data: ContestData, verdicts: Verdicts) -> dict[str, Conformity]:
    """Each entry's 规范性 from the checks' verdicts, with the manual verdicts of ``data.verdicts`` applied.

    A verdict missing from ``verdicts`` counts as ``not_run``. Only the entries that did
    not simply pass a check cost work for it.
    """
    manual = {(v.entry, v.check): v for v in data.verdicts}
    ids = [entry.id for entry in data.entries]
    table = OutcomeTable(rubric, verdicts, manual)
    report = {entry_id: Conformity(entry_id, table) for entry_id in ids}
    deductions = dict.fromkeys(ids, 0)
    for check in rubric.checks:
        for entry_id, outcome in table.notable(check.id, ids):
            conformity = report[entry_id]
            if outcome.status == "review":
                _add(conformity, "reviews", outcome)
            if outcome.waived:
                _add(conformity, "waivers", outcome)
            if outcome.violation:
                _add(conformity, "violations", check.id)
                if check.severity == "disqualify":
                    _add(conformity, "disqualified_by", check.id)
                elif check.severity == "ineligible":
                    _add(conformity, "ineligible_by", check.id)
                elif check.severity == "deduct":
                    deductions[entry_id] += 1
    criterion = rubric.conformity
    if criterion is not None:
        score_of = {n: max(criterion.min, criterion.max - n * criterion.deduction) for n in set(deductions.values())}
        for entry_id, conformity in report.items():
            conformity.score = score_of[deductions[entry_id]]
    return report


def _add(conformity: Conformity, name: str, value) -> None:
    held = getattr(conformity, name)
    if held == ():
        setattr(conformity, name, [value])
    else:
        held.append(value)


def _apply_manual(outcome: CheckOutcome, result: str, note: str) -> CheckOutcome:
    if result == "fail":
        reason = outcome.reason if outcome.status == "fail" else MANUAL_FAIL
        return CheckOutcome(outcome.check, "fail", reason, outcome.measured, outcome.limit, VerdictSource.PERSON, False, note)
    if outcome.status == "fail":  # a waiver: the automatic failure stands recorded but deducts nothing
        return CheckOutcome(outcome.check, "fail", outcome.reason, outcome.measured, outcome.limit, outcome.source,
                            True, note)
    return CheckOutcome(outcome.check, "pass", MANUAL_PASS if outcome.status != "pass" else outcome.reason,
                        outcome.measured, outcome.limit, VerdictSource.PERSON, False, note)
