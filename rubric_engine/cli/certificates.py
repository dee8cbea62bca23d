"""``rubric certificates RUBRIC DATA --output DIR``: one 获奖证书 PDF per winner (render/certificates.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import RubricEngineError
from ..messages import text
from . import common
from .options import (DataArg, DateOpt, LangOpt, PluginsOpt, QuietOpt, RubricArg, TemplateOpt, TrustOpt,
                      VerdictsOpt, VersionOpt)

NAME, HELP = "certificates", "help.certificates"


def command(rubric: RubricArg, data: DataArg,
            output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", file_okay=False,  # a folder here
                                                 help="help.opt.certificates_output")],
            template: TemplateOpt = None,
            font: Annotated[Optional[Path], typer.Option("--font", metavar="PATH", help="help.opt.font")] = None,
            date: DateOpt = None, plugins_dir: PluginsOpt = None, trust_plugins: TrustOpt = False,
            verdicts: VerdictsOpt = None, quiet: QuietOpt = False, lang: LangOpt = None,
            version: VersionOpt = None) -> None:
    """One certificate PDF per winner: entry awards to the participants, unit awards to the unit."""
    from ..io.atomic import write_atomic
    from ..render.certificates import render_certificates
    from ..render.terminal import visible
    from ..results.publication import attach

    contest = common.open_contest(rubric, data, plugins_dir, trust_plugins, verdicts=verdicts, date=date)
    try:
        common.load(contest, "json")
        common.run_checks(contest, saved_allowed=True)
        whole = contest.document("evaluate")
        provisional = len(whole["provisional"])  # of the whole contest: a review can change who wins
        document = attach(dict(whole), contest.rubric, date, winners_only=True)
        written = []
        for name, pdf in render_certificates(document, template, font):
            try:
                output.mkdir(parents=True, exist_ok=True)
                write_atomic(output / name, pdf)
            except OSError as exc:
                raise RubricEngineError.of("output.write", None, path=output / name, reason=exc.strerror) from None
            written.append(output / name)
        if provisional:
            common.stderr().print(text("cli.certificates.provisional", count=provisional), style="yellow")
        if not document["publication"]["date"]:
            common.stderr().print(text("cli.final.no_date"), style="yellow")
        common.stderr().print(text("cli.certificates.wrote", count=len(written), path=visible(output)))
        common.warn(contest.problems(), quiet)
    except RubricEngineError as error:
        common.fail(error)
