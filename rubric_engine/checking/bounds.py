"""Which verdicts a resource bound caused: such a ``review`` is not cached.

Its hint tells the organiser to raise the bound (``RUBRIC_PROBE_SECONDS=60 rubric …``); a
cached review would answer the rerun without looking again. A time bound is also not a
property of the files: a loaded machine may give up where an idle one would not.
"""
from __future__ import annotations

from ..extension import Verdict
from ..messages import Message

#: reasons that mean "a bound stopped the engine looking" (docs/limits.md)
BOUND_CODES = frozenset({
    "checks.probe.timeout",  # PROBE_SECONDS, WORD_PROBE_SECONDS, a check's seconds
    "checks.probe.memory",  # PROBE_MEMORY
    "checks.probe.crashed",  # a probe killed, most likely out of memory
    "checks.listing.too_many",  # MAX_FOLDER_FILES
    "check.out_of_time",  # CHECK_SECONDS
    "checks.zip.members", "checks.zip.member", "checks.zip.ratio", "checks.zip.total",  # MAX_ZIP_*
})


def caused_by_bound(verdict: Verdict) -> bool:
    """True when a bound's message is anywhere in the verdict's reason (also nested in its fields)."""
    return any(_mentions(part, 0) for part in (verdict.reason, verdict.measured, verdict.limit))


def _mentions(value, depth: int) -> bool:
    if depth > 20:
        return False
    if isinstance(value, Message):
        return value.key in BOUND_CODES or any(_mentions(v, depth + 1) for v in value.fields.values())
    if isinstance(value, (list, tuple)):
        return any(_mentions(v, depth + 1) for v in value)
    items = getattr(value, "items", None)  # Joined and other wording containers
    if isinstance(items, (list, tuple)):
        return any(_mentions(v, depth + 1) for v in items)
    return False
