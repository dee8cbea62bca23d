"""The ``rubric`` command: thin Typer commands over the library.

Exit codes: 0 success, 1 invalid input (a clear message, never a traceback),
2 usage error.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import RubricEngineError

app = typer.Typer(
    name="rubric", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Run the judging of a contest from a rubric file: validate, show, check, evaluate, explain.",
)

RubricArg = Annotated[Path, typer.Argument(help="The rubric file (YAML).", show_default=False)]
DataArg = Annotated[Path, typer.Argument(help="The data folder (entries, scores, votes, units, checks).",
                                         show_default=False)]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, json, csv, xlsx, md, html, or a plugin's.")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o",
                                                   help="Write to this file (atomically) instead of the terminal.")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1,
                                                help="Processes that check submission folders (default: one per core).")]
PluginsOpt = Annotated[Optional[list[Path]], typer.Option("--plugins-dir",
                                                          help="A folder of single-file plugins (repeatable).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache",
                                          help="Neither read nor write the verdict cache (DATA/.rubric-cache/).")]
StrictCacheOpt = Annotated[bool, typer.Option("--strict-cache",
                                              help="Trust a cached verdict only if its folder's files have the same "
                                                   "content (sha256), not just the same size and date.")]
VerdictsOpt = Annotated[Optional[Path], typer.Option("--verdicts", metavar="FILE",
                                                     help="Take the checks' verdicts from FILE (written by `rubric "
                                                          "check --format json --output FILE`); run no check.")]


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(error: RubricEngineError) -> None:
    console = _stderr()
    for problem in error.problems:
        console.print(problem.render(), style="red" if problem.is_error else "yellow", markup=False)
    errors = sum(p.is_error for p in error.problems)
    console.print(f"{errors} error(s): nothing was written.", style="bold red", markup=False)
    raise typer.Exit(code=1)


def _warn(problems) -> None:
    console = _stderr()
    for problem in problems:
        console.print(problem.render(), style="yellow", markup=False)


def _load(rubric: Path, plugins_dir, fmt: str | None = None):
    from .plugins import load_host
    from .rubric.build import load_rubric

    host = load_host(plugin_dirs=plugins_dir or ())
    if fmt is not None:
        _output_format(host, fmt)
    return load_rubric(rubric, host=host)


def _output_format(host, fmt: str):
    """The output format plugin, or a usage error (exit 2) before any work is done."""
    from .errors import did_you_mean

    output_format = host.get("output_formats", fmt)
    if output_format is None:
        names = host.names("output_formats")
        typer.echo(f"Error: unknown format {fmt!r}; {did_you_mean(fmt, names) or 'formats: ' + ', '.join(names)}",
                   err=True)
        raise typer.Exit(code=2)
    return output_format


def _emit(document: dict, kind: str, fmt: str, output: Optional[Path], host) -> None:
    output_format = _output_format(host, fmt)
    if output is None and fmt == "table" and sys.stdout.isatty():
        from rich.console import Console

        from .io.rich_views import renderables

        console = Console()
        for renderable in renderables(document, kind):
            console.print(renderable)
        return
    data = output_format.render(document, kind)
    if output is None:
        if fmt == "xlsx" and sys.stdout.isatty():
            typer.echo("Error: xlsx is binary: give --output FILE.xlsx", err=True)
            raise typer.Exit(code=2)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from .io.atomic import write_atomic

    try:
        write_atomic(output, data)
    except OSError as exc:
        raise RubricEngineError.single(f"cannot write {output}: {exc.strerror}") from None
    _stderr().print(f"wrote {output}", markup=False)


def _with_progress(total: int, work):
    """``work(tick)`` with a progress bar on a terminal; quiet when stderr is piped."""
    if not sys.stderr.isatty() or total < 1:
        return work(None)
    from rich.progress import Progress

    with Progress(console=_stderr(), transient=True) as progress:
        task = progress.add_task("checking", total=total)
        return work(lambda: progress.advance(task))


@app.command()
def validate(
    rubric: RubricArg,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")] = False,
    plugins_dir: PluginsOpt = None,
) -> None:
    """Check a rubric file: schema, references, expressions; lint warnings (band gaps, weights...)."""
    try:
        loaded = _load(rubric, plugins_dir)
    except RubricEngineError as error:
        _fail(error)
    _warn(loaded.warnings)
    console = _stderr()
    if loaded.warnings and strict:
        console.print(f"{len(loaded.warnings)} warning(s), and --strict treats them as errors.",
                      style="bold red", markup=False)
        raise typer.Exit(code=1)
    console.print(f"{rubric}: valid ({len(loaded.warnings)} warning(s)).", style="green", markup=False)


@app.command()
def show(rubric: RubricArg, plugins_dir: PluginsOpt = None) -> None:
    """Render the rubric as readable tables, with the highest possible final score."""
    from rich.console import Console

    from .io.rubric_view import rubric_renderables

    try:
        loaded = _load(rubric, plugins_dir)
    except RubricEngineError as error:
        _fail(error)
    console = Console()
    for renderable in rubric_renderables(loaded.rubric):
        console.print(renderable)


def _verdicts(loaded, contest, jobs, no_cache: bool, strict_cache: bool, saved: Optional[Path] = None):
    """The raw verdicts: from a saved file, or by running the checks (through the verdict cache)."""
    if saved is not None:
        from .checking.saved import load_verdicts

        return load_verdicts(saved, loaded.rubric, contest)
    from .checking import VerdictCache, run_checks

    cache = VerdictCache(contest.folder, enabled=not no_cache, strict=strict_cache)
    verdicts = _with_progress(len(contest.entries) * len(loaded.rubric.checks),
                              lambda tick: run_checks(loaded.rubric, contest, cache=cache, progress=tick, jobs=jobs))
    if cache.note:
        _stderr().print(f"note: {cache.note}", markup=False)
    return verdicts


@app.command()
def check(rubric: RubricArg, data: DataArg,
          format: Annotated[Optional[str], typer.Option(
              "--format", "-f", show_default=False,
              help="table (the default; json when --output ends in .json), json, csv, xlsx, md, html, "
                   "or a plugin's.")] = None,
          output: OutputOpt = None, plugins_dir: PluginsOpt = None, jobs: JobsOpt = None,
          no_cache: NoCacheOpt = False, strict_cache: StrictCacheOpt = False) -> None:
    """Run every submission check on every entry; the 规范性 score of each."""
    from .engine.checks import conformity_of
    from .engine.document import check_document
    from .io.data import read_data

    if format is None:  # `--output verdicts.json` is what `--verdicts` reads back
        format = "json" if output is not None and output.suffix.lower() == ".json" else "table"
    try:
        loaded = _load(rubric, plugins_dir, format)
        contest = read_data(data, loaded.rubric)
        verdicts = _verdicts(loaded, contest, jobs, no_cache, strict_cache)
        report = conformity_of(loaded.rubric, contest, verdicts)
        document = check_document(loaded.rubric, contest, report, loaded.warnings + contest.warnings, verdicts)
        _emit(document, "check", format, output, loaded.host)
    except RubricEngineError as error:
        _fail(error)


def _evaluation(rubric: Path, data: Path, plugins_dir, fmt: str, jobs=None, no_cache: bool = False,
                strict_cache: bool = False, saved: Optional[Path] = None):
    from .engine.evaluate import evaluate as run
    from .io.data import read_data

    loaded = _load(rubric, plugins_dir, fmt)
    contest = read_data(data, loaded.rubric)
    evaluation = run(loaded.rubric, contest, _verdicts(loaded, contest, jobs, no_cache, strict_cache, saved))
    evaluation.warnings[:0] = loaded.warnings
    return loaded, evaluation


@app.command()
def evaluate(rubric: RubricArg, data: DataArg, format: FormatOpt = "table", output: OutputOpt = None,
             plugins_dir: PluginsOpt = None, jobs: JobsOpt = None, no_cache: NoCacheOpt = False,
             strict_cache: StrictCacheOpt = False, verdicts: VerdictsOpt = None) -> None:
    """Final scores, ranks and every award (entry awards and unit awards)."""
    from .engine.document import evaluation_document

    try:
        loaded, evaluation = _evaluation(rubric, data, plugins_dir, format, jobs, no_cache, strict_cache, verdicts)
        _emit(evaluation_document(evaluation), "evaluate", format, output, loaded.host)
    except RubricEngineError as error:
        _fail(error)


@app.command()
def explain(rubric: RubricArg, data: DataArg,
            entry_id: Annotated[str, typer.Argument(metavar="ENTRY_ID", help="The entry to explain.")],
            format: FormatOpt = "table", output: OutputOpt = None, plugins_dir: PluginsOpt = None,
            jobs: JobsOpt = None, no_cache: NoCacheOpt = False, strict_cache: StrictCacheOpt = False,
            verdicts: VerdictsOpt = None) -> None:
    """The whole derivation of one entry's final score, rank and awards."""
    from .engine.explain import explain_document
    from .errors import did_you_mean

    try:
        loaded, evaluation = _evaluation(rubric, data, plugins_dir, format, jobs, no_cache, strict_cache, verdicts)
        if evaluation.entry(entry_id) is None:
            ids = [r.entry.id for r in evaluation.entries]
            raise RubricEngineError.single(f"no entry {entry_id!r} in {data}", code="data.unknown",
                                           hint=did_you_mean(entry_id, ids) or "see `rubric evaluate` for the ids")
        _emit(explain_document(evaluation, entry_id), "explain", format, output, loaded.host)
    except RubricEngineError as error:
        _fail(error)


@app.command()
def plugins(plugins_dir: PluginsOpt = None,
            rubric: Annotated[Optional[Path], typer.Option("--rubric", help="Also load this rubric's plugins.")] = None,
            format: FormatOpt = "table") -> None:
    """Which plugins are loaded, from where, and what each provides."""
    import json

    from .plugins import load_host

    try:
        host = load_host(plugin_dirs=plugins_dir or ())
        if rubric is not None:
            from .rubric.build import load_rubric

            load_rubric(rubric, host=host, lint=False)
    except RubricEngineError as error:
        _fail(error)
    infos = host.plugins()
    if format == "json":
        typer.echo(json.dumps([{"name": i.name, "source": i.source, "hooks": i.hooks, "provides": i.provides}
                               for i in infos], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="plugins", title_justify="left")
    for column in ("plugin", "from", "hooks", "provides"):
        table.add_column(column, overflow="fold")
    for info in infos:
        provides = "\n".join(f"{kind}: {', '.join(names)}" for kind, names in info.provides.items())
        table.add_row(info.name, info.source, "\n".join(info.hooks), provides)
    Console().print(table)


@app.command()
def schema() -> None:
    """Print the rubric JSON Schema (draft-07), for editors and other tools."""
    from importlib import resources

    sys.stdout.write(resources.files("rubric_engine.schemas").joinpath("rubric.schema.json").read_text("utf-8"))


def main() -> None:
    import gc
    import os

    # One command is one short batch: the cyclic garbage collector would scan every score
    # and result object again and again (half the time of a large contest) to free almost
    # nothing. Reference counting still frees everything that is not in a cycle.
    gc.disable()

    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug of ours: one clear line, the traceback only on request
        if os.environ.get("RUBRIC_DEBUG"):
            raise
        typer.echo(f"internal error: {type(exc).__name__}: {exc}\n"
                   "This is a bug in rubric-engine, not in your files. Run again with RUBRIC_DEBUG=1 "
                   "to see the traceback, and report it.", err=True)
        sys.exit(1)
