"""``rubric votes RUBRIC DATA``: where every vote of a raw log went (the logic: rubric_engine.votes.report)."""
from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import RubricEngineError
from ..messages import text
from . import common
from .options import (AuditOpt, DataArg, EngineOpt, FormatOpt, LangOpt, OutputOpt, PluginsOpt, QuietOpt, RubricArg,
                      TrustOpt, VersionOpt)

NAME, HELP = "votes", "help.votes"


def command(rubric: RubricArg, data: DataArg, format: FormatOpt = None, output: OutputOpt = None,
            plugins_dir: PluginsOpt = None, trust_plugins: TrustOpt = False,
            audit: AuditOpt = None,
            engine: EngineOpt = "duckdb",
            print_sql: Annotated[bool, typer.Option("--print-sql", help="help.opt.print_sql")] = False,
            dialect: Annotated[str, typer.Option("--dialect", metavar="DIALECT", help="help.opt.dialect")] = "duckdb",
            quiet: QuietOpt = False, lang: LangOpt = None, version: VersionOpt = None) -> None:
    """Per entry and category: raw, counted, duplicates, outside the window, flagged and excluded by rule."""
    from ..votes import report

    fmt = format or (output.suffix.lstrip(".").lower() if output is not None else "table")
    common.guard_output(output, rubric, data, (), plugins_dir)
    common.guard_output(audit, rubric, data, (), plugins_dir)
    contest = common.open_contest(rubric, data, plugins_dir, trust_plugins)
    try:
        report.check_choices(fmt, engine, dialect)
        if fmt == "xlsx" and output is None and not print_sql and sys.stdout.isatty():
            common.usage_error(text("cli.output.binary", format=fmt, extension=".xlsx"))
        if print_sql:
            common.write_stdout(report.print_sql(contest.rubric, dialect).encode("utf-8"))
            return
        document, audit_document = report.run(contest.data, contest.rubric, engine, audit is not None)
        rendered = _rendered(document, fmt)
        if audit is not None:
            common.write_file(audit, _rendered(audit_document, _audit_format(audit, fmt)))
        if output is not None:
            common.write_file(output, rendered)
        else:
            common.write_stdout(rendered)
        common.warn(contest.problems(), quiet)
    except RubricEngineError as error:
        common.fail(error)


def _audit_format(audit, fmt: str) -> str:
    """The committee's file in the format its extension names (核查.xlsx), else the report's (json for a table)."""
    from ..votes.report import FORMATS

    by_name = audit.suffix.lstrip(".").lower()
    if by_name in FORMATS and by_name != "table":
        return by_name
    return "json" if fmt == "table" else fmt


def _rendered(document: dict, fmt: str) -> bytes:
    if fmt == "xlsx":  # the one workbook writer (render/xlsx.py), not the votes layer's text formats
        from ..render.votes_workbook import render_votes_xlsx

        return render_votes_xlsx(document)
    from ..render.votes_views import render_votes

    return render_votes(document, fmt).encode("utf-8")
