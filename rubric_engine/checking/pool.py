"""File checks, entry by entry, spread over forked processes (one per core by default)."""
from __future__ import annotations

import os
from typing import Callable

from ..engine.data import ContestData
from ..extension import Verdict
from ..rubric.model import Check
from .context import CheckContext
from .verdicts import guarded

Plan = dict[int, list[Check]]  # entry index -> the file checks to run on it

# The state a forked worker reads: set just before the pool forks, so nothing is pickled
# on the way in (plugin functions loaded from files cannot be pickled by reference).
_JOB: tuple[Plan, ContestData, CheckContext] | None = None


def _entry_verdicts(index: int) -> tuple[int, dict[str, Verdict]]:
    """The planned checks of one entry (they share the entry's cache: the folder is read once)."""
    plan, data, context = _JOB
    entry = data.entries[index]
    result = {}
    for check in plan[index]:
        result[check.id] = guarded(lambda: check.type_impl.run(entry, check.params, context), check)
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


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_plan(plan: Plan, data: ContestData, context: CheckContext, tick: Callable[[], None],
             ticks_per_entry: int, jobs: int) -> dict[int, dict[str, Verdict]]:
    """Every planned entry's verdicts, by entry index; ``ticks_per_entry`` ticks as each is done."""
    global _JOB
    if not plan:
        return {}
    _JOB = (plan, data, context)
    _preload_file_libraries()  # before any fork: workers and bounded probes start with them
    results: dict[int, dict[str, Verdict]] = {}
    try:
        if jobs > 1 and len(plan) > 1 and hasattr(os, "fork"):
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            pool = ProcessPoolExecutor(max_workers=min(jobs, len(plan)),
                                       mp_context=multiprocessing.get_context("fork"))
            with pool:
                futures = [pool.submit(_entry_verdicts, i) for i in sorted(plan)]
                for future in as_completed(futures):
                    index, verdicts = future.result()
                    results[index] = verdicts
                    for _ in range(ticks_per_entry):
                        tick()
        else:
            for index in sorted(plan):
                results[index] = _entry_verdicts(index)[1]
                for _ in range(ticks_per_entry):
                    tick()
    finally:
        _JOB = None
    return results
