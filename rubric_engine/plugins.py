"""The plugin host: built-ins, entry points, ``--plugins-dir`` files and rubric plugins.

Built-in checks, aggregations, award strategies and output formats are ordinary
plugins listed in ``DEFAULT_PLUGINS``; they register through the same hooks as a
user's plugin.
"""
from __future__ import annotations

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
from .errors import Location, PluginError, did_you_mean
from .extension import Aggregation, AwardStrategy, CheckType, OutputFormat
from .limits import limit


def _load_bound() -> int:
    """Seconds a plugin may take to import, and each of its registration hooks to run."""
    return limit("PLUGIN_IMPORT_SECONDS")

ENTRY_POINT_GROUP = "rubric_engine"

DEFAULT_PLUGINS = (
    "rubric_engine.builtins.table_checks",
    "rubric_engine.builtins.file_checks",
    "rubric_engine.builtins.aggregations",
    "rubric_engine.builtins.awards",
    "rubric_engine.builtins.formats",
)

# hook name -> (registry key, the type each registration must have)
KINDS = {
    "register_checks": ("checks", CheckType),
    "register_aggregations": ("aggregations", Aggregation),
    "register_award_strategies": ("award_strategies", AwardStrategy),
    "register_output_formats": ("output_formats", OutputFormat),
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
        from importlib.metadata import entry_points

        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            try:
                with time_bound(_load_bound()):
                    module = ep.load()
            except OutOfTime as exc:
                raise PluginError.of("plugin.timeout:import", None, name=f"{ep.name} (entry point {ep.value})",
                                     seconds=exc.seconds) from None
            except (Exception, SystemExit) as exc:  # a third-party plugin may fail in any way
                raise PluginError.single(
                    f"plugin {ep.name!r} (entry point {ep.value}) failed to import: "
                    f"{type(exc).__name__}: {exc}", code="plugin.import") from None
            self._register(module, ep.name, f"entry point {ep.value}")

    def load_directory(self, directory: Path) -> None:
        if not directory.is_dir():
            raise PluginError.single(f"--plugins-dir {directory} is not a folder", Location(str(directory)),
                                     code="plugin.dir")
        self.plugin_dirs.append(directory.resolve())
        for path in sorted(directory.glob("*.py")):
            if not path.name.startswith("_"):
                self.load_file(path)

    def load_file(self, path: Path, where: Location | None = None, source: bytes | None = None) -> None:
        """Load one plugin file; ``source``, when given, is its bytes as already read (and checked)."""
        path = Path(path)
        if not path.is_file():
            raise PluginError.single(f"plugin file {path} does not exist", where or Location(str(path)),
                                     code="plugin.missing")
        if path.suffix != ".py":
            raise PluginError.single(f"plugin file {path.name} is not a Python file (.py)",
                                     where or Location(str(path)), code="plugin.suffix",
                                     hint="a plugin is a single .py file: rename it to end in .py")
        name = f"rubric_engine_plugin_{path.stem}"
        if any(info.source == str(path.resolve()) for info in self.infos.values()):
            return  # loaded already (e.g. by --plugins-dir and by the rubric)
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None:
            raise PluginError.single(f"plugin file {path.name} cannot be loaded as a Python module",
                                     where or Location(str(path)), code="plugin.suffix")
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
            raise PluginError.single(
                f"plugin {path.name} has a syntax error: {exc.msg}",
                Location(str(path), exc.lineno or 0, exc.offset or 0, 1, line_text), code="plugin.syntax",
                hint="fix the Python syntax at the marked place") from None
        except (Exception, SystemExit) as exc:  # sys.exit() in a plugin must not end the run silently
            sys.modules.pop(name, None)
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(path)]
            line = frames[-1].lineno if frames else 0
            what = (f"called sys.exit({exc.code!r})" if isinstance(exc, SystemExit)
                    else f"{type(exc).__name__}: {exc}")
            raise PluginError.single(
                f"plugin {path.name} failed to load: {what}",
                Location(str(path), line or 0), code="plugin.import",
                hint="a plugin must not exit; raise an exception or leave it out" if isinstance(exc, SystemExit)
                else None) from None
        self._register(module, path.stem, str(path.resolve()))

    def _register(self, module, name: str, source: str) -> None:
        if name in self.infos:
            raise PluginError.single(
                f"two plugins are named {name!r}: {self.infos[name].source} and {source}",
                code="plugin.duplicate", hint="rename one of the plugin files")
        try:
            self.pm.register(module, name=name)
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(name=name)
            hook_names = ", ".join(KINDS)
            bad = [attr for attr in dir(module) if attr.startswith("register_") and attr not in KINDS]
            hint = did_you_mean(bad[0], KINDS) if bad else None
            raise PluginError.single(
                f"plugin {name!r} ({source}) is invalid: {exc}", code="plugin.hook",
                hint=hint or f"hooks are: {hook_names}") from None
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
                    what = (f"called sys.exit({exc.code!r})" if isinstance(exc, SystemExit)
                            else f"{type(exc).__name__}: {exc}")
                    raise PluginError.single(
                        f"plugin {plugin_name!r} failed in {hook_name}: {what}",
                        Location(self.infos[plugin_name].source), code="plugin.hook") from None
                if returned is not None:  # e.g. `return [CheckType(...)]`: nothing would be registered
                    raise PluginError.single(
                        f"plugin {plugin_name!r}: {hook_name} returned a {type(returned).__name__}; "
                        "it registers by calling register(...) and returns nothing",
                        Location(self.infos[plugin_name].source), code="plugin.type",
                        hint=f"call register({item_type.__name__}(...)) for each one instead of returning them")
        self._collected = True

    def _register_callback(self, key: str, item_type: type, plugin_name: str, hook_name: str):
        registry = self.registries[key]

        def register(item) -> None:
            if not isinstance(item, item_type):
                raise PluginError.single(
                    f"plugin {plugin_name!r}: {hook_name} registered a {type(item).__name__}; "
                    f"expected a {item_type.__name__}", code="plugin.type")
            if not item.name or not isinstance(item.name, str):
                raise PluginError.single(f"plugin {plugin_name!r}: a {item_type.__name__} needs a name",
                                         code="plugin.name")
            if item.name in registry:
                other = registry[item.name].plugin
                raise PluginError.single(
                    f"plugin {plugin_name!r} registers {key[:-1].replace('_', ' ')} {item.name!r}, "
                    f"which plugin {other!r} ({self.infos[other].source}) already provides",
                    code="plugin.duplicate", hint="choose another name")
            if self.infos[plugin_name].source != "built-in":
                item = guard_plugin_item(item, plugin_name)
            registry[item.name] = Provided(item, plugin_name)
            self.infos[plugin_name].provides.setdefault(key, []).append(item.name)
        return register

    def get(self, key: str, name: str):
        self.collect()
        provided = self.registries[key].get(name)
        return provided.item if provided else None

    def names(self, key: str) -> list[str]:
        self.collect()
        return sorted(self.registries[key])

    def plugins(self) -> list[PluginInfo]:
        self.collect()
        return list(self.infos.values())


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
    AwardStrategy: {"decide": "AwardOutcome", "prepare": None},
    OutputFormat: {"render": "bytes"},
}


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
            changes[attribute] = _Guarded(fn, expected, f"{plugin_name!r} ({type(item).__name__} "
                                                        f"{item.name!r}, {attribute})")
    return dataclasses.replace(item, **changes) if changes else item


class _Guarded:
    """A plugin's callable: ``sys.exit()`` and a result of the wrong type become a PluginError.

    It keeps the function's ``__module__`` and ``__globals__``, so the verdict cache still
    identifies the plugin's own file (checking/fingerprint.py reads them)."""

    def __init__(self, fn, expected: str | None, who: str):
        self.fn, self.expected, self.who = fn, expected, who
        self.__wrapped__ = fn
        self.__module__ = getattr(fn, "__module__", None) or type(fn).__module__
        self.__globals__ = getattr(fn, "__globals__", {})
        self.__name__ = getattr(fn, "__name__", type(fn).__name__)
        self.__doc__ = getattr(fn, "__doc__", None)

    def __call__(self, *args, **kwargs):
        try:
            result = self.fn(*args, **kwargs)
        except SystemExit as exc:
            raise PluginError.single(f"plugin {self.who} called sys.exit({exc.code!r})", code="plugin.exit",
                                     hint="a plugin must not exit; raise an exception instead") from None
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
            raise PluginError.single(f"plugin {self.who} returned a {type(result).__name__}; expected "
                                     f"{'a number' if expected == 'number' else expected}", code="plugin.type")
        return result
