"""``Contest``: the library's front door. One contest, run step by step.

The steps are the pipeline's: the plugin host, the rubric, the contest data, the checks
(through the verdict cache, or a saved verdicts file), the evaluation, and the documents
made from it. Each step is one call, computed when first asked for and kept::

    from rubric_engine import Contest

    contest = Contest.open("rubric.yaml", "data/", language="en")
    contest.rubric                # the compiled rubric (its lint warnings: contest.warnings)
    contest.data                  # the contest's tables, read and validated
    contest.check()               # each entry's conformity (the 规范性 score), by entry id
    contest.evaluate()            # finals, ranks and awards: one Evaluation
    contest.document("evaluate")  # the result document (what --format json writes)
    contest.explain("E01")        # one entry's derivation (or a unit's awards)
    contest.render("md")          # a document in an output format, as bytes

The CLI's commands are thin layers over these calls; so are the tests, and so will be a
web front end. A bad input raises :class:`~rubric_engine.errors.RubricEngineError` (every
problem located), never a traceback. Messages are in one language per process: each step
uses ``language`` (else the rubric's ``language:``).
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import messages
from .errors import Problem, RubricEngineError

DOCUMENT_KINDS = ("check", "evaluate", "audit")

# The host a command line loaded to find its commands (plugin commands): the next Contest.open
# with the same --plugins-dir folders takes it instead of loading the plugins a second time.
_OFFERED: dict[tuple, Any] = {}
_COMMAND_LINE_DIRS: list[tuple[Path, ...]] = []


def _key(plugins_dir: Iterable[Path]) -> tuple:
    return tuple(Path(p).resolve() for p in plugins_dir)


def offer_host(plugins_dir: Iterable[Path], host) -> None:
    """Hand a host already loaded for ``plugins_dir`` to the next Contest opened with those folders."""
    _OFFERED[_key(plugins_dir)] = host


def forget_hosts() -> None:
    """Drop every offered host (a new command line in the same process starts afresh)."""
    _OFFERED.clear()


@contextmanager
def command_line(plugins_dir: Iterable[Path]) -> Iterator[None]:
    """While a plugin's command runs: ``Contest.open`` without ``plugins_dir`` uses the command line's."""
    _COMMAND_LINE_DIRS.append(tuple(Path(p) for p in plugins_dir))
    try:
        yield
    finally:
        _COMMAND_LINE_DIRS.pop()


def load_host(plugins_dir: Iterable[Path] = ()):
    """The plugin host: built-ins, installed plugins (entry points) and every ``DIR/*.py`` of ``plugins_dir``;
    an offered host for the same folders when there is one."""
    offered = _OFFERED.pop(_key(plugins_dir), None)
    if offered is not None:
        return offered
    from .plugins import load_host as load

    return load(plugin_dirs=list(plugins_dir))


def load_rubric(path: str | Path, *, host=None, plugin_dirs: Iterable[Path] = (), lint: bool = True,
                trust_plugins: bool = False):
    """The rubric at ``path`` compiled against ``host`` (default: a host loaded with ``plugin_dirs``)."""
    from .rubric.build import load_rubric as build

    return build(path, registry=host if host is not None else load_host(plugin_dirs), lint=lint,
                 trust_plugins=trust_plugins)


class Contest:
    """One contest: a rubric, its data folder, and the options of one run.

    Nothing is read until a step is asked for; each step is computed once and kept, so
    ``contest.document("evaluate")`` after ``contest.evaluate()`` evaluates nothing again.
    """

    def __init__(self, rubric_path: str | Path, data_path: str | Path | None = None, *,
                 plugins_dir: Iterable[str | Path] | None = None, trust_plugins: bool = False,
                 language: str | None = None, jobs: int | None = None, cache: bool = True,
                 strict_cache: bool = False, verdicts: str | Path | None = None, host=None,
                 date=None, winners_only: bool = False) -> None:
        self.rubric_path = Path(rubric_path)
        self.data_path = Path(data_path) if data_path is not None else None
        if plugins_dir is None:
            plugins_dir = _COMMAND_LINE_DIRS[-1] if _COMMAND_LINE_DIRS else ()
        self.plugins_dir = tuple(Path(p) for p in plugins_dir)
        self.trust_plugins = trust_plugins
        if language is not None and messages.normalise_language(language) is None:
            raise ValueError(f"language {language!r}: one of {', '.join(messages.LANGUAGES)}")
        self._language = messages.normalise_language(language) if language is not None else None
        self.jobs, self.cache, self.strict_cache = jobs, cache, strict_cache
        self.saved_verdicts = Path(verdicts) if verdicts is not None else None
        self.date, self.winners_only = date, winners_only  # the publication's (a datetime.date; never the clock)
        self.notes: list[Problem] = []  # e.g. why the verdict cache wrote nothing
        self._host = host
        self._steps: dict[str, Any] = {}
        self._released_warnings: list[Problem] | None = None

    @classmethod
    def open(cls, rubric_path: str | Path, data_path: str | Path | None = None, **options) -> "Contest":
        """A contest over the rubric file and the data folder; the options as for ``Contest(...)``:
        ``plugins_dir`` (folders of plugin files), ``trust_plugins`` (run the rubric's ``plugins:``
        without pinned sha256), ``language`` (zh-CN or en; default the rubric's), ``jobs``,
        ``cache`` / ``strict_cache`` (the verdict cache), ``verdicts`` (a saved verdicts file to use
        instead of running the checks), ``host`` (an already loaded plugin host), ``date`` (the
        publication date, a ``datetime.date``; default the rubric's ``publication.date``),
        ``winners_only`` (the evaluate document lists only the entries that won an award)."""
        return cls(rubric_path, data_path, **options)

    def _step(self, name: str, compute: Callable[[], Any]) -> Any:
        if name not in self._steps:
            self._steps[name] = compute()
        return self._steps[name]

    # --- host and rubric -------------------------------------------------------------
    @property
    def host(self):
        """The plugin host: built-ins, installed plugins, ``plugins_dir``; later also the rubric's plugins."""
        if self._host is None:
            self._host = load_host(self.plugins_dir)
        return self._host

    def output_format(self, name: str):
        """The registered output format ``name``, or None."""
        return self.host.get("output_formats", name)

    def format_names(self) -> list[str]:
        return self.host.names("output_formats")

    def format_for_suffix(self, suffix: str) -> str | None:
        """The output format whose extension is ``suffix`` (``.json`` → json), the first by name."""
        for name in self.format_names():
            extension = self.output_format(name).extension.lower()
            if extension and extension == suffix.lower():
                return name
        return None

    @property
    def loaded(self):
        """The rubric as loaded: ``.rubric``, ``.warnings`` (the lint's) and ``.host``."""
        def load():
            self._speak()
            return load_rubric(self.rubric_path, host=self.host, trust_plugins=self.trust_plugins)
        return self._step("loaded", load)

    @property
    def rubric(self):
        """The compiled rubric (schema, references, expressions checked; its plugins loaded)."""
        return self.loaded.rubric

    @property
    def warnings(self) -> list[Problem]:
        """The rubric's lint warnings (band gaps, weights, ...)."""
        return self.loaded.warnings

    @property
    def language(self) -> str:
        """The language of this run's messages: the one asked for, else the rubric's ``language:``."""
        return self._language or self.rubric.language

    def _speak(self) -> None:
        if self._language is not None:
            messages.set_language(self._language)
        elif "loaded" in self._steps:
            messages.set_language(self.rubric.language)

    # --- data and checks -------------------------------------------------------------
    def _data_path(self) -> Path:
        if self.data_path is None:
            raise ValueError("this Contest was opened without a data folder")
        return self.data_path

    @property
    def data(self):
        """The contest data (entries, score sheets, votes, manual verdicts), read and validated."""
        def read():
            from .io.data import read_data

            rubric = self.rubric
            self._speak()
            return read_data(self._data_path(), rubric)
        return self._step("data", read)

    def verdicts(self, progress: Callable[[], None] | None = None):
        """The raw verdicts (check id → entry id → verdict): from the saved verdicts file when one was
        given, else by running the checks through the verdict cache. ``progress`` is called once per
        entry and check run."""
        def run():
            rubric, data = self.rubric, self.data
            self._speak()
            if self.saved_verdicts is not None:
                from .checking.saved import load_verdicts

                return load_verdicts(self.saved_verdicts, rubric, data)
            return self._run_checks(rubric, data, progress)
        return self._step("verdicts", run)

    def fresh_verdicts(self, progress: Callable[[], None] | None = None):
        """The verdicts of running the checks (through the cache), even when a saved file was given."""
        if self.saved_verdicts is None:
            return self.verdicts(progress)
        return self._step("fresh_verdicts", lambda: self._run_checks(self.rubric, self.data, progress))

    def _run_checks(self, rubric, data, progress):
        from .checking import VerdictCache, run_checks

        cache = VerdictCache(data.folder, enabled=self.cache, strict=self.strict_cache)
        verdicts = run_checks(rubric, data, cache=cache, progress=progress, jobs=self.jobs)
        if cache.note:
            self.notes.append(Problem("note", "cache.note", cache.note))
        served = cache.served
        if served:  # named in the audit page: which entries' file checks came from the cache
            from .checking.fingerprint import digest

            data.verdicts_cache = {"path": str(cache.folder), "entries": len(served), "sha256": digest(served)}
        return verdicts

    def check_count(self) -> int:
        """How many verdicts running the checks takes (entries × checks): the length of a progress bar."""
        return len(self.data.entries) * len(self.rubric.checks)

    def check(self) -> dict:
        """Every entry's conformity (entry id → Conformity: violations, review, the 规范性 score),
        from running the checks (never from a saved verdicts file)."""
        def conform():
            from .engine.checks import conformity_of

            return conformity_of(self.rubric, self.data, self.fresh_verdicts())
        return self._step("check", conform)

    # --- evaluation and documents ----------------------------------------------------
    def evaluate(self):
        """The whole evaluation (engine.evaluate.Evaluation): each entry's panels, final, rank and awards,
        every award's outcome; its ``warnings`` start with the rubric's."""
        def run():
            from .engine.evaluate import evaluate

            verdicts = self.verdicts()
            self._speak()
            evaluation = evaluate(self.rubric, self.data, verdicts)
            evaluation.warnings[:0] = self.warnings
            return evaluation
        return self._step("evaluate", run)

    def problems(self, kind: str = "evaluate") -> list[Problem]:
        """The warnings and notes to show after a step (``check`` or ``evaluate``): the rubric's, the
        data's or the evaluation's, then the notes (the verdict cache's)."""
        if kind == "check":
            return self.warnings + self.data.warnings + self.notes
        if "evaluate" not in self._steps and self._released_warnings is not None:
            return self._released_warnings + self.notes
        return self.evaluate().warnings + self.notes

    def release(self) -> None:
        """Forget the contest data, the verdicts and the evaluation; keep the documents already made
        and the evaluation's warnings (``problems()`` still answers them).

        A command calls it once its document is made, before rendering: at a million score rows
        they hold ~500 MiB that the rendered bytes would otherwise be added to. A later step that
        needs them reads and evaluates again.
        """
        if "evaluate" in self._steps:
            self._released_warnings = list(self._steps["evaluate"].warnings)
        for name in ("data", "verdicts", "fresh_verdicts", "check", "evaluate"):
            self._steps.pop(name, None)

    def document(self, kind: str = "evaluate") -> dict:
        """A result document: ``evaluate`` (what ``--format json`` writes), ``check`` (the verdicts and
        conformity) or ``audit`` (the committee's audit page's)."""
        if kind not in DOCUMENT_KINDS:
            raise ValueError(f"document kind {kind!r}: one of {', '.join(DOCUMENT_KINDS)}")

        def build():
            if kind == "check":
                from .results.document import check_document

                report = self.check()
                self._speak()
                from .checking.saved import pins

                document = check_document(self.rubric, self.data, report, self.warnings + self.data.warnings,
                                          self.fresh_verdicts())
                document.update(pins(self.rubric, self.data, document["verdicts"]))  # --verdicts trusts only these
                return document
            evaluation = self.evaluate()
            self._speak()
            if kind == "audit":
                from .results.audit import audit_document

                return audit_document(evaluation)
            from .results.document import evaluation_document
            from .results.publication import attach

            return attach(evaluation_document(evaluation), self.rubric, self.date, self.winners_only)
        return self._step(f"document:{kind}", build)

    def units(self) -> set[str]:
        """Every unit named in the contest data."""
        evaluation = self.evaluate()
        return {r.entry.unit for r in evaluation.entries} | set(evaluation.data.units)

    def explain(self, entry_or_unit: str) -> dict:
        """The explain document of one entry (its whole derivation: panels, final, rank, awards) or,
        given a unit's name, of that unit's awards. An unknown id is a located error with the
        closest id."""
        def build():
            from .errors import did_you_mean
            from .results.explain import explain_document, explain_unit_document

            evaluation = self.evaluate()
            self._speak()
            if evaluation.entry(entry_or_unit) is not None:
                return explain_document(evaluation, entry_or_unit)
            units = self.units()
            if entry_or_unit in units:
                return explain_unit_document(evaluation, entry_or_unit)
            ids = [r.entry.id for r in evaluation.entries]
            unknown = Problem.of("error", "data.unknown:explain", None, id=entry_or_unit, data=self.data_path)
            hint = did_you_mean(entry_or_unit, [*ids, *units]) or unknown.hint
            raise RubricEngineError([replace(unknown, hint=hint)])
        return self._step(f"explain:{entry_or_unit}", build)

    def render(self, format: str, document: str | dict = "evaluate", *, kind: str | None = None,
               template: str | Path | None = None, **view) -> bytes:
        """A document in the output format ``format`` (json, csv, xlsx, md, html, ... or a plugin's), as
        bytes. ``document``: a kind (``evaluate``, ``check``, ``explain:<id>``) or a document already
        made (then ``kind`` says which: ``evaluate``, ``check`` or ``explain``); ``template``: a folder of templates for a format that takes one (html, wechat);
        ``view``: ``grid`` / ``only_problems`` for a format with a terminal view."""
        output_format = self.output_format(format)
        if output_format is None:
            raise ValueError(f"output format {format!r}: one of {', '.join(self.format_names())}")
        kind, made = (kind or "evaluate", document) if isinstance(document, dict) else self._document_of(document)
        options = dict(view) if output_format.terminal is not None else {}
        if "template" in output_format.options:
            options["template"] = Path(template) if template is not None else None
        self._speak()
        return output_format.render(made, kind, **options)

    def render_audit(self, template: str | Path | None = None, format: str = "html") -> bytes:
        """The committee's file: the audit page (``html``), or in ``format`` (xlsx, md, csv, json) the
        committee's document, every table of the results with the committee's own (issue 17)."""
        from .render.audit import render_audit

        if format != "html":
            from .results.publication import committee_document

            evaluation = self.evaluate()
            self._speak()
            return self.output_format(format).render(committee_document(evaluation, self.date), "audit")

        document = self.document("audit")
        self._speak()
        return render_audit(document, Path(template) if template is not None else None)

    def _document_of(self, document: str) -> tuple[str, dict]:
        if document.startswith("explain:"):
            return "explain", self.explain(document.split(":", 1)[1])
        return document, self.document(document)

