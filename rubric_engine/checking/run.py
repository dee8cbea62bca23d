"""Every check of the rubric on every entry: the raw verdicts (a manual check's type gives ``not_run``)."""
from __future__ import annotations

from typing import Callable

from ..engine.checks import Verdicts
from ..data import ContestData
from ..messages import Message
from ..rubric.model import Check, Rubric
from .cache import VerdictCache
from .context import CheckContext
from .pool import default_jobs, run_plan
from .tables import table_verdicts
from .verdicts import applies, fill_not_applicable, not_run_everywhere


def run_checks(rubric: Rubric, data: ContestData, *, cache: VerdictCache | None = None,
               progress: Callable[[], None] | None = None, jobs: int | None = None) -> Verdicts:
    """The verdict of every check on every entry, before manual verdicts and waivers.

    Checks that read submission folders run entry by entry across ``jobs`` processes
    (default: one per core), except where ``cache`` holds their verdicts; the others
    need only the tables and run here, every time. ``progress`` is called once per
    entry and check.
    """
    context = CheckContext(rubric, data, data.submissions)
    tick = progress or (lambda: None)
    verdicts: Verdicts = {}
    file_checks = []
    for check in rubric.checks:
        if check.type_impl.needs_files and context.submissions is None:
            verdicts[check.id] = not_run_everywhere(data, Message("checks.no_submissions"))
            for _ in data.entries if progress is not None else ():
                tick()
        elif check.type_impl.needs_files and check.type_impl.scope == "entry":
            file_checks.append(check)
        else:
            verdicts[check.id] = table_verdicts(check, context, tick)
    if file_checks:
        cache = cache or VerdictCache(None, enabled=False)
        verdicts.update(_file_verdicts(file_checks, context, cache, tick, jobs or default_jobs()))
    return {check.id: verdicts[check.id] for check in rubric.checks}


def _file_verdicts(checks: list[Check], context: CheckContext, cache: VerdictCache, tick: Callable[[], None],
                   jobs: int) -> Verdicts:
    """The file checks: from the cache where it holds them, else run (and stored)."""
    data = context.data
    by_check: Verdicts = {c.id: {} for c in checks}
    plan: dict[int, list[Check]] = {}
    for index, entry in enumerate(data.entries):
        wanted = [c for c in checks if applies(c, entry)]
        hits = cache.lookup(entry, wanted, context)
        for check_id, verdict in hits.items():
            by_check[check_id][entry.id] = verdict
        missing = [c for c in wanted if c.id not in hits]
        if missing:
            plan[index] = missing
        else:
            for _ in checks:
                tick()
    for index, found in run_plan(plan, data, context, tick, len(checks), jobs).items():
        entry = data.entries[index]
        for check_id, verdict in found.items():
            by_check[check_id][entry.id] = verdict
        cache.store(entry, plan[index], found)
    cache.save(data.entries)
    return {c.id: fill_not_applicable(c, context.rubric, data, by_check[c.id]) for c in checks}
