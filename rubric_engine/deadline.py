"""A time bound on Python code that runs in this process: a plugin's import, one check.

Probes of submitted files run in a child process that is killed after its time
(inspect/bounded.py). A plugin's own code runs in the process itself, so its bound is a
``SIGALRM`` that raises :class:`OutOfTime` where the code is. That stops any Python
loop; code stuck inside one C call is stopped when the call returns. The alarm fires
again every second until the bound is left, so code that swallows one exception does
not escape it.

Only the main thread can take signals: elsewhere (a host that calls the library from a
thread) the code runs unbounded, as before.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator


class OutOfTime(BaseException):
    """The bound ran out. A ``BaseException``, so a plugin's ``except Exception`` does not swallow it."""

    def __init__(self, seconds: float):
        super().__init__(f"did not finish within {seconds:g} s")
        self.seconds = seconds


def _can_bound() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_bound(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OutOfTime` in the block when it runs longer than ``seconds``."""
    if not seconds or not _can_bound():
        yield
        return

    def on_alarm(number, frame) -> None:
        raise OutOfTime(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class EachCall:
    """One alarm for many calls, each bounded by ``seconds`` on its own (the table checks, entry by
    entry): ``with bound.call(): ...``. Starting a call costs a clock read, not two system calls;
    the alarm ticks every second and raises only in a call that has run past its bound."""

    def __init__(self, seconds: float | None):
        self.seconds, self.started = seconds, None

    def call(self) -> "EachCall":
        return self

    def __enter__(self) -> None:
        self.started = time.monotonic()

    def __exit__(self, *exc) -> None:
        self.started = None

    def _on_alarm(self, number, frame) -> None:
        started = self.started
        if started is not None and time.monotonic() - started >= self.seconds:
            self.started = None
            raise OutOfTime(self.seconds)


@contextmanager
def each_call_bound(seconds: float | None) -> Iterator[EachCall]:
    """A :class:`EachCall` for the block; unbounded (as :func:`time_bound`) where no alarm can be had."""
    bound = EachCall(seconds)
    if not seconds or not _can_bound():
        bound.seconds = float("inf")
        yield bound
        return
    previous = signal.signal(signal.SIGALRM, bound._on_alarm)
    signal.setitimer(signal.ITIMER_REAL, min(1.0, seconds), min(1.0, seconds))
    try:
        yield bound
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
