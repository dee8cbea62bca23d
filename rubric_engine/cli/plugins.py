"""``rubric plugins``: which plugins are loaded, from where, and what each provides (commands too)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import RubricEngineError
from ..messages import text
from . import common
from .options import LangOpt, PluginsOpt, TrustOpt, VersionOpt

NAME, HELP = "plugins", "help.plugins"


def command(plugins_dir: PluginsOpt = None,
            rubric: Annotated[Optional[Path], typer.Option("--rubric", help="help.opt.rubric")] = None,
            trust_plugins: TrustOpt = False,
            format: Annotated[str, typer.Option("--format", "-f", help="help.opt.plugins_format")] = "table",
            lang: LangOpt = None, version: VersionOpt = None) -> None:
    """Which plugins are loaded, from where, and what each provides."""
    import json

    from ..session import load_host, load_rubric

    try:
        host = load_host(plugins_dir or ())
        if rubric is not None:
            load_rubric(rubric, host=host, lint=False, trust_plugins=trust_plugins)
    except RubricEngineError as error:
        common.fail(error)
    infos = host.plugins()
    for info in infos:  # a plugin's message in one language only: shown in the other, and said so
        for key, missing, shown in info.message_gaps():
            common.stderr().print(text("cli.plugins.message_gap", name=info.name, key=key, missing=missing,
                                       shown=shown), style="yellow", markup=False)
    if format == "json":
        common.write_stdout((json.dumps([{"name": i.name, "source": i.source, "hooks": i.hooks,
                                          "provides": i.provides} for i in infos],
                                        ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        return
    from rich.table import Table

    from ..render.terminal import cell

    table = Table(title=text("cli.plugins.title"), title_justify="left")
    for header in (text("cli.plugins.name"), text("cli.plugins.source"), text("cli.plugins.hooks"),
                   text("cli.plugins.provides")):
        table.add_column(header, overflow="fold")
    for info in infos:
        provides = "\n".join(f"{kind}: {', '.join(names)}" for kind, names in info.provides.items())
        table.add_row(cell(info.name), cell(info.source), cell("\n".join(info.hooks)), cell(provides))
    common.print_renderables([table])
