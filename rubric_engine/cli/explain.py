"""``rubric explain RUBRIC DATA ENTRY_ID``: one entry's whole derivation, or a unit's awards."""
from __future__ import annotations

from typing import Annotated

import typer

from ..errors import RubricEngineError
from . import common
from .options import (DataArg, EngineOpt, FormatOpt, JobsOpt, LangOpt, NoCacheOpt, OutputOpt, PluginsOpt, QuietOpt,
                      RubricArg, StrictCacheOpt, TrustOpt, VerdictsOpt, VersionOpt)

NAME, HELP = "explain", "help.explain"


def command(rubric: RubricArg, data: DataArg,
            entry_id: Annotated[str, typer.Argument(metavar="ENTRY_ID", help="help.arg.entry")],
            format: FormatOpt = None, output: OutputOpt = None, plugins_dir: PluginsOpt = None,
            trust_plugins: TrustOpt = False, jobs: JobsOpt = None, no_cache: NoCacheOpt = False,
            strict_cache: StrictCacheOpt = False, verdicts: VerdictsOpt = None, quiet: QuietOpt = False,
            engine: EngineOpt = "duckdb", lang: LangOpt = None, version: VersionOpt = None) -> None:
    """The whole derivation of one entry's final score, rank and awards; or, given a unit, its unit awards."""
    contest = common.open_contest(rubric, data, plugins_dir, trust_plugins, jobs=jobs, cache=not no_cache,
                                  strict_cache=strict_cache, verdicts=verdicts)
    format = common.format_for(contest, format, output)
    common.guard_output(output, rubric, data, (verdicts,), plugins_dir)
    try:
        common.load(contest, format)
        if engine != "duckdb":  # the raw log counted on Spark (rubric_engine.votes.report)
            from ..votes.report import use_engine

            use_engine(contest.data, contest.rubric, engine)
        common.run_checks(contest, saved_allowed=True)
        document = contest.explain(entry_id)
        common.emit(contest, document, "explain", format, output)
        common.warn(contest.problems(), quiet)
    except RubricEngineError as error:
        common.fail(error)
