"""The ``rubric`` command: thin Typer commands over :class:`rubric_engine.Contest`.

One module per command (``NAME``, ``HELP`` — a catalogue key — and ``command``), registered
in ``COMMANDS`` below, in the order ``rubric --help`` lists them; the options they share are
declared once in :mod:`.options`, the helpers in :mod:`.common`. A plugin's commands
(hook ``register_commands``) are added by :mod:`.plugin_commands`.

Exit codes: 0 success, 1 invalid input (a clear message, never a traceback),
2 usage error, 130 / 143 interrupted (Ctrl-C / SIGTERM; nothing written).
"""
from __future__ import annotations

from .app import COMMANDS, app
from .entry import main

__all__ = ["app", "main", "COMMANDS"]
