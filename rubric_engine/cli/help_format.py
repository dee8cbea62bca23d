"""Help pages wrapped by display width (issue 17, deliver 6): Click measures text with ``len`` and
wraps only at spaces, so a Chinese help line ran past 80 columns or broke a word (``wecha``/``t``).

:class:`DisplayWidthFormatter` measures with Rich's cell widths (a CJK character takes two
columns) and wraps with :func:`rubric_engine.render.fit.wrap` (never inside an option name, a
file name or a number). The usage prefix and headings come from the catalogue (``用法：``,
``选项：``); an option shows its own metavar (``--format FORMAT``), never Typer's type name
(``<str>``, ``<path>``); a number range reads ``[至少 1]``, not ``[x>=1]``.
"""
from __future__ import annotations

import typer.core

from .. import messages

_click = typer.core._click  # noqa: SLF001 - the Click Typer carries


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _wrap(text: str, width: int) -> list[str]:
    from ..render.fit import wrap

    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append("")
        lines.extend(wrap(" ".join(paragraph.split()), max(width, 10)))
    return lines


class DisplayWidthFormatter(_click.formatting.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = messages.text("help.usage") if prefix is None else prefix
        args = args.replace("COMMAND [ARGS]...", messages.text("help.usage.command"))
        args = args.replace("[OPTIONS]", messages.text("help.usage.options"))
        head = f"{'':>{self.current_indent}}{prefix}{prog} "
        lines = _wrap(args, self.width - _cells(head)) or [""]
        self.write(head + lines[0] + "\n")
        for line in lines[1:]:
            self.write(" " * _cells(head) + line + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{messages.text('help.heading', heading=heading)}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in _wrap(text, self.width - self.current_indent):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_width = min(max((_cells(first) for first, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if _cells(first) <= first_width - col_spacing:
                self.write(" " * (first_width - _cells(first)))
            else:
                self.write("\n" + " " * (first_width + self.current_indent))
            lines = _wrap(second, max(self.width - first_width - self.current_indent, 10))
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(" " * (first_width + self.current_indent) + (f"{line}\n" if line else "\n"))


def get_help(command, ctx) -> str:
    """``command``'s help page through :class:`DisplayWidthFormatter`."""
    formatter = DisplayWidthFormatter(width=ctx.terminal_width, max_width=ctx.max_content_width)
    command.format_help(ctx, formatter)
    return formatter.getvalue().rstrip("\n")


def _range(self) -> str | None:
    low, high = getattr(self, "min", None), getattr(self, "max", None)
    if low is not None and high is not None:
        return messages.text("help.range.both", min=low, max=high)
    if low is not None:
        return messages.text("help.range.min", min=low)
    if high is not None:
        return messages.text("help.range.max", max=high)
    return None


def _option_type(original):
    def display(self, ctx):  # its metavar, else its name as one (FORMAT), never Typer's <str>
        return self.metavar or (self.name or "").upper().replace("_", "-") or original(self, ctx)
    return display


def install() -> None:
    """Typer's type names and Click's range notation replaced, once, for every command."""
    if getattr(typer.core.TyperOption, "_rubric_help", False):
        return
    typer.core.TyperOption.display_type_rich = _option_type(typer.core.TyperOption.display_type_rich)
    typer.core.TyperArgument.display_type_rich = lambda self, ctx: ""  # its name is its metavar
    typer.core.TyperOption._get_number_range_help_str = _range  # noqa: SLF001
    typer.core.TyperArgument._get_number_range_help_str = _range  # noqa: SLF001
    typer.core.TyperOption._rubric_help = True
