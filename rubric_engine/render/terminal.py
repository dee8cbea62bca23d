"""What reaches a terminal: user text made safe, consoles that interpret nothing, the warnings report.

Every piece of user data (titles, units, notes, file names, locations) that reaches Rich goes
through :func:`cell` or :func:`visible`: it becomes a ``Text`` (never parsed as markup or
emoji codes), and control characters, escape sequences and bidirectional overrides are shown
as visible escapes (``\\x1b``, ``\\u202e``) instead of acting on the terminal.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from rich.console import Console
from rich.text import Text

from ..messages import text

# C0 and C1 controls, DEL, bidirectional marks/embeddings/overrides/isolates, line/paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: Any) -> str:
    """``value`` as text whose every control or bidi character is written out (``\\x1b``, ``\\u202e``)."""
    text = "" if value is None else str(value)
    return _UNSAFE.sub(_escape, text)


def visible_lines(text: str) -> str:
    """Like :func:`visible`, keeping the line breaks of a multi-line message of ours."""
    return "\n".join(visible(line) for line in text.split("\n"))


def cell(value: Any, style: str = "") -> Text:
    """A table cell or title: plain text, never markup or emoji, controls made visible (line breaks kept)."""
    return Text(visible_lines("" if value is None else str(value)), style=style)


def console(*, stderr: bool = False, file=None, width: int | None = None, plain: bool = False) -> Console:
    """A console that never interprets markup, emoji codes or highlights in what it prints."""
    options: dict = {"stderr": stderr, "markup": False, "emoji": False, "highlight": False, "soft_wrap": stderr}
    if file is not None:
        options["file"] = file
    if width is not None:
        options["width"] = width
    if plain:
        options.update(color_system=None, force_terminal=False, legacy_windows=False)
    result = Console(**options)
    result.on_broken_pipe = _broken_pipe  # the caller says the output is incomplete; Rich would exit 1 silently
    return result


def _broken_pipe() -> None:
    import errno

    raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def group_problems(problems: Iterable) -> list[tuple[str, list]]:
    """Problems grouped by code, in the order each code first appears; exact repeats kept once."""
    groups: dict[str, list] = {}
    seen = set()
    for problem in problems:
        key = (problem.code, problem.headline())
        if key in seen:
            continue
        seen.add(key)
        groups.setdefault(problem.code, []).append(problem)
    return list(groups.items())


def report(problems: Iterable, out: Console, *, first: int = 10) -> None:
    """Warnings and notes on stderr: the first ``first`` of each kind, then how many more of that kind."""
    groups = group_problems(problems)
    total = 0
    for code, members in groups:
        total += len(members)
        for problem in members[:first]:
            out.print(visible_lines(problem.render()), style="yellow")
        if len(members) > first:
            out.print("    " + text("terminal.report.more", count=len(members) - first, code=code),
                      style="yellow")
    if total > first:
        out.print(text("terminal.report.total", count=total, kinds=len(groups)), style="dim")
