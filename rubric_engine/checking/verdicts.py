"""Small helpers the runners share: which entries a check applies to, crash guards."""
from __future__ import annotations

from ..deadline import EachCall, OutOfTime, time_bound
from ..data import ContestData, Entry
from ..extension import Verdict
from ..limits import limit
from ..language.wording import Joined, Label
from ..messages import Message
from ..rubric.model import Check, Rubric



class Crash(Verdict):
    """The ``review`` verdict of a check that raised: reported like any other, never cached."""


def applies(check: Check, entry: Entry) -> bool:
    return not check.applies_to or entry.format in check.applies_to


def not_run_everywhere(data: ContestData, reason: Message) -> dict[str, Verdict]:
    return dict.fromkeys((e.id for e in data.entries), Verdict("not_run", reason))  # one shared verdict


def fill_not_applicable(check: Check, rubric: Rubric, data: ContestData,
                        verdicts: dict[str, Verdict]) -> dict[str, Verdict]:
    """``not_run`` for the entries whose format the check does not apply to."""
    labels = {f.id: f.label for f in rubric.formats}
    formats = Joined(labels.get(f, f) for f in check.applies_to)
    not_applicable = Verdict("not_run", Message("checks.only_for", formats=formats))
    for entry in data.entries:
        if entry.id not in verdicts:
            verdicts[entry.id] = not_applicable
    return verdicts


def guarded(call, check: Check, many=None, bound: EachCall | None = None):
    """A check that crashes or runs past ``CHECK_SECONDS`` gives 'review' verdicts, never a
    traceback or a hang: the engine could not look, so a person must. ``bound``: one alarm
    shared by many calls (see :func:`~rubric_engine.deadline.each_call_bound`)."""
    seconds = bound.seconds if bound is not None else limit("CHECK_SECONDS")
    try:
        with bound.call() if bound is not None else time_bound(seconds):
            result = call()
    except (OutOfTime, Exception) as exc:  # a plugin's bug must not stop the contest
        verdict = _crashed(check, exc, seconds)
        return {e.id: verdict for e in many} if many is not None else verdict
    if many is not None:
        return dict(result)
    return result if isinstance(result, Verdict) else _not_a_verdict(check, result)


def guarded_each(run, check: Check, entries, bound: EachCall, tick) -> dict[str, Verdict]:
    """:func:`guarded` of ``run(entry)`` for each of ``entries`` under one alarm, the loop in one frame (a
    table check over a hundred thousand entries); ``tick()`` after each."""
    verdicts = {}
    for entry in entries:
        try:
            with bound:
                result = run(entry)
        except (OutOfTime, Exception) as exc:  # as guarded: review, never a traceback or a hang
            result = _crashed(check, exc, bound.seconds)
        else:
            if not isinstance(result, Verdict):
                result = _not_a_verdict(check, result)
        verdicts[entry.id] = result
        tick()
    return verdicts


def _crashed(check: Check, exc: BaseException, seconds) -> Crash:
    if isinstance(exc, OutOfTime):
        return Crash("review", Message("check.out_of_time", check=check.label, seconds=seconds))
    return Crash("review", Message("checks.crashed", type=check_type_label(check.type),
                                   error=f"{type(exc).__name__}: {exc}"))


def _not_a_verdict(check: Check, result) -> Crash:
    return Crash("review", Message("checks.not_a_verdict", type=check_type_label(check.type),
                                   returned=type(result).__name__))


def check_type_label(name: str) -> Label:
    """A check type as a person reads it (``docx_font`` → 字体字号); a plugin's type without a label: its name."""
    return Label("check_type", name)
