"""``rubric validate RUBRIC``: check a rubric file; lint warnings."""
from __future__ import annotations

from typing import Annotated

import typer

from ..errors import RubricEngineError
from ..messages import text
from . import common
from .options import LangOpt, PluginsOpt, QuietOpt, RubricArg, TrustOpt, VersionOpt

NAME, HELP = "validate", "help.validate"


def command(
    rubric: RubricArg,
    strict: Annotated[bool, typer.Option("--strict", help="help.opt.strict")] = False,
    plugins_dir: PluginsOpt = None, trust_plugins: TrustOpt = False, quiet: QuietOpt = False, lang: LangOpt = None,
    version: VersionOpt = None,
) -> None:
    """Check a rubric file: schema, references, expressions; lint warnings (band gaps, weights...)."""
    from ..render.terminal import visible

    contest = common.open_contest(rubric, plugins_dir=plugins_dir, trust_plugins=trust_plugins)
    try:
        loaded = common.load(contest)
    except RubricEngineError as error:
        common.fail(error)
    common.warn(loaded.warnings, quiet and not strict)
    console = common.stderr()
    if loaded.warnings and strict:
        console.print(text("cli.strict", count=len(loaded.warnings)), style="bold red")
        raise typer.Exit(code=1)
    console.print(text("cli.valid", path=visible(rubric), count=len(loaded.warnings)), style="green")
