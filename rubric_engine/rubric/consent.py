"""Which plugins named by a rubric may run: a rubric is data, its plugins are code.

Organisers pass rubrics around by e-mail; loading the code a rubric names needs the
organiser's consent, given in one of three ways:

- the plugin's sha256 pinned in the rubric (``plugins: [{path: x.py, sha256: ...}]``),
  checked against the bytes that are then run (never a second read of the file);
- ``--trust-plugins`` on the command line;
- the plugin file is one that a ``--plugins-dir`` folder given on the command line loads itself
  (a ``*.py`` file directly in it whose name does not start with ``_``, as ``plugins.py`` loads
  them): the folder's ``_private.py`` helper or a file in a sub-folder gets no consent from it.

Without any of them, the rubric is refused before any of its code runs, at the
``plugins`` entry, with the file's actual sha256 to pin. A pin that does not match is
refused even with ``--trust-plugins``: the file is not the one the rubric's author meant.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import ProblemList
from ..messages import Message
from .yaml_source import YamlDocument

@dataclass(frozen=True)
class RubricPlugin:
    """A plugin file the rubric names, and the bytes that were checked (and are run)."""

    path: Path
    source: bytes


def entry_path(item) -> str:
    """The path of a ``plugins`` entry: a string, or a mapping with ``path`` (and ``sha256``)."""
    return item["path"] if isinstance(item, dict) else item


def folder_loads(path: Path, folders: Iterable[Path]) -> bool:
    """Whether one of ``folders`` (resolved) would load ``path`` by itself (``PluginHost.load_dir``'s rule)."""
    return path.parent in folders and path.suffix == ".py" and not path.name.startswith("_")


def consented_plugins(doc: YamlDocument, files: Iterable[tuple[int, Path]], problems: ProblemList, *,
                      trusted: bool, folders: Iterable[Path] = ()) -> list[RubricPlugin]:
    """The rubric's plugin files with their bytes; an error in ``problems`` for each one without consent.

    ``files`` are (index in ``plugins``, resolved path) of files that exist; ``folders``
    are the ``--plugins-dir`` folders given on the command line.
    """
    folders = [Path(f).resolve() for f in folders]
    result = []
    for index, path in files:
        item = doc.data["plugins"][index]
        try:
            source = path.read_bytes()
        except OSError as exc:
            problems.error(Message("plugin.missing:unreadable", file=entry_path(item), reason=exc.strerror),
                           doc.location(("plugins", index)), code="plugin.missing")
            continue
        actual = hashlib.sha256(source).hexdigest()
        pinned = item.get("sha256") if isinstance(item, dict) else None
        if pinned is not None:
            if pinned.lower() != actual:
                problems.add("error", "plugin.pin", doc.location(("plugins", index, "sha256")),
                             name=entry_path(item), actual=actual, pinned=pinned)
                continue
        elif not trusted and not folder_loads(path, folders):
            problems.add("error", "plugin.consent", doc.location(("plugins", index)), name=entry_path(item),
                         sha256=actual)
            continue
        result.append(RubricPlugin(path, source))
    return result
