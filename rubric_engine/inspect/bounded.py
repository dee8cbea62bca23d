"""Run a probe in a forked child under a time and memory limit.

A hostile PDF or video can make a parser loop or allocate without end. The probe runs
in a child process (``os.fork``, so nothing needs pickling on the way in and it works
inside pool workers too) with ``RLIMIT_AS`` set; the parent waits at most ``seconds``
and kills it after. The result comes back pickled through a pipe.

A probe never outlives the run: the child dies with its parent (``PR_SET_PDEATHSIG`` on
Linux), is killed and reaped when its parent stops waiting for any reason (an
interrupt, a check's time bound), and :func:`stop_probes` kills and reaps the running
ones when a checking worker is told to stop — no orphan, no defunct process left.

A time given by the caller (a check's ``seconds`` parameter, from the rubric) can only
lower the bound of :mod:`rubric_engine.limits`, never raise it: limits are raised from
the environment, not by the rubric.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import time
from typing import Any, Callable

from ..limits import address_space, limit
from ..messages import Message


class ProbeFailed(Exception):
    """The probe timed out, ran out of memory, crashed or raised; ``reason`` (a Message) says which."""

    def __init__(self, reason: Message):
        super().__init__(reason)
        self.reason = reason


def probe_error(exc: Exception) -> Message:
    """``ValueError: …`` as a message: the exception's own message when it is one, else the library's words."""
    said = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Message) else str(exc)
    return Message("checks.probe.error", type=type(exc).__name__, detail=said)


_RUNNING: set[int] = set()  # the probes this process is waiting for


def run_bounded(fn: Callable[..., Any], *args, seconds: float | None = None,
                memory: int | None = None, bound: str = "PROBE_SECONDS") -> Any:
    """``fn(*args)`` in a child; at most ``seconds`` and ``memory`` bytes of address space.

    ``seconds`` is capped at the limit named ``bound`` (``PROBE_SECONDS`` unless a probe
    has a limit of its own) and defaults to it; ``memory`` defaults to ``PROBE_MEMORY``.
    """
    ceiling = limit(bound)
    seconds = ceiling if seconds is None else min(seconds, ceiling)
    memory = limit("PROBE_MEMORY") if memory is None else memory
    if not hasattr(os, "fork"):  # pragma: no cover - Windows: no isolation, still report errors
        try:
            return fn(*args)
        except Exception as exc:
            raise ProbeFailed(probe_error(exc)) from None
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child
        status = 0
        try:
            _RUNNING.clear()  # the parent's probes are not this child's to stop
            die_with_parent(parent)
            os.close(read_end)
            import resource

            # the allowance on top of what the process has mapped already (a parent that loaded
            # DuckDB or Arrow maps far more than it uses): else the first allocation fails
            resource.setrlimit(resource.RLIMIT_AS, ((address_space() or 0) + memory,) * 2)
            try:
                payload = ("ok", fn(*args))
            except MemoryError:
                payload = ("error", Message("checks.probe.memory"))
            except RecursionError:
                payload = ("error", Message("checks.probe.recursion"))
            except Exception as exc:  # the probe's own failure is data for the parent
                payload = ("error", probe_error(exc))
            data = pickle.dumps(payload)
            with os.fdopen(write_end, "wb") as stream:
                stream.write(data)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    _RUNNING.add(pid)
    chunks = []
    deadline = time.monotonic() + seconds
    finished = False
    try:
        with os.fdopen(read_end, "rb") as stream:
            fd = stream.fileno()
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    os.kill(pid, signal.SIGKILL)
                    raise ProbeFailed(Message("checks.probe.timeout", seconds=f"{seconds:g}"))
                ready, _, _ = select.select([fd], [], [], remaining)
                if not ready:
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                chunks.append(chunk)
        finished = True
    finally:
        if not finished:  # interrupted, out of time: the child must not go on alone
            _kill(pid)
        _reap(pid)
    if not chunks:
        raise ProbeFailed(Message("checks.probe.crashed"))
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "error":
        raise ProbeFailed(value)
    return value


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    _RUNNING.discard(pid)  # only once reaped: a stop that comes meanwhile reaps it too


def stop_probes() -> None:
    """Kill and reap every probe this process is running (a worker told to stop calls it)."""
    for pid in list(_RUNNING):
        _kill(pid)
        _reap(pid)


def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this (forked) process when its parent dies, whatever kills the parent.

    Linux only (``prctl(PR_SET_PDEATHSIG)``); elsewhere a no-op. Also restores the default
    action of SIGINT and SIGTERM, which the parent may have set to its own handler or ignored.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
