"""The plugin host: built-ins, entry points, ``--plugins-dir`` files and rubric plugins.

Built-in checks, aggregations, award strategies and output formats are ordinary
plugins listed in ``DEFAULT_PLUGINS``; they register through the same hooks as a
user's plugin.
"""
from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pluggy

from . import hookspecs
from .deadline import OutOfTime, time_bound
from .command import Command
from .errors import Location, PluginError, RubricEngineError, did_you_mean
from .extension import Aggregation, AwardStrategy, CheckType, OutputFormat
from .language.wording import Joined
from .limits import limit
from .messages import Message
from .normalising import Normalisation
from .votes.rules import VoteRule


def _load_bound() -> int:
    """Seconds a plugin may take to import, and each of its registration hooks to run."""
    return limit("PLUGIN_IMPORT_SECONDS")

ENTRY_POINT_GROUP = hookspecs.ENTRY_POINT_GROUP

DEFAULT_PLUGINS = (
    "rubric_engine.builtins.table_checks",
    "rubric_engine.builtins.file_checks",
    "rubric_engine.builtins.aggregations",
    "rubric_engine.builtins.normalisations",
    "rubric_engine.builtins.awards",
    "rubric_engine.builtins.score_awards",
    "rubric_engine.builtins.formats",
    "rubric_engine.builtins.vote_rules",
)

# hook name -> (registry key, the type each registration must have)
KINDS = {
    "register_checks": ("checks", CheckType),
    "register_aggregations": ("aggregations", Aggregation),
    "register_normalisations": ("normalisations", Normalisation),
    "register_award_strategies": ("award_strategies", AwardStrategy),
    "register_output_formats": ("output_formats", OutputFormat),
    "register_commands": ("commands", Command),
    "register_vote_rules": ("vote_rules", VoteRule),
}


@dataclass
class Provided:
    """One registered thing and the plugin that provided it."""

    item: Any
    plugin: str


@dataclass
class PluginInfo:
    name: str
    source: str  # "built-in", "entry point", or a file path
    hooks: list[str] = field(default_factory=list)
    provides: dict[str, list[str]] = field(default_factory=dict)
    messages: dict[str, dict[str, str]] = field(default_factory=dict)  # by language: its own messages

    def message_gaps(self) -> list[tuple[str, str, str]]:
        """(key, the language that lacks it, the language shown instead) for each one-language message."""
        from .messages import LANGUAGES

        gaps = []
        for language in LANGUAGES:
            for other in LANGUAGES:
                if other != language:
                    gaps += [(key, language, other) for key in sorted(self.messages.get(other, {}))
                             if key not in self.messages.get(language, {})]
        return sorted(gaps)


class PluginHost:
    """Loads plugins once and holds what they registered."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager("rubric_engine")
        self.pm.add_hookspecs(hookspecs)
        self.registries: dict[str, dict[str, Provided]] = {key: {} for key, _ in KINDS.values()}
        self.infos: dict[str, PluginInfo] = {}
        self.plugin_dirs: list[Path] = []  # the --plugins-dir folders: consent to their files
        self._collected = False

    # --- loading -------------------------------------------------------------------
    def load_builtins(self) -> None:
        for module_name in DEFAULT_PLUGINS:
            self._register(importlib.import_module(module_name), module_name, "built-in")

    def load_entry_points(self) -> None:
        for ep in installed_entry_points():
            try:
                with time_bound(_load_bound()):
                    module = ep.load()
            except OutOfTime as exc:
                raise PluginError.of("plugin.timeout:import", None, name=f"{ep.name} (entry point {ep.value})",
                                     seconds=exc.seconds) from None
            except (Exception, SystemExit) as exc:  # a third-party plugin may fail in any way
                raise PluginError.of("plugin.import:entry_point", None, name=ep.name, entry_point=ep.value,
                                     error=_failure(exc)) from None
            self._register(module, ep.name, f"entry point {ep.value}")

    def load_directory(self, directory: Path) -> None:
        if not directory.is_dir():
            raise PluginError.of("plugin.dir", Location(str(directory)), directory=str(directory))
        self.plugin_dirs.append(directory.resolve())
        for path in sorted(directory.glob("*.py")):
            if not path.name.startswith("_"):
                self.load_file(path)

    def load_file(self, path: Path, where: Location | None = None, source: bytes | None = None) -> None:
        """Load one plugin file; ``source``, when given, is its bytes as already read (and checked)."""
        path = Path(path)
        if not path.is_file():
            raise PluginError.of("plugin.missing", where or Location(str(path)), path=str(path))
        if path.suffix != ".py":
            raise PluginError.of("plugin.suffix", where or Location(str(path)), file=path.name)
        name = f"rubric_engine_plugin_{path.stem}"
        if any(info.source == str(path.resolve()) for info in self.infos.values()):
            return  # loaded already (e.g. by --plugins-dir and by the rubric)
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None:
            raise PluginError.of("plugin.suffix:module", where or Location(str(path)), file=path.name)
        module = importlib.util.module_from_spec(spec)
        try:
            text = (source if source is not None else path.read_bytes()).decode("utf-8")
            code = compile(text, str(path), "exec")
            sys.modules[name] = module
            with time_bound(_load_bound()):
                exec(code, module.__dict__)  # noqa: S102 - loading the user's own plugin file
        except OutOfTime as exc:
            sys.modules.pop(name, None)
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(path)]
            raise PluginError.of("plugin.timeout:import", Location(str(path), frames[-1].lineno if frames else 0),
                                 name=path.name, seconds=exc.seconds) from None
        except SyntaxError as exc:
            sys.modules.pop(name, None)
            line_text = exc.text if exc.text is not None else None
            raise PluginError.of(
                "plugin.syntax", Location(str(path), exc.lineno or 0, exc.offset or 0, 1, line_text),
                file=path.name, detail=exc.msg) from None
        except (Exception, SystemExit) as exc:  # sys.exit() in a plugin must not end the run silently
            sys.modules.pop(name, None)
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(path)]
            line = frames[-1].lineno if frames else 0
            raise PluginError.of(
                "plugin.import:exit" if isinstance(exc, SystemExit) else "plugin.import",
                Location(str(path), line or 0), file=path.name, error=_failure(exc)) from None
        self._register(module, path.stem, str(path.resolve()))

    def _register(self, module, name: str, source: str) -> None:
        if name in self.infos:
            raise PluginError.of("plugin.duplicate", None, name=name, first=self.infos[name].source,
                                 second=source)
        try:
            self.pm.register(module, name=name)
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(name=name)
            bad = [attr for attr in dir(module) if attr.startswith("register_") and attr not in KINDS]
            hint = did_you_mean(bad[0], KINDS) if bad else None
            raise PluginError.single(
                Message("plugin.hook", name=name, source=source, detail=str(exc)), code="plugin.hook",
                hint=hint or Message("plugin.hook.hint", hooks=Joined(KINDS))) from None
        hooks = sorted(impl.name for impl in self.pm.get_hookcallers(module) or [])
        self.infos[name] = PluginInfo(name, source, hooks)
        self._collected = False

    # --- registrations -------------------------------------------------------------
    def collect(self) -> None:
        """Call every registration hook; each plugin's registrations are recorded."""
        if self._collected:
            return
        for registry in self.registries.values():
            registry.clear()
        for info in self.infos.values():
            info.provides = {}
            info.messages = {}
        self._collect_messages()
        for hook_name, (key, item_type) in KINDS.items():
            hook = getattr(self.pm.hook, hook_name)
            for impl in hook.get_hookimpls()[::-1]:  # registration order
                plugin_name = self.pm.get_name(impl.plugin)
                register = self._register_callback(key, item_type, plugin_name, hook_name)
                try:
                    with time_bound(_load_bound()):
                        returned = impl.function(register=register)
                except PluginError:
                    raise
                except OutOfTime as exc:
                    raise PluginError.of("plugin.timeout:hook", Location(self.infos[plugin_name].source),
                                         name=plugin_name, hook=hook_name, seconds=exc.seconds) from None
                except (Exception, SystemExit) as exc:
                    raise PluginError.of("plugin.hook:failed", Location(self.infos[plugin_name].source),
                                         name=plugin_name, hook=hook_name, error=_failure(exc)) from None
                if returned is not None:  # e.g. `return [CheckType(...)]`: nothing would be registered
                    raise PluginError.of("plugin.type:returned", Location(self.infos[plugin_name].source),
                                         name=plugin_name, hook=hook_name, type=type(returned).__name__,
                                         item=item_type.__name__)
        self._collected = True

    def _collect_messages(self) -> None:
        """Each plugin's ``register_messages``: its mappings and locale folders, into the catalogue."""
        from .messages import add_plugin_messages

        for impl in self.pm.hook.register_messages.get_hookimpls()[::-1]:
            plugin_name = self.pm.get_name(impl.plugin)
            info = self.infos[plugin_name]
            try:
                with time_bound(_load_bound()):
                    impl.function(register=lambda given, info=info: _add_messages(info, given))
            except PluginError:
                raise
            except OutOfTime as exc:
                raise PluginError.of("plugin.timeout:hook", Location(info.source), name=plugin_name,
                                     hook="register_messages", seconds=exc.seconds) from None
            except (Exception, SystemExit) as exc:
                raise PluginError.of("plugin.hook:failed", Location(info.source), name=plugin_name,
                                     hook="register_messages", error=_failure(exc)) from None
            add_plugin_messages(plugin_name, info.messages)

    def _register_callback(self, key: str, item_type: type, plugin_name: str, hook_name: str):
        registry = self.registries[key]

        def register(item) -> None:
            if not isinstance(item, item_type):
                raise PluginError.of("plugin.type:registered", None, name=plugin_name, hook=hook_name,
                                     type=type(item).__name__, expected=item_type.__name__)
            if not item.name or not isinstance(item.name, str):
                raise PluginError.of("plugin.name", None, name=plugin_name, type=item_type.__name__)
            if item.name in registry:
                other = registry[item.name].plugin
                raise PluginError.of("plugin.duplicate:item", None, name=plugin_name, kind=Message(f"plugins.kind.{key}"),
                                     item=item.name, other=other, source=self.infos[other].source)
            if key == "commands" and not self._may_add_commands(plugin_name):
                raise PluginError.of("plugin.command:rubric", Location(self.infos[plugin_name].source),
                                     name=plugin_name, command=item.name)
            if self.infos[plugin_name].source != "built-in":
                item = guard_plugin_item(item, plugin_name)
            registry[item.name] = Provided(item, plugin_name)
            self.infos[plugin_name].provides.setdefault(key, []).append(item.name)
        return register

    def _may_add_commands(self, plugin_name: str) -> bool:
        """Commands come from installed plugins and ``--plugins-dir`` files, never from a rubric's ``plugins:``
        (the command line is read before any rubric)."""
        source = self.infos[plugin_name].source
        if source == "built-in" or source.startswith("entry point"):
            return True
        return Path(source).parent in self.plugin_dirs

    def get(self, key: str, name: str):
        self.collect()
        provided = self.registries[key].get(name)
        return provided.item if provided else None

    def default(self, key: str) -> str | None:
        """The name of the registration of ``key`` that declares itself the default (``default=True``)."""
        self.collect()
        return next((name for name, provided in self.registries[key].items()
                     if getattr(provided.item, "default", False)), None)

    def names(self, key: str) -> list[str]:
        self.collect()
        return sorted(self.registries[key])

    def plugins(self) -> list[PluginInfo]:
        self.collect()
        return list(self.infos.values())


def _add_messages(info: PluginInfo, given) -> None:
    """One ``register(...)`` of ``register_messages``: a mapping by language, or a locale folder."""
    from collections.abc import Mapping

    from .messages import LANGUAGES, builtin_key, read_folder

    where = Location(info.source) if info.source != "built-in" else None
    if isinstance(given, (str, Path)):
        folder = Path(given)
        if not folder.is_dir():
            raise PluginError.of("plugin.messages:folder", where, name=info.name, folder=str(folder))
        given = {language: read_folder(folder, language) for language in LANGUAGES}
    if not isinstance(given, Mapping):
        raise PluginError.of("plugin.messages:type", where, name=info.name, type=type(given).__name__)
    for language, messages in given.items():
        if language not in LANGUAGES:
            raise PluginError.of("plugin.messages:language", where, name=info.name, language=str(language),
                                 languages=Joined(LANGUAGES))
        if not isinstance(messages, Mapping):
            raise PluginError.of("plugin.messages:type", where, name=info.name, type=type(messages).__name__)
        for key, value in messages.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise PluginError.of("plugin.messages:text", where, name=info.name, key=str(key), language=language)
            if builtin_key(key):
                raise PluginError.of("plugin.messages:builtin", where, name=info.name, key=key)
        info.messages.setdefault(language, {}).update(messages)


def installed_entry_points() -> tuple:
    """The ``rubric_engine`` entry points of the installed packages, by name.

    Finding them reads every installed package's metadata (~5 ms); a process that loads several hosts
    (a test session, a web front end) reads it again only when ``sys.path`` or one of its folders
    changed (installing a package changes its folder's modification time)."""
    import os

    state = []
    for entry in sys.path:
        try:
            state.append((entry, os.stat(entry or ".").st_mtime_ns))
        except OSError:
            state.append((entry, None))
    return _entry_points_at(tuple(state))


@functools.lru_cache(maxsize=4)
def _entry_points_at(_state: tuple) -> tuple:
    from importlib.metadata import entry_points

    return tuple(sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name))


def load_host(plugin_dirs: Iterable[Path] = (), plugin_files: Iterable[Path] = (),
              entry_points: bool = True) -> PluginHost:
    """A host with the built-ins, installed entry points and the given plugin files."""
    host = PluginHost()
    host.load_builtins()
    if entry_points:
        host.load_entry_points()
    for directory in plugin_dirs:
        host.load_directory(Path(directory))
    for path in plugin_files:
        host.load_file(Path(path))
    host.collect()
    return host


# the callables of each kind of registration, and what each must return (None: anything)
_CALLABLES = {
    CheckType: {"run": None, "prepare": None},
    Aggregation: {"fn": "number", "aggregate": "Aggregated", "integers": "pair"},
    Normalisation: {"normalise": "Normalised"},
    AwardStrategy: {"decide": "AwardOutcome", "prepare": None, "explain": None, "places": None, "param_labels": None},
    OutputFormat: {"render": "bytes", "terminal": None},
}
# a check that raises gives ``review`` (the checking layer says so): its exceptions go through as they are
_RAISES_THROUGH = {(CheckType, "run")}


def guard_plugin_item(item, plugin_name: str):
    """The item with its callables wrapped: ``sys.exit()`` inside and a result of the wrong type
    become a :class:`PluginError` naming the plugin, never a silent exit or an internal error.

    A check that raises gives ``review`` (the checking layer catches exceptions); an
    aggregation, an award strategy or an output format stops the run with the plugin named.
    """
    import dataclasses

    changes = {}
    for attribute, expected in _CALLABLES.get(type(item), {}).items():
        fn = getattr(item, attribute, None)
        if fn is not None:
            changes[attribute] = _Guarded(fn, expected, Message("plugins.who", plugin=plugin_name,
                                                                kind=type(item).__name__, item=item.name,
                                                                attribute=attribute),
                                          (type(item), attribute) not in _RAISES_THROUGH)
    return dataclasses.replace(item, **changes) if changes else item


class _Guarded:
    """A plugin's callable: ``sys.exit()`` and a result of the wrong type become a PluginError.

    It keeps the function's ``__module__`` and ``__globals__``, so the verdict cache still
    identifies the plugin's own file (checking/fingerprint.py reads them)."""

    def __init__(self, fn, expected: str | None, who: str, owns_errors: bool = True):
        self.fn, self.expected, self.who, self.owns_errors = fn, expected, who, owns_errors
        self.__wrapped__ = fn
        self.__module__ = getattr(fn, "__module__", None) or type(fn).__module__
        self.__globals__ = getattr(fn, "__globals__", {})
        self.__name__ = getattr(fn, "__name__", type(fn).__name__)
        self.__doc__ = getattr(fn, "__doc__", None)

    def __call__(self, *args, **kwargs):
        try:
            result = self.fn(*args, **kwargs)
        except SystemExit as exc:
            raise PluginError.of("plugin.exit", None, who=self.who, code=_exit_code(exc)) from None
        except (ValueError, RubricEngineError):
            raise  # the documented way to refuse: bad params, an aggregation that cannot apply
        except Exception as exc:
            if not self.owns_errors:
                raise
            raise PluginError.of("plugin.raised", _raised_at(exc, self.fn), who=self.who,
                                 error=f"{type(exc).__name__}: {exc}") from None
        return self.check(result)

    def check(self, result):
        import numbers

        expected = self.expected
        if expected is None:
            return result
        if expected == "number":
            good = isinstance(result, numbers.Real) and not isinstance(result, bool)
        elif expected == "pair":
            good = isinstance(result, tuple) and len(result) == 2 and all(isinstance(v, int) for v in result)
        elif expected == "bytes":
            good = isinstance(result, (bytes, bytearray))
        else:
            good = type(result).__name__ == expected
        if not good:
            raise PluginError.of("plugin.type:result" if expected != "number" else "plugin.type:result_number", None,
                                 who=self.who, type=type(result).__name__, expected=expected)
        return result


def _raised_at(exc: BaseException, fn) -> Location | None:
    """Where in the plugin's own code ``exc`` was raised: its innermost frame outside rubric-engine."""
    code = getattr(fn, "__code__", None)
    package = str(Path(__file__).resolve().parent)
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if code is not None and f.filename == code.co_filename] or \
        [f for f in frames if not str(Path(f.filename).resolve()).startswith(package)]
    if own:
        return Location(own[-1].filename, own[-1].lineno or 0)
    return Location(code.co_filename, code.co_firstlineno) if code is not None else None


def _exit_code(exc: SystemExit) -> str:
    """``sys.exit("x")`` → ``"x"``, ``sys.exit(2)`` → ``2``: the argument as it was written."""
    return f'"{exc.code}"' if isinstance(exc.code, str) else str(exc.code)


def _failure(exc: BaseException) -> Message | str:
    """What went wrong in a plugin, for a message: its exception, or the sys.exit() it called."""
    if isinstance(exc, SystemExit):
        return Message("plugins.called_exit", code=_exit_code(exc))
    return f"{type(exc).__name__}: {exc}"
