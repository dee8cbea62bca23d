"""The ``rubric`` command: thin Typer commands over the library.

Exit codes: 0 success, 1 invalid input (a clear message, never a traceback),
2 usage error, 130 / 143 interrupted (Ctrl-C / SIGTERM; nothing written).
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import Problem, RubricEngineError
from .localised import LocalisedCommand, LocalisedGroup, language_was_chosen, use
from .messages import LANGUAGES, join, normalise_language, text

app = typer.Typer(
    name="rubric", no_args_is_help=True, add_completion=False, rich_markup_mode=None, cls=LocalisedGroup,
    pretty_exceptions_enable=False, context_settings={"help_option_names": ["-h", "--help"]}, help="help.app",
)

def _version(value: bool) -> None:
    if value:
        from .version import __version__

        typer.echo(text("cli.version", version=__version__))
        raise typer.Exit()


RubricArg = Annotated[Path, typer.Argument(help="help.arg.rubric", metavar="RUBRIC", show_default=False)]
DataArg = Annotated[Path, typer.Argument(help="help.arg.data", metavar="DATA", show_default=False)]
FormatOpt = Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", show_default=False,
                                                  help="help.opt.format")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="help.opt.output")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="help.opt.jobs")]
PluginsOpt = Annotated[Optional[list[Path]], typer.Option("--plugins-dir", metavar="DIR", help="help.opt.plugins_dir")]
TrustOpt = Annotated[bool, typer.Option("--trust-plugins", help="help.opt.trust_plugins")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="help.opt.no_cache")]
StrictCacheOpt = Annotated[bool, typer.Option("--strict-cache", help="help.opt.strict_cache")]
VerdictsOpt = Annotated[Optional[Path], typer.Option("--verdicts", metavar="FILE", help="help.opt.verdicts")]
TemplateOpt = Annotated[Optional[Path], typer.Option("--template", metavar="DIR", exists=True, file_okay=False,
                                                    dir_okay=True, show_default=False, help="help.opt.template")]
AuditOpt = Annotated[Optional[Path], typer.Option("--audit", metavar="FILE", show_default=False, help="help.opt.audit")]
def _date(value: Optional[str]):
    """--date YYYY-MM-DD (issue 17): the publication date, or a usage error."""
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(text("cli.date.bad", value=value)) from None


DateOpt = Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", callback=_date, help="help.opt.date")]
WinnersOnlyOpt = Annotated[bool, typer.Option("--winners-only", help="help.opt.winners_only")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="help.opt.quiet")]
VersionOpt = Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="help.opt.version")]


def _language(value: Optional[str]) -> Optional[str]:
    """--lang: already applied before parsing (see localised.py); here only checked."""
    if value is not None and normalise_language(value) is None:
        raise typer.BadParameter(f"{value!r}: {', '.join(LANGUAGES)}")
    return value


LangOpt = Annotated[Optional[str], typer.Option("--lang", metavar="LANG", callback=_language, is_eager=True,
                                                help="help.opt.lang")]


@app.callback(help="help.app")
def _main(version: VersionOpt = None, lang: LangOpt = None) -> None:
    _HOSTS.clear()  # nothing of an earlier invocation in the same process (tests) is reused


def _stderr():
    from .render.terminal import console

    return console(stderr=True)


def _fail(error: RubricEngineError) -> None:
    from .render.terminal import visible_lines

    console = _stderr()
    for problem in error.problems:
        console.print(visible_lines(problem.render()), style="red" if problem.is_error else "yellow")
    errors = sum(p.is_error for p in error.problems)
    console.print(text("cli.errors", count=errors), style="bold red")
    raise typer.Exit(code=1)


def _warn(problems, quiet: bool = False) -> None:
    """Warnings and notes on stderr, grouped by kind: the first ten of each, then how many more."""
    if quiet:
        return
    from .render.terminal import report

    report(problems, _stderr())


def _load(rubric: Path, plugins_dir, fmt: str | None = None, trust_plugins: bool = False):
    from .plugins import load_host
    from .rubric.build import load_rubric

    host = _HOSTS.pop(tuple(plugins_dir or ()), None) or load_host(plugin_dirs=plugins_dir or ())
    if fmt is not None:
        _output_format(host, fmt)
    loaded = load_rubric(rubric, host=host, trust_plugins=trust_plugins)
    if not language_was_chosen():  # data outputs follow the rubric's language:, never the machine's locale
        use(loaded.rubric.language)
    return loaded


def _usage_error(message: str):
    typer.echo(message, err=True)
    raise typer.Exit(code=2)


def _output_format(host, fmt: str):
    """The output format plugin, or a usage error (exit 2) before any work is done."""
    from .errors import did_you_mean

    output_format = host.get("output_formats", fmt)
    if output_format is None:
        names = host.names("output_formats")
        _usage_error(text("cli.format.unknown", format=fmt,
                          hint=did_you_mean(fmt, names) or text("cli.format.known", names=", ".join(names))))
    return output_format


def _format_for(fmt: Optional[str], output: Optional[Path], plugins_dir) -> str:
    """``--format`` when given; else the format of ``--output``'s extension; else the terminal table."""
    if fmt is not None:
        return fmt
    if output is None:
        return "table"
    from .plugins import load_host

    try:
        host = load_host(plugin_dirs=plugins_dir or ())
    except RubricEngineError as error:
        _fail(error)
    _HOSTS[tuple(plugins_dir or ())] = host  # loaded once: the command's _load takes it
    by_extension = {}
    for name in host.names("output_formats"):
        extension = host.get("output_formats", name).extension.lower()
        if extension:
            by_extension.setdefault(extension, name)
    suffix = output.suffix.lower()
    if suffix not in by_extension:
        _usage_error(text("cli.output.unknown_extension", name=output.name, known=" ".join(by_extension)))
    return by_extension[suffix]


_HOSTS: dict[tuple, object] = {}


def _guard_template(fmt: str, plugins_dir) -> None:
    """``--template`` with a format that takes no template is a usage error, before any work."""
    from .plugins import load_host

    key = tuple(plugins_dir or ())
    try:
        host = _HOSTS.get(key) or load_host(plugin_dirs=plugins_dir or ())
    except RubricEngineError as error:
        _fail(error)
    _HOSTS[key] = host
    if "template" not in _output_format(host, fmt).options:
        _usage_error(text("cli.template.not_for_format", format=fmt))


def _guard_output(output: Optional[Path], rubric: Optional[Path], data: Optional[Path],
                  others: tuple = (), plugins_dir=None) -> None:
    """Refuse, before any work, an --output that is one of the contest's inputs (plugin files included),
    a FIFO or a device."""
    if output is None:
        return
    plugin_files = [path for folder in plugins_dir or () if Path(folder).is_dir()
                    for path in Path(folder).glob("*.py")]
    others = tuple(others) + tuple(plugin_files)
    from .io.atomic import OutputRefused, check_target

    try:
        check_target(output, rubric=rubric, data=data, others=[p for p in others if p is not None])
    except OutputRefused as refused:
        from .render.terminal import visible

        _usage_error(text("cli.output.refused", path=visible(output), reason=visible(refused)))


def _write_stdout(data: bytes) -> None:
    """All of ``data`` on stdout, or exit 1 saying the output is incomplete (closed pipe, full disk)."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        _stdout_failed(exc)


def _stdout_failed(exc: OSError) -> None:
    import os

    try:  # nothing more can reach stdout: let the exit not try to flush it again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    typer.echo(text("cli.stdout.failed", reason=exc.strerror or type(exc).__name__), err=True)
    raise typer.Exit(code=1)


def _emit(document: dict, kind: str, fmt: str, output: Optional[Path], host, template: Optional[Path] = None,
          **view) -> None:
    output_format = _output_format(host, fmt)
    if output is None and output_format.terminal is not None:
        from .render.terminal import console

        out = console(file=sys.stdout)
        try:
            for renderable in output_format.terminal(document, kind, **view):
                out.print(renderable)
            sys.stdout.flush()
        except OSError as exc:
            _stdout_failed(exc)
        return
    if output is None and output_format.binary and sys.stdout.isatty():
        _usage_error(text("cli.output.binary", format=fmt, extension=output_format.extension))
    options = dict(view) if output_format.terminal is not None else {}  # the view options: terminal formats
    if "template" in output_format.options:
        options["template"] = template
    data = output_format.render(document, kind, **options)
    if output is None:
        _write_stdout(data)
        return
    _write_file(output, data)


def _write_file(output: Path, data: bytes) -> None:
    from .io.atomic import write_atomic

    try:
        write_atomic(output, data)
    except OSError as exc:
        raise RubricEngineError.of("output.write", None, path=output, reason=exc.strerror) from None
    from .render.terminal import visible

    _stderr().print(text("cli.wrote", path=visible(output)))


def _with_progress(total: int, work):
    """``work(tick)`` with a progress bar on a terminal; quiet when stderr is piped."""
    if not sys.stderr.isatty() or total < 1:
        return work(None)
    from rich.progress import Progress

    with Progress(console=_stderr(), transient=True) as progress:
        task = progress.add_task("checking", total=total)
        return work(lambda: progress.advance(task))


@app.command(cls=LocalisedCommand, help="help.validate")
def validate(
    rubric: RubricArg,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")] = False,
    plugins_dir: PluginsOpt = None, trust_plugins: TrustOpt = False, quiet: QuietOpt = False, lang: LangOpt = None,
    version: VersionOpt = None,
) -> None:
    """Check a rubric file: schema, references, expressions; lint warnings (band gaps, weights...)."""
    from .render.terminal import visible

    try:
        loaded = _load(rubric, plugins_dir, trust_plugins=trust_plugins)
    except RubricEngineError as error:
        _fail(error)
    _warn(loaded.warnings, quiet and not strict)
    console = _stderr()
    if loaded.warnings and strict:
        console.print(text("cli.strict", count=len(loaded.warnings)), style="bold red")
        raise typer.Exit(code=1)
    console.print(text("cli.valid", path=visible(rubric), count=len(loaded.warnings)), style="green")


@app.command(cls=LocalisedCommand, help="help.show")
def show(rubric: RubricArg, plugins_dir: PluginsOpt = None, trust_plugins: TrustOpt = False,
         quiet: QuietOpt = False, lang: LangOpt = None, version: VersionOpt = None) -> None:
    """Render the rubric as readable tables, with the highest possible final score."""
    from .render.rubric_view import rubric_renderables
    from .render.terminal import console

    try:
        loaded = _load(rubric, plugins_dir, trust_plugins=trust_plugins)
    except RubricEngineError as error:
        _fail(error)
    out = console(file=sys.stdout)
    try:
        for renderable in rubric_renderables(loaded.rubric):
            out.print(renderable)
        sys.stdout.flush()
    except OSError as exc:
        _stdout_failed(exc)
    _warn(loaded.warnings, quiet)


def _verdicts(loaded, contest, jobs, no_cache: bool, strict_cache: bool, saved: Optional[Path] = None,
              notes: Optional[list] = None):
    """The raw verdicts: from a saved file, or by running the checks (through the verdict cache)."""
    if saved is not None:
        from .checking.saved import load_verdicts

        return load_verdicts(saved, loaded.rubric, contest)
    from .checking import VerdictCache, run_checks

    cache = VerdictCache(contest.folder, enabled=not no_cache, strict=strict_cache)
    verdicts = _with_progress(len(contest.entries) * len(loaded.rubric.checks),
                              lambda tick: run_checks(loaded.rubric, contest, cache=cache, progress=tick, jobs=jobs))
    if cache.note and notes is not None:
        notes.append(Problem("note", "cache.note", cache.note))
    return verdicts


@app.command(cls=LocalisedCommand, help="help.check")
def check(rubric: RubricArg, data: DataArg,
          format: Annotated[Optional[str], typer.Option(
              "--format", "-f", show_default=False,
              help="table (the default), json, csv, xlsx, md, html, or a plugin's; with --output, taken from the "
                   "file's extension when not given (`--output verdicts.json` is what --verdicts reads).")] = None,
          output: OutputOpt = None,
          grid: Annotated[bool, typer.Option("--grid", help="Show every check as a column (with a legend and "
                                                            "the reasons), not one line per entry.")] = False,
          only_problems: Annotated[bool, typer.Option("--only-problems", help="Show only the entries with a "
                                                      "failed check or one that needs review.")] = False,
          plugins_dir: PluginsOpt = None, trust_plugins: TrustOpt = False, jobs: JobsOpt = None,
          no_cache: NoCacheOpt = False, strict_cache: StrictCacheOpt = False, quiet: QuietOpt = False,
          lang: LangOpt = None, version: VersionOpt = None) -> None:
    """Run every submission check on every entry; the 规范性 score of each."""
    from .engine.checks import conformity_of
    from .results.document import check_document
    from .io.data import read_data

    format = _format_for(format, output, plugins_dir)
    _guard_output(output, rubric, data, plugins_dir=plugins_dir)
    try:
        loaded = _load(rubric, plugins_dir, format, trust_plugins)
        contest = read_data(data, loaded.rubric)
        notes: list = []
        verdicts = _verdicts(loaded, contest, jobs, no_cache, strict_cache, notes=notes)
        report = conformity_of(loaded.rubric, contest, verdicts)
        warnings = loaded.warnings + contest.warnings
        document = check_document(loaded.rubric, contest, report, warnings, verdicts)
        _emit(document, "check", format, output, loaded.host, grid=grid, only_problems=only_problems)
        _warn(warnings + notes, quiet)  # after the output: below the table on a terminal, not scrolled away
    except RubricEngineError as error:
        _fail(error)


def _evaluation(rubric: Path, data: Path, plugins_dir, fmt: str, jobs=None, no_cache: bool = False,
                strict_cache: bool = False, saved: Optional[Path] = None, trust_plugins: bool = False):
    from .engine.evaluate import evaluate as run
    from .io.data import read_data

    loaded = _load(rubric, plugins_dir, fmt, trust_plugins)
    contest = read_data(data, loaded.rubric)
    notes: list = []
    evaluation = run(loaded.rubric, contest, _verdicts(loaded, contest, jobs, no_cache, strict_cache, saved, notes))
    evaluation.warnings[:0] = loaded.warnings
    return loaded, evaluation, evaluation.warnings + notes


@app.command(cls=LocalisedCommand, help="help.evaluate")
def evaluate(rubric: RubricArg, data: DataArg, format: FormatOpt = None, output: OutputOpt = None,
             plugins_dir: PluginsOpt = None, trust_plugins: TrustOpt = False, jobs: JobsOpt = None,
             no_cache: NoCacheOpt = False, strict_cache: StrictCacheOpt = False, verdicts: VerdictsOpt = None,
             template: TemplateOpt = None, audit: AuditOpt = None, quiet: QuietOpt = False,
             final: Annotated[bool, typer.Option("--final", help="help.opt.final")] = False,
             date: DateOpt = None, winners_only: WinnersOnlyOpt = False,
             lang: LangOpt = None, version: VersionOpt = None) -> None:
    """Final scores, ranks and every award (entry awards and unit awards)."""
    from .results.document import evaluation_document
    from .results.publication import attach

    format = _format_for(format, output, plugins_dir)
    _guard_output(output, rubric, data, (verdicts,), plugins_dir)
    _guard_output(audit, rubric, data, (verdicts,), plugins_dir)
    if audit is not None and output is not None and audit.resolve() == output.resolve():
        _usage_error(text("cli.audit.same_as_output"))
    if template is not None:
        _guard_template(format, plugins_dir)
    try:
        loaded, evaluation, problems = _evaluation(rubric, data, plugins_dir, format, jobs, no_cache, strict_cache,
                                                   verdicts, trust_plugins)
        document = attach(evaluation_document(evaluation), loaded.rubric, date, winners_only)  # issue 17
        if final and not document["publication"]["date"]:
            _stderr().print(text("cli.final.no_date"), style="yellow")
        if final and document["provisional"]:  # nothing is written, the audit page neither
            _warn(problems, quiet)
            _refuse_final(document)
        if audit is not None:  # rendered first: a broken audit template writes neither file
            from .results.audit import audit_document
            from .render.audit import render_audit

            audit_page = render_audit(audit_document(evaluation), template)
        _emit(document, "evaluate", format, output, loaded.host, template)
        if audit is not None:
            _write_file(audit, audit_page)
        _warn(problems, quiet)
    except RubricEngineError as error:
        _fail(error)


def _refuse_final(document: dict) -> None:
    """``--final`` while entries are 待复核: name each (id, title, the checks), write nothing, exit 1."""
    from .render.terminal import visible

    console = _stderr()
    labels = document["labels"]["checks"]
    open_entries = [e for e in document["entries"] if e["provisional"]]
    console.print(visible(text("cli.final.open", count=len(open_entries))), style="bold red")
    for entry in open_entries:
        checks = join(labels.get(c, c) for c in entry["conformity"]["review"])
        console.print(visible(text("cli.final.entry", id=entry["id"], title=entry["title"], checks=checks)),
                      style="red")
    console.print(visible(text("cli.final.hint")), style="yellow")
    raise typer.Exit(code=1)


@app.command(cls=LocalisedCommand, help="help.certificates")
def certificates(rubric: RubricArg, data: DataArg,
                 output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", file_okay=False,
                                                      help="help.opt.certificates_output")],
                 template: TemplateOpt = None,
                 font: Annotated[Optional[Path], typer.Option("--font", metavar="PATH", help="help.opt.font")] = None,
                 date: DateOpt = None, plugins_dir: PluginsOpt = None, trust_plugins: TrustOpt = False,
                 verdicts: VerdictsOpt = None, quiet: QuietOpt = False, lang: LangOpt = None,
                 version: VersionOpt = None) -> None:
    """One 获奖证书 PDF per winner (issue 17; the work is render/certificates.py)."""
    from .render.certificates import render_certificates
    from .render.terminal import visible
    from .results.document import evaluation_document
    from .results.publication import attach

    try:
        loaded, evaluation, problems = _evaluation(rubric, data, plugins_dir, "json", saved=verdicts,
                                                   trust_plugins=trust_plugins)
        document = evaluation_document(evaluation)
        provisional = len(document["provisional"])  # of the whole contest: a review can change who wins
        attach(document, loaded.rubric, date, winners_only=True)
        from .io.atomic import write_atomic

        written = []
        for name, pdf in render_certificates(document, template, font):
            try:
                output.mkdir(parents=True, exist_ok=True)
                write_atomic(output / name, pdf)
            except OSError as exc:
                raise RubricEngineError.of("output.write", None, path=output / name, reason=exc.strerror) from None
            written.append(output / name)
        if provisional:
            _stderr().print(text("cli.certificates.provisional", count=provisional), style="yellow")
        if not document["publication"]["date"]:
            _stderr().print(text("cli.final.no_date"), style="yellow")
        _stderr().print(text("cli.certificates.wrote", count=len(written), path=visible(output)))
        _warn(problems, quiet)
    except RubricEngineError as error:
        _fail(error)


@app.command(cls=LocalisedCommand, help="help.explain")
def explain(rubric: RubricArg, data: DataArg,
            entry_id: Annotated[str, typer.Argument(metavar="ENTRY_ID", help="The entry to explain.")],
            format: FormatOpt = None, output: OutputOpt = None, plugins_dir: PluginsOpt = None,
            trust_plugins: TrustOpt = False, jobs: JobsOpt = None, no_cache: NoCacheOpt = False,
            strict_cache: StrictCacheOpt = False, verdicts: VerdictsOpt = None, quiet: QuietOpt = False,
            lang: LangOpt = None, version: VersionOpt = None) -> None:
    """The whole derivation of one entry's final score, rank and awards; or, given a unit, its unit awards."""
    from .results.explain import explain_document, explain_unit_document
    from .errors import did_you_mean

    format = _format_for(format, output, plugins_dir)
    _guard_output(output, rubric, data, (verdicts,), plugins_dir)
    try:
        loaded, evaluation, problems = _evaluation(rubric, data, plugins_dir, format, jobs, no_cache, strict_cache,
                                                   verdicts, trust_plugins)
        units = {r.entry.unit for r in evaluation.entries} | set(evaluation.data.units)
        if evaluation.entry(entry_id) is None and entry_id not in units:
            ids = [r.entry.id for r in evaluation.entries]
            unknown = Problem.of("error", "data.unknown:explain", None, id=entry_id, data=data)
            raise RubricEngineError([replace(unknown, hint=did_you_mean(entry_id, [*ids, *units]) or unknown.hint)])
        document = (explain_document(evaluation, entry_id) if evaluation.entry(entry_id) is not None
                    else explain_unit_document(evaluation, entry_id))
        _emit(document, "explain", format, output, loaded.host)
        _warn(problems, quiet)
    except RubricEngineError as error:
        _fail(error)


@app.command(cls=LocalisedCommand, help="help.plugins")
def plugins(plugins_dir: PluginsOpt = None,
            rubric: Annotated[Optional[Path], typer.Option("--rubric", help="Also load this rubric's plugins.")] = None,
            trust_plugins: TrustOpt = False,
            format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
            lang: LangOpt = None, version: VersionOpt = None) -> None:
    """Which plugins are loaded, from where, and what each provides."""
    import json

    from .plugins import load_host

    try:
        host = load_host(plugin_dirs=plugins_dir or ())
        if rubric is not None:
            from .rubric.build import load_rubric

            load_rubric(rubric, host=host, lint=False, trust_plugins=trust_plugins)
    except RubricEngineError as error:
        _fail(error)
    infos = host.plugins()
    if format == "json":
        _write_stdout((json.dumps([{"name": i.name, "source": i.source, "hooks": i.hooks, "provides": i.provides}
                                   for i in infos], ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        return
    from rich.table import Table

    from .render.terminal import cell, console

    table = Table(title=text("cli.plugins.title"), title_justify="left")
    for header in (text("cli.plugins.name"), text("cli.plugins.source"), text("cli.plugins.hooks"),
                   text("cli.plugins.provides")):
        table.add_column(header, overflow="fold")
    for info in infos:
        provides = "\n".join(f"{kind}: {', '.join(names)}" for kind, names in info.provides.items())
        table.add_row(cell(info.name), cell(info.source), cell("\n".join(info.hooks)), cell(provides))
    try:
        console(file=sys.stdout).print(table)
        sys.stdout.flush()
    except OSError as exc:
        _stdout_failed(exc)


@app.command(cls=LocalisedCommand, help="help.schema")
def schema(lang: LangOpt = None, version: VersionOpt = None) -> None:
    """Print the rubric JSON Schema (draft-07), for editors and other tools."""
    from importlib import resources

    _write_stdout(resources.files("rubric_engine.schemas").joinpath("rubric.schema.json").read_bytes())


class _Terminated(BaseException):
    """SIGTERM or SIGINT, raised in the main process so that temporary files are removed on the way out.

    Not a ``KeyboardInterrupt``: Click would turn that into its own "Aborted!".
    """

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def _on_signal(number, frame) -> None:
    import os
    import signal

    if os.getpid() != _MAIN_PID[0]:  # a forked checking worker: die as the signal means
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
        return
    raise _Terminated(128 + number)


_MAIN_PID = [0]


def main() -> None:
    import gc
    import os

    # One command is one short batch: the cyclic garbage collector would scan every score
    # and result object again and again (half the time of a large contest) to free almost
    # nothing. Reference counting still frees everything that is not in a cycle.
    gc.disable()

    import signal

    _MAIN_PID[0] = os.getpid()
    signal.signal(signal.SIGTERM, _on_signal)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not where SIGINT is ignored
        signal.signal(signal.SIGINT, _on_signal)
    try:
        app()
    except KeyboardInterrupt:
        typer.echo(text("cli.interrupted"), err=True)
        sys.exit(130)
    except _Terminated as stop:
        typer.echo(text("cli.interrupted"), err=True)
        sys.exit(stop.code)
    except SystemExit:
        try:  # what is still buffered must reach stdout too: a short write is never exit 0
            sys.stdout.flush()
        except OSError as exc:
            try:
                _stdout_failed(exc)
            except typer.Exit:
                sys.exit(1)
        raise
    except Exception as exc:  # a bug of ours: one clear line, the traceback only on request
        if os.environ.get("RUBRIC_DEBUG"):
            raise
        typer.echo(text("cli.internal", error=f"{type(exc).__name__}: {exc}"), err=True)
        sys.exit(1)
