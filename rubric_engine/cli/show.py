"""``rubric show RUBRIC``: the rubric as readable tables."""
from __future__ import annotations

from ..errors import RubricEngineError
from . import common
from .options import LangOpt, PluginsOpt, QuietOpt, RubricArg, TrustOpt, VersionOpt

NAME, HELP = "show", "help.show"


def command(rubric: RubricArg, plugins_dir: PluginsOpt = None, trust_plugins: TrustOpt = False,
            quiet: QuietOpt = False, lang: LangOpt = None, version: VersionOpt = None) -> None:
    """Render the rubric as readable tables, with the highest possible final score."""
    from ..render.rubric_view import rubric_renderables

    contest = common.open_contest(rubric, plugins_dir=plugins_dir, trust_plugins=trust_plugins)
    try:
        loaded = common.load(contest)
    except RubricEngineError as error:
        common.fail(error)
    common.print_renderables(rubric_renderables(loaded.rubric))
    common.warn(loaded.warnings, quiet)
