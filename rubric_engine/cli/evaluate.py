"""``rubric evaluate RUBRIC DATA``: final scores, ranks and every award."""
from __future__ import annotations

from typing import Annotated

import typer

from ..errors import RubricEngineError
from ..messages import join, text
from . import common
from .options import (AuditOpt, DataArg, DateOpt, EngineOpt, FormatOpt, JobsOpt, LangOpt, NoCacheOpt, OutputOpt,
                      PluginsOpt, QuietOpt, RubricArg, StrictCacheOpt, TemplateOpt, TrustOpt, VerdictsOpt, VersionOpt,
                      WinnersOnlyOpt)

NAME, HELP = "evaluate", "help.evaluate"


def command(rubric: RubricArg, data: DataArg, format: FormatOpt = None, output: OutputOpt = None,
            plugins_dir: PluginsOpt = None, trust_plugins: TrustOpt = False, jobs: JobsOpt = None,
            no_cache: NoCacheOpt = False, strict_cache: StrictCacheOpt = False, verdicts: VerdictsOpt = None,
            template: TemplateOpt = None, audit: AuditOpt = None, quiet: QuietOpt = False,
            final: Annotated[bool, typer.Option("--final", help="help.opt.final")] = False,
            date: DateOpt = None, winners_only: WinnersOnlyOpt = False, engine: EngineOpt = "duckdb",
            lang: LangOpt = None, version: VersionOpt = None) -> None:
    """Final scores, ranks and every award (entry awards and unit awards)."""
    contest = common.open_contest(rubric, data, plugins_dir, trust_plugins, jobs=jobs, cache=not no_cache,
                                  strict_cache=strict_cache, verdicts=verdicts, date=date, winners_only=winners_only)
    format = common.format_for(contest, format, output)
    common.guard_output(output, rubric, data, (verdicts, template), plugins_dir)
    common.guard_output(audit, rubric, data, (verdicts, template), plugins_dir)
    if audit is not None and output is not None and audit.resolve() == output.resolve():
        common.usage_error(text("cli.audit.same_as_output"))
    if template is not None:
        common.guard_template(contest, format)
    audit_format = audit_format_for(contest, audit)
    try:
        common.load(contest, format)
        if engine != "duckdb":  # the raw log counted on Spark (rubric_engine.votes.report)
            from ..votes.report import use_engine

            use_engine(contest.data, contest.rubric, engine)
        common.run_checks(contest, saved_allowed=True)
        document = contest.document("evaluate")
        if final and not document["publication"]["date"]:
            common.stderr().print(text("cli.final.no_date"), style="yellow")
        if final:  # malformed vote-log rows (unless voting.malformed: exclude): nothing is written
            from ..votes.report import refuse_final as refuse_malformed_votes

            refuse_malformed_votes(contest.data, contest.rubric)
        if final:  # open reviews and judged panels without a single mark, said together; nothing written
            unmarked = unmarked_panels(contest.data, contest.rubric)
            if document["provisional"]:
                common.warn(contest.problems(), quiet)
                refuse_final(document, unmarked)
            if unmarked is not None:
                raise unmarked
        if audit is not None:  # rendered first: a broken audit template writes neither file
            audit_page = contest.render_audit(template if audit_format == "html" else None, audit_format)
        contest.release()  # the document is made: the data and the evaluation need not stay beside its bytes
        common.emit(contest, document, "evaluate", format, output, template)
        if audit is not None:
            common.write_file(audit, audit_page)
        common.warn(contest.problems(), quiet)
    except RubricEngineError as error:
        common.fail(error)


AUDIT_FORMATS = ("html", "xlsx", "md", "csv", "json")  # the committee's file: the audit page, or its tables


def audit_format_for(contest, audit) -> str | None:
    """The format of ``--audit FILE`` by its extension (``核查.html`` the audit page, ``核查.xlsx`` the
    committee's workbook …); another extension is a usage error before any work."""
    if audit is None:
        return None
    common.host(contest)
    by_extension = {contest.output_format(name).extension.lower(): name for name in reversed(AUDIT_FORMATS)}
    found = by_extension.get(audit.suffix.lower())
    if found is None:
        common.usage_error(text("committee.audit.formats", name=audit.name, suffix=audit.suffix or "''",
                                known=" ".join(by_extension)))
    return found


def unmarked_panels(data, rubric):
    """The error ``--final`` gives while a judged panel has no marks at all (no scores rows for it),
    or None."""
    from ..errors import DataInputError, Location
    from ..language.wording import Joined

    empty = [panel.label for panel in rubric.panels
             if panel.type == "judged" and not (data.sheets.get(panel.id) and data.sheets[panel.id].entry)]
    if not empty:
        return None
    return DataInputError.of("data.final:no_marks", Location(str(data.folder) if data.folder else None),
                             panels=Joined(empty))


def refuse_final(document: dict, unmarked=None) -> None:
    """``--final`` while entries are 待复核: name each (id, title, the checks), and the unmarked panels'
    error if there is one too (an organiser fixes both before the next try); write nothing, exit 1."""
    from ..render.terminal import visible

    console = common.stderr()
    labels = document["labels"]["checks"]
    open_entries = [e for e in document["entries"] if e["provisional"]]
    console.print(visible(text("cli.final.open", count=len(open_entries))), style="bold red")
    for entry in open_entries:
        checks = join(labels.get(c, c) for c in entry["conformity"]["review"])
        console.print(visible(text("cli.final.entry", id=entry["id"], title=entry["title"], checks=checks)),
                      style="red")
    console.print(visible(text("cli.final.hint")), style="yellow")
    if unmarked is not None:
        common.fail(unmarked)
    raise typer.Exit(code=1)
