"""The options the commands share, declared once. Every ``help=`` is a catalogue key (localised.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..messages import LANGUAGES, normalise_language, text


def _version(value: bool) -> None:
    if value:
        from ..version import __version__

        typer.echo(text("cli.version", version=__version__))
        raise typer.Exit()


def _language(value: Optional[str]) -> Optional[str]:
    """--lang: already applied before parsing (see localised.py); here only checked."""
    if value is not None and normalise_language(value) is None:
        raise typer.BadParameter(f"{value!r}: {', '.join(LANGUAGES)}")
    return value


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
    """``--date YYYY-MM-DD``: the publication date, or a usage error."""
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
EngineOpt = Annotated[str, typer.Option("--engine", metavar="ENGINE", help="help.opt.engine")]
VersionOpt = Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="help.opt.version")]
LangOpt = Annotated[Optional[str], typer.Option("--lang", metavar="LANG", callback=_language, is_eager=True,
                                                help="help.opt.lang")]
