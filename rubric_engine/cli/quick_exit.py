"""Leaving the console script without freeing what the command built.

A command that made a large document (a million score rows: millions of small objects) spends
about half a second freeing it object by object when it returns, and the interpreter then tears
down every module; the operating system takes the whole process back at once. So the console
script (``entry.main``, and only it: a test's ``CliRunner`` and the library free as usual) keeps
the command's contest and document alive, and once the command has ended it runs the ``atexit``
handlers (temporary files, the checking pool, logging), flushes stdout and stderr, and leaves
with ``os._exit``. Anything that must be cleaned up registers with ``atexit`` or uses a ``with``
block, as it would for a normal exit.
"""
from __future__ import annotations

import atexit
import os
import sys
import threading

_KEPT: list | None = None  # None: not armed (CliRunner, the library): nothing is kept


def arm() -> None:
    """Called by the console script before the command runs."""
    global _KEPT
    _KEPT = []


def keep(*objects) -> None:
    """Keep ``objects`` alive until the process leaves (when armed), so that returning frees nothing."""
    if _KEPT is not None:
        _KEPT.extend(objects)


def leave(code) -> None:
    """End the process with ``code`` (``SystemExit.code``: an int or None) without freeing, when armed and
    no other thread runs; otherwise return, and the caller exits the usual way."""
    if _KEPT is None or not (code is None or type(code) is int) or threading.active_count() > 1:
        return
    atexit._run_exitfuncs()  # what a normal exit runs: temporary folders, the checking pool, logging
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed or broken stream: never exit 0 on a short write
            code = code or 1
    os._exit(code or 0)
