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
# Zero-width and other invisible format characters too (U+200B-U+200D, U+2060-U+2064, U+FEFF, U+00AD):
# a judge "专家3\u200b" must not look like "专家3".
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e"
                     "\u2060-\u2064\u2066-\u2069\ufeff]")


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


class Paragraph:
    """Text wrapped by display width (a CJK character takes two columns) at the width it is printed:
    Rich breaks only at spaces, so a Chinese sentence after a number would start on a new line."""

    def __init__(self, text: str, style: str = ""):
        self.text, self.style = visible(text), style

    def __rich_console__(self, console, options):
        for line in wrap_cells(self.text, options.max_width):
            yield Text(line, style=self.style, no_wrap=True, overflow="crop")

    def __rich_measure__(self, console, options):
        from rich.cells import cell_len
        from rich.measure import Measurement

        from .fit import MIN_CAP, widest_atom

        widest = max((cell_len(line) for line in self.text.split("\n")), default=0)
        return Measurement(min(widest_atom(self.text), MIN_CAP), widest).with_maximum(options.max_width)


_NO_LINE_START = set("，。、；：？！）」』”’》〉】…,.;:?!)")


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` columns, never inside an id, a number or a Latin
    word (:func:`.fit.wrap`); a closing mark never starts a line."""
    from .fit import wrap

    return wrap(text, width)


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
