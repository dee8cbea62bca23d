"""File checks, entry by entry, spread over forked processes (one per core by default).

The main process alone decides when the run stops: workers ignore Ctrl-C (SIGINT) and
die with the main process (``PR_SET_PDEATHSIG``). When checking is interrupted — Ctrl-C,
SIGTERM, any error — the main process stops every worker (SIGTERM: a worker kills and
reaps its running probe first; SIGKILL after a grace time) and reaps them before the
interrupt goes on: no orphan keeps running, no defunct process is left behind.
"""
from __future__ import annotations

import gc
import os
import signal
from typing import Callable

from ..data import ContestData
from ..extension import Verdict
from ..inspect.bounded import die_with_parent, stop_probes
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
    shared = context.cache
    mark = len(shared)  # what the checks of this entry add comes after it (a dict keeps insertion order)
    for check in plan[index]:
        result[check.id] = guarded(lambda: check.type_impl.run(entry, check.params, context), check)
    while len(shared) > mark:  # one folder's parsed files are not needed again: dropped in O(what was added),
        shared.popitem()       # never by scanning every entry's keys (that made a cold check quadratic)
    return index, result


def _preload(plan: Plan) -> None:
    """Import what the planned check types declare (``CheckType.preload``) before forking, so
    each worker starts with those modules loaded."""
    modules = dict.fromkeys(m for checks in plan.values() for c in checks for m in c.type_impl.preload)
    for module in modules:
        try:
            __import__(module)
        except ImportError:  # pragma: no cover - an install may lack one: the check says so when it runs
            pass


def _worker_start(parent: int) -> None:
    """In each worker, before any check: die with the main process; leave Ctrl-C to it."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)


def _worker_stop(number, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the reaping short
    stop_probes()
    os._exit(128 + number)


STOP_GRACE_SECONDS = 2  # a worker stuck outside Python does not run its SIGTERM handler: then SIGKILL


def _stop_workers(pool) -> None:
    """Stop and reap every worker of ``pool`` (an interrupt or an error is on its way out)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(STOP_GRACE_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()
    # the workers are gone: the pool's manager thread sees it at once; wait for it, so that
    # nothing of the pool is left for the interpreter's exit to trip over
    pool.shutdown(wait=True, cancel_futures=True)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_plan(plan: Plan, data: ContestData, context: CheckContext, tick: Callable[[], None],
             ticks_per_entry: int, jobs: int) -> dict[int, dict[str, Verdict]]:
    """Every planned entry's verdicts, by entry index; ``ticks_per_entry`` ticks as each is done."""
    global _JOB
    if not plan:
        return {}
    _JOB = (plan, data, context)
    _preload(plan)  # before any fork: workers and bounded probes start with them
    results: dict[int, dict[str, Verdict]] = {}
    try:
        if jobs > 1 and len(plan) > 1 and hasattr(os, "fork"):
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            # what the workers inherit is frozen, as the gc docs advise before fork() without exec():
            # their collector never walks the parent's objects (no copy-on-write of every page, and
            # no traversal of a C extension's inherited state: a worker once crashed in that walk)
            gc.freeze()
            pool = ProcessPoolExecutor(max_workers=min(jobs, len(plan)),
                                       mp_context=multiprocessing.get_context("fork"),
                                       initializer=_worker_start, initargs=(os.getpid(),))
            try:
                futures = [pool.submit(_entry_verdicts, i) for i in sorted(plan)]
                for future in as_completed(futures):
                    index, verdicts = future.result()
                    results[index] = verdicts
                    for _ in range(ticks_per_entry):
                        tick()
            except BaseException:  # Ctrl-C, SIGTERM, an error: no worker goes on alone
                _stop_workers(pool)
                raise
            pool.shutdown()
        else:
            for index in sorted(plan):
                results[index] = _entry_verdicts(index)[1]
                for _ in range(ticks_per_entry):
                    tick()
    finally:
        _JOB = None
        gc.unfreeze()  # the parent's objects are collectable again (a no-op when nothing was frozen)
    return results
