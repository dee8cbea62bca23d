"""``Command``: a ``rubric`` sub-command that a plugin adds (the ``register_commands`` hook)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Command:
    """One sub-command: ``rubric <name> ...`` calls ``run``.

    ``run``'s parameters are the command's arguments and options, declared as for Typer
    (a parameter without a default is an argument; ``Annotated[bool, typer.Option("--all")]``
    an option). ``--plugins-dir`` and ``--lang`` are the command line's own: every command
    accepts them, and inside ``run`` a ``Contest.open(...)`` without ``plugins_dir`` uses
    the command line's. ``help``: the text ``rubric --help`` and ``rubric <name> --help``
    show (a string, or a :class:`~rubric_engine.messages.Message` shown in the run's language).
    Exit with ``raise SystemExit(code)``; a :class:`~rubric_engine.RubricEngineError` is
    shown like the built-in commands' errors (exit 1).
    """

    name: str
    run: Callable[..., Any]
    help: Any = ""
