"""The command line in the user's language: help texts are catalogue keys, translated when shown.

Typer/Click take help texts when the app is defined, before the command line is read; so
every ``help=`` is a key of the catalogue (``help.evaluate``, ``help.opt.output``) and these
classes translate the whole command tree just before Click formats a help page. The
language is chosen once per invocation, before anything is parsed: ``--lang`` anywhere on
the command line, else ``LC_ALL``/``LC_MESSAGES``/``LANG``, else zh-CN. The framework's own
few words (Options, Commands, required) come from the ``messages`` gettext domain.
"""
from __future__ import annotations

import gettext
import os
import re
from typing import Iterable

import typer.core

from .. import messages

_chosen = [False]  # --lang was given: the rubric's language: does not override it


def choose_language(args: Iterable[str], environ=os.environ) -> None:
    """Set the language for this invocation from ``--lang X`` / ``--lang=X``, else the environment."""
    args = list(args)
    given = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            given = args[index + 1]
        elif arg.startswith("--lang="):
            given = arg.split("=", 1)[1]
    language = messages.normalise_language(given) if given else None
    _chosen[0] = language is not None
    use(language or messages.language_from_environment(environ) or messages.DEFAULT_LANGUAGE)


def language_was_chosen() -> bool:
    return _chosen[0]


def use(language: str) -> None:
    """``language`` for our messages and for the framework's words (gettext's default domain)."""
    messages.set_language(language)
    gettext.bindtextdomain("messages", str(messages.LOCALE_DIR))
    os.environ["LANGUAGE"] = messages._GETTEXT_NAMES[language]  # noqa: SLF001 - read by gettext.gettext


def _translate(obj) -> None:
    """``obj.help`` (a key) → its text, keeping the key for the next translation."""
    key = getattr(obj, "_help_key", None) or getattr(obj, "help", None)
    if key and messages.has(key, messages.DEFAULT_LANGUAGE):
        obj._help_key = key
        obj.help = messages.text(key)


def translate_tree(command) -> None:
    _translate(command)
    for param in getattr(command, "params", ()):
        _translate(param)
    for sub in getattr(command, "commands", {}).values():
        translate_tree(sub)


# Click builds its usage errors from fixed English sentences; these patterns give each a key.
_USAGE_ERRORS = [
    (re.compile(r"Missing argument '(?P<name>[^']+)'\.?$"), "cli.usage.missing_argument"),
    (re.compile(r"Missing option '(?P<name>[^']+)'\.?$"), "cli.usage.missing_option"),
    (re.compile(r"No such option: (?P<name>\S+)(?: \(Possible options: (?P<options>[^)]*)\))?"
                r"(?:\s*Did you mean (?P<close>\S+?)\?)?$"), "cli.usage.no_option"),
    (re.compile(r"No such command '(?P<name>[^']+)'.*?(?:Did you mean (?P<close>.+?)\?)?$", re.S),
     "cli.usage.no_command"),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$"), "cli.usage.extra"),
    (re.compile(r"Option '(?P<name>[^']+)' requires an argument\.?$"), "cli.usage.needs_value"),
    (re.compile(r"Invalid value for (?P<name>.+?): (?P<detail>.+)$", re.S), "cli.usage.invalid"),
]


def usage_message(message: str) -> str:
    """Click's English usage error in the current language (unchanged when no pattern knows it)."""
    for pattern, key in _USAGE_ERRORS:
        match = pattern.match(message.strip())
        if match:
            fields = {name: value or "" for name, value in match.groupdict().items()}
            said = messages.text(key, **fields)
            if fields.get("close") or fields.get("options"):
                said += messages.text("cli.usage.did_you_mean", close=fields.get("close") or fields.get("options"))
            return said
    return message


def _localised_usage_error(error):
    """The same usage error, shown in the current language: usage line, where to get help, the message."""
    import typer

    class LocalisedUsageError(type(error)):
        def show(self, file=None):
            if self.ctx is not None:
                try_help = ""
                if self.ctx.command.get_help_option(self.ctx) is not None:
                    try_help = messages.text("cli.usage.try", command=self.ctx.command_path,
                                             option=self.ctx.help_option_names[0]) + "\n"
                typer.echo(f"{self.ctx.get_usage()}\n{try_help}", err=True)
            typer.echo(messages.text("cli.usage.error", message=usage_message(self.format_message())), err=True)

    localised = LocalisedUsageError.__new__(LocalisedUsageError)
    localised.__dict__.update(error.__dict__)
    localised.args = error.args
    return localised


try:  # Typer ≥ 0.2x carries its own copy of Click
    _UsageError = typer.core._click.exceptions.UsageError  # noqa: SLF001
except AttributeError:  # older Typer on the real Click
    import click

    _UsageError = click.exceptions.UsageError


def _help_option(option):
    if option is not None:
        option.help = messages.text("help.opt.help")
    return option


def _help_page(command, ctx) -> str:
    from .help_format import get_help, install

    install()
    return get_help(command, ctx)


class LocalisedGroup(typer.core.TyperGroup):
    def get_help_option(self, ctx):
        return _help_option(super().get_help_option(ctx))

    def get_help(self, ctx):
        return _help_page(self, ctx)

    def parse_args(self, ctx, args):
        choose_language(args)
        try:
            return super().parse_args(ctx, args)
        except _UsageError as error:
            raise _localised_usage_error(error) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except _UsageError as error:
            raise _localised_usage_error(error) from None

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except _UsageError as error:
            raise _localised_usage_error(error) from None

    def format_help(self, ctx, formatter):
        translate_tree(self)
        return super().format_help(ctx, formatter)


class LocalisedCommand(typer.core.TyperCommand):
    def get_help_option(self, ctx):
        return _help_option(super().get_help_option(ctx))

    def get_help(self, ctx):
        return _help_page(self, ctx)

    def format_help(self, ctx, formatter):
        translate_tree(self)
        return super().format_help(ctx, formatter)
