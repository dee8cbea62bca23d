"""Checks that need only the tables (deadline, quota, letter): cheap, run every time."""
from __future__ import annotations

from typing import Callable

from ..deadline import each_call_bound
from ..extension import Verdict
from ..limits import limit
from ..rubric.model import Check
from .context import CheckContext
from .verdicts import applies, fill_not_applicable, guarded


def table_verdicts(check: Check, context: CheckContext, tick: Callable[[], None]) -> dict[str, Verdict]:
    """Contest scope in one call, entry scope entry by entry."""
    check_type, data = check.type_impl, context.data
    entries = [e for e in data.entries if applies(check, e)]
    verdicts: dict[str, Verdict] = {}
    if check_type.scope == "contest":
        verdicts.update(guarded(lambda: check_type.run(entries, check.params, context), check, many=entries))
        for _ in data.entries:
            tick()
    else:
        with each_call_bound(limit("CHECK_SECONDS")) as bound:  # one alarm for the loop, a bound per entry
            for entry in data.entries:
                if applies(check, entry):
                    verdicts[entry.id] = guarded(lambda: check_type.run(entry, check.params, context), check,
                                                 bound=bound)
                tick()
    return fill_not_applicable(check, context.rubric, data, verdicts)
