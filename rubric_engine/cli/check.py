"""``rubric check RUBRIC DATA``: every submission check on every entry."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import RubricEngineError
from . import common
from .options import (DataArg, JobsOpt, LangOpt, NoCacheOpt, OutputOpt, PluginsOpt, QuietOpt, RubricArg,
                      StrictCacheOpt, TrustOpt, VersionOpt)

NAME, HELP = "check", "help.check"


def command(rubric: RubricArg, data: DataArg,
            format: Annotated[Optional[str], typer.Option("--format", "-f", show_default=False,
                                                          help="help.opt.check_format")] = None,
            output: OutputOpt = None,
            grid: Annotated[bool, typer.Option("--grid", help="help.opt.grid")] = False,
            only_problems: Annotated[bool, typer.Option("--only-problems", help="help.opt.only_problems")] = False,
            plugins_dir: PluginsOpt = None, trust_plugins: TrustOpt = False, jobs: JobsOpt = None,
            no_cache: NoCacheOpt = False, strict_cache: StrictCacheOpt = False, quiet: QuietOpt = False,
            lang: LangOpt = None, version: VersionOpt = None) -> None:
    """Run every submission check on every entry; the 规范性 score of each."""
    contest = common.open_contest(rubric, data, plugins_dir, trust_plugins, jobs=jobs, cache=not no_cache,
                                  strict_cache=strict_cache)
    format = common.format_for(contest, format, output)
    common.guard_output(output, rubric, data, plugins_dir=plugins_dir)
    try:
        common.load(contest, format)
        common.run_checks(contest)
        document = contest.document("check")
        common.emit(contest, document, "check", format, output, grid=grid, only_problems=only_problems)
        common.warn(contest.problems("check"), quiet)  # after the output: below the table, not scrolled away
    except RubricEngineError as error:
        common.fail(error)
