"""Running the rubric's checks: automatic verdicts, manual verdicts, waivers, 规范性."""
from __future__ import annotations

import os
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
            from ..inspect.folder import locate, submission_folders

            if ("", "folders") not in self.cache:
                self.cache[("", "folders")] = submission_folders(self.submissions)
            self.cache[key] = locate(self.submissions, entry, self.cache[("", "folders")])
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


def _not_run_everywhere(data: ContestData, reason: str) -> dict[str, Verdict]:
    return {e.id: Verdict("not_run", reason) for e in data.entries}


def _fill_not_applicable(check: Check, context: CheckContext, verdicts: dict[str, Verdict]) -> dict[str, Verdict]:
    labels = {f.id: f.label for f in context.rubric.formats}
    for entry in context.data.entries:
        if entry.id not in verdicts:
            verdicts[entry.id] = Verdict("not_run", f"仅适用于{'、'.join(labels.get(f, f) for f in check.applies_to)}")
    return verdicts


def _table_verdicts(check: Check, check_type, data: ContestData, context: CheckContext,
                    tick: Callable[[], None]) -> dict[str, Verdict]:
    """A check that needs no files: contest scope in one call, entry scope entry by entry."""
    entries = [e for e in data.entries if _applies(check, e)]
    verdicts: dict[str, Verdict] = {}
    if check_type.scope == "contest":
        verdicts.update(_guarded(lambda: check_type.run(entries, check.params, context), check, many=entries))
        for _ in data.entries:
            tick()
    else:
        for entry in data.entries:
            if _applies(check, entry):
                verdicts[entry.id] = _guarded(lambda: check_type.run(entry, check.params, context), check)
            tick()
    return _fill_not_applicable(check, context, verdicts)


# The state a forked worker reads: set just before the pool forks, so nothing is pickled
# on the way in (plugin functions loaded from files cannot be pickled by reference).
_JOB: tuple | None = None


def _file_verdicts_of(index: int) -> tuple[int, dict[str, Verdict]]:
    """All file checks of one entry (they share the entry's cache: the folder is read once)."""
    checks, data, context = _JOB
    entry = data.entries[index]
    result = {}
    for check in checks:
        if _applies(check, entry):
            result[check.id] = _guarded(lambda: check.type_impl.run(entry, check.params, context), check)
    for key in [k for k in context.cache if k[0] == entry.id]:
        del context.cache[key]  # one folder's parsed files are not needed again
    return index, result


def _preload_file_libraries() -> None:
    """Import the file readers before forking, so each worker starts with them loaded."""
    for module in ("docx", "PIL.Image", "pypdf", "hachoir.parser", "hachoir.metadata"):
        try:
            __import__(module)
        except ImportError:  # pragma: no cover - a plugin-only install may lack one
            pass


def _file_verdicts(checks: list[Check], data: ContestData, context: CheckContext,
                   tick: Callable[[], None], jobs: int) -> dict[str, dict[str, Verdict]]:
    """File checks, entry by entry, the entries spread over ``jobs`` processes."""
    global _JOB
    by_check: dict[str, dict[str, Verdict]] = {c.id: {} for c in checks}
    _JOB = (checks, data, context)
    _preload_file_libraries()  # before any fork: workers and bounded probes start with them
    try:
        if jobs > 1 and len(data.entries) > 1 and hasattr(os, "fork"):
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            pool = ProcessPoolExecutor(max_workers=min(jobs, len(data.entries)),
                                       mp_context=multiprocessing.get_context("fork"))
            with pool:
                futures = [pool.submit(_file_verdicts_of, i) for i in range(len(data.entries))]
                results = []
                for future in as_completed(futures):
                    results.append(future.result())
                    for _ in checks:
                        tick()
        else:
            results = []
            for index in range(len(data.entries)):
                results.append(_file_verdicts_of(index))
                for _ in checks:
                    tick()
    finally:
        _JOB = None
    for index, verdicts in sorted(results, key=lambda item: item[0]):
        entry_id = data.entries[index].id
        for check_id, verdict in verdicts.items():
            by_check[check_id][entry_id] = verdict
    return {c.id: _fill_not_applicable(c, context, by_check[c.id]) for c in checks}


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


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_checks(rubric: Rubric, data: ContestData, progress: Callable[[], None] | None = None,
               jobs: int | None = None) -> dict[str, Conformity]:
    """Every check on every entry, manual verdicts applied; the 规范性 score of each entry.

    Checks that read submission folders run entry by entry across ``jobs`` processes
    (default: one per core); the others run here.
    """
    context = CheckContext(rubric, data, data.submissions)
    tick = progress or (lambda: None)
    verdicts: dict[str, dict[str, Verdict]] = {}
    file_checks = []
    for check in rubric.checks:
        if check.manual:
            verdicts[check.id] = _not_run_everywhere(data, "人工判定项：在 checks 表中记录结果")
            for _ in data.entries:
                tick()
            continue
        check_type = check.type_impl
        if check_type.needs_files and context.submissions is None:
            verdicts[check.id] = _not_run_everywhere(data, "数据中没有 submissions/ 文件夹，未检查")
            for _ in data.entries:
                tick()
        elif check_type.needs_files and check_type.scope == "entry":
            file_checks.append(check)
        else:
            verdicts[check.id] = _table_verdicts(check, check_type, data, context, tick)
    if file_checks:
        verdicts.update(_file_verdicts(file_checks, data, context, tick, jobs or default_jobs()))
    manual = {(v.entry, v.check): v for v in data.verdicts}
    report = {entry.id: Conformity(entry.id) for entry in data.entries}
    for check in rubric.checks:
        for entry in data.entries:
            verdict = verdicts[check.id][entry.id]
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
