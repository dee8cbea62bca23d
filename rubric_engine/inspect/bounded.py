"""Run a probe in a forked child under a time and memory limit.

A hostile PDF or video can make a parser loop or allocate without end. The probe runs
in a child process (``os.fork``, so nothing needs pickling on the way in and it works
inside pool workers too) with ``RLIMIT_AS`` set; the parent waits at most ``seconds``
and kills it after. The result comes back pickled through a pipe.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import time
from typing import Any, Callable

from ..limits import limit
from ..messages import text


class ProbeFailed(Exception):
    """The probe timed out, ran out of memory, crashed or raised; ``reason`` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def run_bounded(fn: Callable[..., Any], *args, seconds: float | None = None,
                memory: int | None = None) -> Any:
    """``fn(*args)`` in a child; at most ``seconds`` (default ``PROBE_SECONDS``) and ``memory``
    bytes of address space (default ``PROBE_MEMORY``), both from :mod:`rubric_engine.limits`."""
    seconds = limit("PROBE_SECONDS") if seconds is None else seconds
    memory = limit("PROBE_MEMORY") if memory is None else memory
    if not hasattr(os, "fork"):  # pragma: no cover - Windows: no isolation, still report errors
        try:
            return fn(*args)
        except Exception as exc:
            raise ProbeFailed(f"{type(exc).__name__}: {exc}") from None  # the library's own words
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        status = 0
        try:
            os.close(read_end)
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            try:
                payload = ("ok", fn(*args))
            except MemoryError:
                payload = ("error", text("checks.probe.memory"))
            except RecursionError:
                payload = ("error", text("checks.probe.recursion"))
            except Exception as exc:  # the probe's own failure is data for the parent
                payload = ("error", f"{type(exc).__name__}: {exc}")
            data = pickle.dumps(payload)
            with os.fdopen(write_end, "wb") as stream:
                stream.write(data)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    chunks = []
    deadline = time.monotonic() + seconds
    try:
        with os.fdopen(read_end, "rb") as stream:
            fd = stream.fileno()
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    os.kill(pid, signal.SIGKILL)
                    raise ProbeFailed(text("checks.probe.timeout", seconds=f"{seconds:g}"))
                ready, _, _ = select.select([fd], [], [], remaining)
                if not ready:
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        _reap(pid)
    if not chunks:
        raise ProbeFailed(text("checks.probe.crashed"))
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "error":
        raise ProbeFailed(value)
    return value


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
