"""The plugins' sub-commands (hook ``register_commands``), added to ``rubric`` when first looked up.

Commands come from installed plugins and ``--plugins-dir`` folders only: the folders are read off
the command line before it is parsed (as ``--lang`` is), the host is loaded once, and the
command's own ``Contest.open`` takes that host. A rubric's ``plugins:`` never adds a command.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import PluginError, RubricEngineError
from .localised import LocalisedCommand, LocalisedGroup
from . import common

_DIRS, _COMMANDS = "rubric.plugins_dir", "rubric.plugin_commands"


def plugins_dirs_in(args) -> tuple[Path, ...]:
    """Every ``--plugins-dir DIR`` / ``--plugins-dir=DIR`` of the command line, before ``--``."""
    args, dirs = list(args), []
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--plugins-dir" and index + 1 < len(args):
            dirs.append(Path(args[index + 1]))
        elif arg.startswith("--plugins-dir="):
            dirs.append(Path(arg.split("=", 1)[1]))
    return tuple(dirs)


class CommandGroup(LocalisedGroup):
    """``rubric``: the built-in commands, then the plugins'."""

    def parse_args(self, ctx, args):
        from ..session import forget_hosts

        forget_hosts()  # nothing of an earlier invocation in the same process (tests) is reused
        ctx.meta[_DIRS] = plugins_dirs_in(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        from ..session import command_line

        with command_line(ctx.meta.get(_DIRS, ())):  # --plugins-dir anywhere on the line
            return super().invoke(ctx)

    def get_command(self, ctx, name):
        found = super().get_command(ctx, name)
        if found is not None:
            return found
        return plugin_commands(self, ctx, strict=True).get(name)

    def list_commands(self, ctx):
        names = list(super().list_commands(ctx))
        return names + [name for name in plugin_commands(self, ctx, strict=False) if name not in names]


def _installed_plugins() -> bool:
    """Whether any installed distribution declares a rubric-engine plugin (an entry point)."""
    from importlib.metadata import entry_points

    from ..hookspecs import ENTRY_POINT_GROUP

    return bool(entry_points(group=ENTRY_POINT_GROUP))


def plugin_commands(group, ctx, strict: bool) -> dict:
    """The plugins' commands by name; a plugin that fails to load: exit 1 when ``strict`` (a command was
    asked for), else none (``rubric --help`` still lists the built-ins)."""
    if _COMMANDS in ctx.meta:
        return ctx.meta[_COMMANDS]
    dirs = ctx.meta.get(_DIRS, ())
    if not dirs and not _installed_plugins():  # the common case: no plugin can add a command, so
        ctx.meta[_COMMANDS] = {}               # `rubric --help` loads no host (no built-in is imported)
        return {}
    from ..session import load_host, offer_host

    try:
        host = load_host(dirs)
        commands = {}
        for name in host.names("commands"):
            if name in group.commands:
                provided = host.registries["commands"][name].plugin
                raise PluginError.of("plugin.command:builtin", None, name=provided, command=name)
            commands[name] = build(host.get("commands", name), dirs)
    except RubricEngineError as error:
        if strict:
            common.fail(error)
        return {}
    offer_host(dirs, host)  # the command's Contest.open takes this host
    ctx.meta[_COMMANDS] = commands
    return commands


def build(command, dirs: tuple[Path, ...]):
    """The Click command of a plugin's :class:`~rubric_engine.Command`. It also accepts ``--plugins-dir``
    and ``--lang`` (the command line's own), and its ``Contest.open`` sees the command line's folders."""
    import inspect
    import typing

    import typer
    import typer.main

    from ..session import command_line
    from .options import LangOpt, PluginsOpt

    function = command.run
    hints = typing.get_type_hints(function, include_extras=True)
    own = [p.replace(annotation=hints.get(p.name, p.annotation))
           for p in inspect.signature(function).parameters.values()]
    shared = [inspect.Parameter("plugins_dir", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=PluginsOpt),
              inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=LangOpt)]
    shared = [p for p in shared if p.name not in {o.name for o in own}]

    def run(**options):
        for parameter in shared:
            options.pop(parameter.name, None)
        with command_line(dirs):
            try:
                return function(**options)
            except RubricEngineError as error:
                common.fail(error)

    run.__signature__ = inspect.Signature(own + shared)
    run.__annotations__ = {p.name: p.annotation for p in own + shared}
    run.__doc__ = function.__doc__
    help_text = str(command.help or "")  # a Message: in the language chosen for this command line
    sub = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
    sub.command(name=command.name, help=help_text or None, cls=LocalisedCommand)(run)
    return typer.main.get_command(sub)
