"""The message catalogue: every text a user reads, in zh-CN and en, keyed by a code.

The catalogues are gettext ``.po`` files under ``locale/<lang>/LC_MESSAGES/<area>.po`` (the
format translators and their tools know), compiled to ``.mo`` files that the standard
library's :mod:`gettext` reads at run time in about a millisecond. ``python -m
rubric_engine.messages.compile`` (Babel, a test dependency) recompiles them; a test fails
when a ``.mo`` is stale, a key lacks either language, or a placeholder differs.

A message id is a dotted key, e.g. ``data.column.missing``; a key may carry a variant after a
colon (``data.limit:columns``) — the problem code is the part before it. Texts use
``str.format`` fields: ``"{file} 缺少列 {column}"``. ``key + ".hint"``, when the catalogue has
it, is the hint that goes with a problem.

One language at a time: :func:`set_language` picks it (the CLI does, from ``--lang``, the
rubric's ``language:`` or ``LANG``); :class:`Message` is a key with its fields, rendered when
it is shown, so a problem raised before the rubric's language was known still reads in it.
"""
from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

LANGUAGES = ("zh-CN", "en")
DEFAULT_LANGUAGE = "zh-CN"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_GETTEXT_NAMES = {"zh-CN": "zh_CN", "en": "en"}

_language: ContextVar[str] = ContextVar("rubric_language", default=DEFAULT_LANGUAGE)


def normalise_language(value: str | None) -> str | None:
    """``zh_CN.UTF-8``, ``zh-Hans``, ``zh`` → ``zh-CN``; ``en_US``, ``en-GB``, ``en`` → ``en``; else None."""
    if not value:
        return None
    base = value.split(".")[0].split("@")[0].replace("_", "-").lower()
    if base in ("zh", "zh-cn", "zh-hans", "zh-sg", "zh-hans-cn"):
        return "zh-CN"
    if base == "en" or base.startswith("en-"):
        return "en"
    return None


def language_from_environment(environ) -> str | None:
    """The language of the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set (``C`` is none)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return normalise_language(value)
    return None


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    _language.set(language)


def current_language() -> str:
    return _language.get()


@lru_cache(maxsize=None)
def _builtin_catalogue(language: str) -> dict[str, str]:
    """Every message of ``language`` that rubric-engine ships, from all the ``.mo`` files of its folder."""
    return read_folder(LOCALE_DIR, language)


def read_folder(folder: Path, language: str) -> dict[str, str]:
    """The messages of ``language`` in a locale folder laid out as the package's (``<lang>/LC_MESSAGES/*.mo``)."""
    merged: dict[str, str] = {}
    for path in sorted((Path(folder) / _GETTEXT_NAMES[language] / "LC_MESSAGES").glob("*.mo")):
        with path.open("rb") as stream:
            translations = gettext.GNUTranslations(stream)
        merged.update((key, value) for key, value in translations._catalog.items()  # noqa: SLF001
                      if isinstance(key, str) and key)
    return merged


# plugin name -> {language: {key: text}}: what each loaded plugin ships (the plugin host sets it)
_PLUGIN_MESSAGES: dict[str, dict[str, dict[str, str]]] = {}


def add_plugin_messages(plugin: str, messages: dict[str, dict[str, str]]) -> None:
    """Make a plugin's own messages part of the catalogue, shown exactly as the built-ins' are.

    ``messages`` is ``{language: {key: text}}``; a key missing in one language falls back to the
    other (as every key does). Calling it again for the same plugin replaces what it gave.
    """
    _PLUGIN_MESSAGES[plugin] = {language: dict(messages.get(language, {})) for language in LANGUAGES}
    catalogue.cache_clear()


def builtin_key(key: str) -> bool:
    """Whether rubric-engine's own catalogue has ``key`` (a plugin may not redefine it)."""
    return any(key in _builtin_catalogue(language) for language in LANGUAGES)


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    """Every message of ``language``: rubric-engine's own, then each loaded plugin's."""
    merged = dict(_builtin_catalogue(language))
    for messages in _PLUGIN_MESSAGES.values():
        merged.update(messages.get(language, {}))
    return merged


def has(key: str, language: str | None = None) -> bool:
    return key in catalogue(language or current_language())


def text(key: str, /, **fields: Any) -> str:
    """The message ``key`` in the current language, its ``{fields}`` filled in.

    A key missing from the current language falls back to the other, then to the key itself:
    a gap in the catalogue (which a test forbids) never stops a run.
    """
    language = current_language()
    template = catalogue(language).get(key)
    if template is None:
        template = next((catalogue(other)[key] for other in LANGUAGES if key in catalogue(other)), key)
    if not fields:
        return template
    return template.format_map({name: _shown(value) for name, value in fields.items()})


def text_or_none(key: str, /, **fields: Any) -> str | None:
    return text(key, **fields) if has(key) else None


def _shown(value: Any) -> Any:
    return str(value) if isinstance(value, Message) else value


class Message:
    """A catalogue key with its fields: rendered in the language current when it is shown."""

    __slots__ = ("key", "fields")

    def __init__(self, key: str, /, **fields: Any):
        self.key, self.fields = key, fields

    @property
    def code(self) -> str:
        """The problem code: the key without its variant (``data.limit:columns`` → ``data.limit``)."""
        return self.key.split(":", 1)[0]

    def hint(self) -> "Message | None":
        hint_key = self.key + ".hint"
        return Message(hint_key, **self.fields) if any(hint_key in catalogue(lang) for lang in LANGUAGES) else None

    def __str__(self) -> str:
        return text(self.key, **self.fields)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.fields!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Message) and (self.key, self.fields) == (other.key, other.fields)

    def __hash__(self) -> int:
        return hash((self.key, tuple(sorted(self.fields))))

    def to_data(self) -> dict[str, Any]:
        """The message as language-free data: ``{"code", "fields"}``, its fields made JSON-safe."""
        return {"code": self.key, "fields": {name: field_data(value) for name, value in self.fields.items()}}

    def to_dict(self) -> dict[str, Any]:
        """What a result document carries: ``{"code", "fields", "text"}``, the text in the current language."""
        return {**self.to_data(), "text": str(self)}

    @classmethod
    def from_data(cls, data: Any) -> "Message":
        """The inverse of :meth:`to_data` (a ``text`` key, when present, is ignored: it is re-rendered).

        Raises ``ValueError`` on anything that is not such a mapping."""
        if not isinstance(data, dict) or not isinstance(data.get("code"), str) \
                or not isinstance(data.get("fields", {}), dict):
            raise ValueError("not a message")
        return cls(data["code"], **{name: field_value(value) for name, value in data.get("fields", {}).items()})


# --- message fields as data: a field is a str/int/float/bool/None, a list of fields, a Message,
# or an object of a registered kind (``to_field()`` gives ``{"kind": ..., ...}``) ---

_FIELD_KINDS: dict[str, Any] = {}


def register_field_kind(kind: str, decode) -> None:
    """``decode(data)`` rebuilds a field object from the dict its ``to_field()`` gave (``data["kind"] == kind``)."""
    _FIELD_KINDS[kind] = decode


def field_data(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Message):
        return {"kind": "message", **value.to_data()}
    if isinstance(value, (list, tuple)):
        return [field_data(item) for item in value]
    to_field = getattr(value, "to_field", None)
    if to_field is not None:
        return to_field()
    return str(value)  # anything else is shown as its text (a Fraction, a Path): still language-free


def field_value(data: Any) -> Any:
    if isinstance(data, list):
        return [field_value(item) for item in data]
    if isinstance(data, dict):
        kind = data.get("kind")
        if kind == "message":
            return Message.from_data(data)
        decode = _FIELD_KINDS.get(kind)
        if decode is None:
            raise ValueError(f"unknown message field kind {kind!r}")
        return decode(data)
    return data


def join(items, language: str | None = None) -> str:
    """A list inside a sentence: ``甲、乙、丙`` in Chinese, ``a, b, c`` in English."""
    separator = "、" if (language or current_language()) == "zh-CN" else ", "
    return separator.join(str(item) for item in items)
