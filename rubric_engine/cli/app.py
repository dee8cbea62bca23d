"""The ``rubric`` Typer app: the commands of ``COMMANDS``, in the order ``rubric --help`` lists them."""
from __future__ import annotations

import typer

from .localised import LocalisedCommand
from . import certificates, check, evaluate, explain, plugins, schema, show, validate, votes
from .options import LangOpt, PluginsOpt, VersionOpt
from .plugin_commands import CommandGroup

# To add a command: a module like check.py, and one entry here.
COMMANDS = (validate, show, check, evaluate, explain, votes, certificates, plugins, schema)

app = typer.Typer(
    name="rubric", no_args_is_help=True, add_completion=False, rich_markup_mode=None, cls=CommandGroup,
    pretty_exceptions_enable=False, context_settings={"help_option_names": ["-h", "--help"]}, help="help.app",
)


@app.callback(help="help.app")
def _main(version: VersionOpt = None, lang: LangOpt = None, plugins_dir: PluginsOpt = None) -> None:
    """The options of ``rubric`` itself (``--version``, ``--lang``; ``--plugins-dir``: with ``--help``, the
    plugins' commands are listed too)."""


for _module in COMMANDS:
    app.command(name=_module.NAME, cls=LocalisedCommand, help=_module.HELP)(_module.command)
