"""What the commands share: opening the Contest from the options, errors, warnings, writing outputs."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import RubricEngineError
from . import quick_exit
from .localised import language_was_chosen, use
from ..messages import current_language, text


def stderr():
    from ..render.terminal import console

    return console(stderr=True)


def fail(error: RubricEngineError) -> None:
    """Every problem of ``error`` on stderr (errors red, warnings yellow), those of one table column and
    kind grouped (:mod:`..render.error_groups`), then exit 1."""
    from ..render.error_groups import rendered_groups
    from ..render.terminal import visible_lines

    console = stderr()
    for shown, is_error in rendered_groups(error.problems):
        console.print(visible_lines(shown), style="red" if is_error else "yellow")
    errors = sum(p.is_error for p in error.problems)
    console.print(text("cli.errors", count=errors), style="bold red")
    raise typer.Exit(code=1)


def warn(problems, quiet: bool = False) -> None:
    """Warnings and notes on stderr, grouped by kind: the first ten of each, then how many more."""
    if quiet:
        return
    from ..render.terminal import report

    report(problems, stderr())


def usage_error(message: str):
    typer.echo(message, err=True)
    raise typer.Exit(code=2)


def open_contest(rubric: Path, data: Optional[Path] = None, plugins_dir=None, trust_plugins: bool = False, **options):
    """The Contest of one command line: nothing is read yet. Outputs follow ``--lang`` when given,
    else the rubric's ``language:`` (never the machine's locale). Without ``plugins_dir``: the command
    line's ``--plugins-dir`` folders, wherever they were given."""
    from ..session import Contest

    return Contest.open(rubric, data, plugins_dir=plugins_dir or None, trust_plugins=trust_plugins,
                        language=current_language() if language_was_chosen() else None, **options)


def host(contest):
    """The contest's plugin host; a plugin that fails to load is a located error (exit 1)."""
    try:
        return contest.host
    except RubricEngineError as error:
        fail(error)


def load(contest, fmt: str | None = None):
    """The rubric loaded (``--format`` checked first, before any work); the run speaks its language."""
    if fmt is not None:
        output_format(contest, fmt)
    loaded = contest.loaded
    if not language_was_chosen():
        use(contest.language)
    return loaded


def output_format(contest, fmt: str):
    """The output format plugin, or a usage error (exit 2) before any work is done."""
    from ..errors import did_you_mean

    found = contest.output_format(fmt)
    if found is None:
        names = contest.format_names()
        usage_error(text("cli.format.unknown", format=fmt,
                         hint=did_you_mean(fmt, names) or text("cli.format.known", names=", ".join(names))))
    return found


def format_for(contest, fmt: Optional[str], output: Optional[Path]) -> str:
    """``--format`` when given; else the format of ``--output``'s extension; else the terminal table."""
    if fmt is not None:
        return fmt
    if output is None:
        return "table"
    host(contest)
    by_extension: dict[str, str] = {}
    for name in contest.format_names():
        extension = contest.output_format(name).extension.lower()
        if extension:
            by_extension.setdefault(extension, name)
    suffix = output.suffix.lower()
    if suffix not in by_extension:
        usage_error(text("cli.output.unknown_extension", name=output.name, known=" ".join(by_extension)))
    return by_extension[suffix]


def guard_template(contest, fmt: str) -> None:
    """``--template`` with a format that takes no template is a usage error, before any work."""
    host(contest)
    if "template" not in output_format(contest, fmt).options:
        usage_error(text("cli.template.not_for_format", format=fmt))


def guard_output(output: Optional[Path], rubric: Optional[Path], data: Optional[Path],
                 others: tuple = (), plugins_dir=None) -> None:
    """Refuse, before any work, an --output that is one of the contest's inputs (plugin files included),
    a FIFO or a device."""
    if output is None:
        return
    plugin_files = [path for folder in plugins_dir or () if Path(folder).is_dir()
                    for path in Path(folder).glob("*.py")]
    others = tuple(others) + tuple(plugin_files)
    from ..io.atomic import OutputRefused, check_target

    try:
        check_target(output, rubric=rubric, data=data, others=[p for p in others if p is not None])
    except OutputRefused as refused:
        from ..render.terminal import visible

        usage_error(text("cli.output.refused", path=visible(output), reason=visible(refused)))


def write_stdout(data: bytes) -> None:
    """All of ``data`` on stdout, or exit 1 saying the output is incomplete (closed pipe, full disk)."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        stdout_failed(exc)


def stdout_failed(exc: OSError) -> None:
    import os

    try:  # nothing more can reach stdout: let the exit not try to flush it again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    typer.echo(text("cli.stdout.failed", reason=exc.strerror or type(exc).__name__), err=True)
    raise typer.Exit(code=1)


def print_renderables(renderables) -> None:
    """Rich renderables on stdout, live; a closed pipe is exit 1."""
    from ..render.terminal import console

    out = console(file=sys.stdout)
    try:
        for renderable in renderables:
            out.print(renderable)
        sys.stdout.flush()
    except OSError as exc:
        stdout_failed(exc)


def emit(contest, document: dict, kind: str, fmt: str, output: Optional[Path], template: Optional[Path] = None,
         **view) -> None:
    """``document`` in ``fmt``: live on a terminal for a terminal format, else rendered to stdout or ``output``."""
    quick_exit.keep(contest, document)  # the console script leaves without freeing them (quick_exit.py)
    found = output_format(contest, fmt)
    if output is None and found.terminal is not None:
        print_renderables(found.terminal(document, kind, **view))
        return
    if output is None and found.binary and sys.stdout.isatty():
        usage_error(text("cli.output.binary", format=fmt, extension=found.extension))
    data = contest.render(fmt, document, kind=kind, template=template, **view)
    if output is None:
        write_stdout(data)
        return
    write_file(output, data)


def write_file(output: Path, data: bytes) -> None:
    from ..io.atomic import write_atomic

    try:
        write_atomic(output, data)
    except OSError as exc:
        raise RubricEngineError.of("output.write", None, path=output, reason=exc.strerror) from None
    from ..render.terminal import visible

    stderr().print(text("cli.wrote", path=visible(output)))


def with_progress(total: int, work):
    """``work(tick)`` with a progress bar on a terminal; quiet when stderr is piped."""
    if not sys.stderr.isatty() or total < 1:
        return work(None)
    from rich.progress import Progress

    with Progress(console=stderr(), transient=True) as progress:
        task = progress.add_task("checking", total=total)
        return work(lambda: progress.advance(task))


def run_checks(contest, saved_allowed: bool = False):
    """The contest's verdicts: checks run with a progress bar on a terminal (or, when ``saved_allowed``,
    the ``--verdicts`` file's)."""
    if saved_allowed and contest.saved_verdicts is not None:
        return contest.verdicts()
    step = contest.verdicts if saved_allowed else contest.fresh_verdicts
    return with_progress(contest.check_count(), lambda tick: step(progress=tick))
