"""Checks that need only the tables (deadline, quota, letter): cheap, run every time."""
from __future__ import annotations

from typing import Callable

from ..deadline import each_call_bound
from ..extension import Verdict
from ..limits import limit
from ..rubric.model import Check
from .context import CheckContext
from .verdicts import applies, fill_not_applicable, guarded, guarded_each


def table_verdicts(check: Check, context: CheckContext, tick: Callable[[], None]) -> dict[str, Verdict]:
    """Contest scope in one call, entry scope entry by entry."""
    check_type, data = check.type_impl, context.data
    entries = [e for e in data.entries if applies(check, e)] if check.applies_to else list(data.entries)
    verdicts: dict[str, Verdict] = {}
    if check_type.scope == "contest":
        verdicts.update(guarded(lambda: check_type.run(entries, check.params, context), check, many=entries))
        for _ in data.entries:
            tick()
    else:
        run, params = check_type.run, check.params
        with each_call_bound(limit("CHECK_SECONDS")) as bound:  # one alarm for the loop, a bound per entry
            verdicts.update(guarded_each(lambda entry: run(entry, params, context), check, entries, bound, tick))
        for _ in range(len(data.entries) - len(entries)):  # the entries it does not apply to
            tick()
    return fill_not_applicable(check, context.rubric, data, verdicts)
