"""The verdict cache: file checks' verdicts kept per entry folder in ``DATA/.rubric-cache/``.

One small JSON file per entry: the key of everything its folder's verdicts depend on
(:mod:`.fingerprint`) and the verdicts by check signature. A changed file changes only
its folder's key, so only that folder is checked again. The cache is an optimisation:
an unreadable or corrupt file is a miss (and is rewritten), a folder that cannot be
written means running without it, never an error.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..version import __version__
from ..data import Entry
from ..extension import Verdict
from ..messages import text
from ..rubric.model import Check
from .context import CheckContext
from .fingerprint import check_signature, digest, entry_row, folder_state
from .verdicts import Crash

CACHE_DIR = ".rubric-cache"
FORMAT = 2  # 2: verdicts as language-free data (a reason is a message's code and fields)
# A file changed less than this long before its folder was looked at might change again
# within the same tick of the file system's clock, unseen: such a folder is not stored.
RACY_NS = 2_000_000_000


@dataclass
class CacheStats:
    """What one run did: folders served whole from the cache, checked, written."""

    cached: int = 0
    checked: int = 0
    stored: int = 0


@dataclass
class _Slot:
    entry: str
    path: Path
    key: str | None  # None: this folder cannot be cached (too many files, changing now)
    verdicts: dict[str, Verdict] = field(default_factory=dict)  # by check signature
    checks: dict[str, str] = field(default_factory=dict)  # check signature -> check id, for people reading
    dirty: bool = False


class VerdictCache:
    """``enabled=False`` (``--no-cache``) neither reads nor writes, but still counts."""

    def __init__(self, data_folder: Path | None, *, enabled: bool = True, strict: bool = False):
        self.folder = Path(data_folder) / CACHE_DIR if data_folder is not None else None
        self.enabled = enabled and self.folder is not None
        self.strict = strict
        self.stats = CacheStats()
        self.note: str | None = None  # one line for the user, e.g. why nothing was written
        self._slots: dict[str, _Slot] = {}
        self._signatures: dict[str, str] = {}

    def lookup(self, entry: Entry, checks: list[Check], context: CheckContext) -> dict[str, Verdict]:
        """The cached verdicts of ``checks`` on ``entry`` (check id -> verdict), maybe none."""
        if not checks:
            return {}
        hits: dict[str, Verdict] = {}
        if self.enabled:
            slot = self._slot(entry, context)
            for check in checks:
                stored = slot.verdicts.get(self._signature(check)) if slot.key else None
                if stored is not None:
                    hits[check.id] = stored
        if len(hits) == len(checks):
            self.stats.cached += 1
        else:
            self.stats.checked += 1
        return hits

    def store(self, entry: Entry, checks: list[Check], verdicts: dict[str, Verdict]) -> None:
        slot = self._slots.get(entry.id)
        if slot is None or slot.key is None:
            return
        for check in checks:
            verdict = verdicts.get(check.id)
            if verdict is not None and not isinstance(verdict, Crash):
                slot.verdicts[self._signature(check)] = verdict
                slot.checks[self._signature(check)] = check.id
                slot.dirty = True

    def save(self, entries: list[Entry]) -> None:
        """Write the folders that changed (atomically) and drop the files of entries gone."""
        if not self.enabled:
            return
        try:
            dirty = [slot for slot in self._slots.values() if slot.dirty]
            if dirty:
                self._prepare_folder()
            for slot in dirty:
                self._write(slot)
                self.stats.stored += 1
            keep = {self._path(e.id).name for e in entries}
            for path in self.folder.glob("*.json") if self.folder.is_dir() else ():
                if path.name not in keep:
                    path.unlink(missing_ok=True)
        except OSError as exc:
            self.note = text("checks.cache.unwritable", folder=self.folder, reason=exc.strerror or exc)

    # --- one entry's file --------------------------------------------------------------
    def _slot(self, entry: Entry, context: CheckContext) -> _Slot:
        if entry.id not in self._slots:
            path = self._path(entry.id)
            slot = _Slot(entry.id, path, self._key(entry, context))
            if slot.key is not None:
                stored = self._read(path, entry.id)
                if stored is not None and stored[0] == slot.key:
                    slot.verdicts, slot.checks = stored[1], stored[2]
            self._slots[entry.id] = slot
        return self._slots[entry.id]

    def _key(self, entry: Entry, context: CheckContext) -> str | None:
        started = time.time_ns()
        folder, how = context.locate(entry)
        state = folder_state(folder, self.strict) if folder is not None else None
        if folder is not None and (state is None or (not self.strict and state.newest_ns > started - RACY_NS)):
            return None
        relative = os.path.relpath(folder, context.submissions) if folder is not None else None
        return digest({"format": FORMAT, "engine": __version__, "strict": self.strict, "entry": entry_row(entry),
                       "folder": relative, "how": how, "files": state.files if state else []})

    def _signature(self, check: Check) -> str:
        if check.id not in self._signatures:  # verdicts are language-free: one for every language
            self._signatures[check.id] = check_signature(check)
        return self._signatures[check.id]

    def _path(self, entry_id: str) -> Path:
        return self.folder / (hashlib.sha256(entry_id.encode("utf-8")).hexdigest()[:24] + ".json")

    @staticmethod
    def _read(path: Path, entry_id: str) -> tuple[str, dict[str, Verdict], dict[str, str]] | None:
        """(key, verdicts, check ids) from ``path``; None when it is missing, unreadable or not ours."""
        try:
            with open(path, encoding="utf-8") as stream:
                stored = json.load(stream)
            if stored.get("format") != FORMAT or stored.get("entry") != entry_id:
                return None
            saved = stored["verdicts"].items()
            return (stored["key"], {sig: Verdict.from_dict(v) for sig, v in saved},
                    {sig: str(v.get("check", "")) for sig, v in saved})
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def _prepare_folder(self) -> None:
        if not self.folder.is_dir():
            self.folder.mkdir(exist_ok=True)  # another run may have made it; a file there is an OSError
            (self.folder / ".gitignore").write_text("# written by rubric-engine: safe to delete\n*\n",
                                                   encoding="utf-8")
            (self.folder / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# rubric-engine's verdict cache\n", encoding="utf-8")

    def _write(self, slot: _Slot) -> None:
        data = {"format": FORMAT, "entry": slot.entry, "key": slot.key,
                "verdicts": {sig: {"check": slot.checks.get(sig, ""), **verdict.to_dict()}
                             for sig, verdict in sorted(slot.verdicts.items())}}
        handle, temporary = tempfile.mkstemp(prefix=f".{slot.path.name}.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False, separators=(",", ":"))
            os.chmod(temporary, 0o644)
            os.replace(temporary, slot.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
