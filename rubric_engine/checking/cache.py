"""The verdict cache: file checks' verdicts kept per entry folder in ``DATA/.rubric-cache/``.

One small JSON file per entry: the key of everything its folder's verdicts depend on
(:mod:`.fingerprint`), the verdicts by check signature, and the sha256 of both. A changed
file changes only its folder's key, so only that folder is checked again. The cache is an
optimisation: a missing file is a miss; a file that is not a regular file (a link, a FIFO),
too large, too deeply nested, damaged or edited by hand (its sha256 no longer matches) is a
miss with a note, and is replaced; a folder that cannot be written means running without it,
never an error. ``.rubric-cache`` that is a link or not a folder is not used at all (a note
says so): nothing is read or written through it. Pruning deletes only this cache's own files
(the name pattern and the format marker inside).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..version import __version__
from ..data import Entry
from ..extension import Verdict
from ..io.atomic import _mode_for
from ..io.regular import NotRegular, TooDeep, TooLarge, load_json, read_regular
from ..limits import limit
from ..messages import Message, text
from ..rubric.model import Check
from .bounds import caused_by_bound
from .context import CheckContext
from .fingerprint import check_signature, digest, entry_row, folder_state
from .verdicts import Crash

CACHE_DIR = ".rubric-cache"
FORMAT = 3  # 2: verdicts as language-free data; 3: the marker and the sha256 of the content
MARKER = "rubric-engine verdict cache"
_NAME = re.compile(r"[0-9a-f]{24}\.json")
# A file changed less than this long before its folder was looked at might change again
# within the same tick of the file system's clock, unseen: such a folder is not stored.
RACY_NS = 2_000_000_000
MAX_NOTES = 5  # notes about single cache files shown; the rest are counted


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
    sha256: str | None = None  # of the file the verdicts were read from


def _sealed(entry: str, key: str, verdicts: dict) -> str:
    """The sha256 a cache file carries: of its entry, its key and its verdicts."""
    return digest({"format": FORMAT, "entry": entry, "key": key, "verdicts": verdicts})


def _ours(document) -> bool:
    """A cache file of this engine (this format or format 2, which had no marker)."""
    if not isinstance(document, dict):
        return False
    if document.get("kind") == MARKER:
        return True
    return document.get("format") == 2 and set(document) == {"format", "entry", "key", "verdicts"}


class VerdictCache:
    """``enabled=False`` (``--no-cache``) neither reads nor writes, but still counts."""

    def __init__(self, data_folder: Path | None, *, enabled: bool = True, strict: bool = False):
        self.folder = Path(data_folder) / CACHE_DIR if data_folder is not None else None
        self.enabled = enabled and self.folder is not None
        self.strict = strict
        self.stats = CacheStats()
        self.notes: list[str] = []  # lines for the user: why nothing was written, files ignored
        self._ignored = 0  # cache files ignored beyond the MAX_NOTES shown
        self._slots: dict[str, _Slot] = {}
        self._signatures: dict[str, str] = {}
        if self.enabled:
            self._refuse_odd_folder()

    @property
    def note(self) -> str | None:
        """The notes as one text (None when there are none)."""
        lines = list(self.notes)
        if self._ignored:
            lines.append(text("checks.cache.more_ignored", count=self._ignored))
        return "\n".join(lines) or None

    @property
    def served(self) -> dict[str, str]:
        """entry id -> sha256 of the cache file its verdicts were served from (this run)."""
        return {slot.entry: slot.sha256 for slot in self._slots.values() if slot.sha256 and slot.verdicts}

    def _refuse_odd_folder(self) -> None:
        """``.rubric-cache`` that is a link or not a folder: not used, never written through."""
        try:
            info = os.lstat(self.folder)
        except FileNotFoundError:
            return
        except OSError as exc:
            info, kind = None, exc.strerror or str(exc)
        else:
            if stat.S_ISDIR(info.st_mode):
                return
            kind = text("checks.cache.kind.link") if stat.S_ISLNK(info.st_mode) else text("checks.cache.kind.file")
        self.enabled = False
        self.notes.append(text("checks.cache.not_folder", folder=self.folder, kind=kind))

    def _ignore(self, path: Path, entry_id: str, key: str, **fields) -> None:
        if len(self.notes) < MAX_NOTES:
            self.notes.append(text("checks.cache.ignored", file=path, entry=entry_id,
                                   why=Message("checks.cache.why." + key, **fields)))
        else:
            self._ignored += 1

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
        """Keep the verdicts worth keeping: not a crash, not a review a resource bound caused
        (a rerun with the bound raised, as its hint says, must look again)."""
        slot = self._slots.get(entry.id)
        if slot is None or slot.key is None:
            return
        for check in checks:
            verdict = verdicts.get(check.id)
            if verdict is not None and not isinstance(verdict, Crash) and not caused_by_bound(verdict):
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
            self._prune({self._path(e.id).name for e in entries})
        except OSError as exc:
            self.notes.append(text("checks.cache.unwritable", folder=self.folder, reason=exc.strerror or exc))

    def _prune(self, keep: set[str]) -> None:
        """Delete the cache files of entries no longer in the data: only files of this cache's own
        format (a name like ``0123…cdef.json`` and the marker inside), nothing else in the folder."""
        if not os.path.isdir(self.folder) or os.path.islink(self.folder):
            return
        for item in os.scandir(self.folder):
            if item.name in keep or not _NAME.fullmatch(item.name) or not item.is_file(follow_symlinks=False):
                continue
            try:
                document = load_json(read_regular(item.path, limit("MAX_CACHE_FILE_BYTES")))
            except (OSError, ValueError):
                continue
            if _ours(document):
                os.unlink(item.path)

    # --- one entry's file --------------------------------------------------------------
    def _slot(self, entry: Entry, context: CheckContext) -> _Slot:
        if entry.id not in self._slots:
            path = self._path(entry.id)
            slot = _Slot(entry.id, path, self._key(entry, context))
            if slot.key is not None:
                stored = self._read(path, entry.id)
                if stored is not None and stored[0] == slot.key:
                    slot.verdicts, slot.checks, slot.sha256 = stored[1], stored[2], stored[3]
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

    def _read(self, path: Path, entry_id: str) -> tuple[str, dict[str, Verdict], dict[str, str], str] | None:
        """(key, verdicts, check ids, sha256) from ``path``; None when it is missing or not to be trusted
        (with a note, unless it is simply missing or of another version)."""
        bound = limit("MAX_CACHE_FILE_BYTES")
        try:
            stored = load_json(read_regular(path, bound))
        except FileNotFoundError:
            return None
        except NotRegular as exc:
            kind = text("checks.cache.kind.link") if exc.kind == "link" else text("terminal.output.kind." + exc.kind)
            return self._ignore(path, entry_id, "not_regular", kind=kind)
        except TooLarge as exc:
            return self._ignore(path, entry_id, "too_large", size=exc.size, bound=bound,
                                variable="RUBRIC_MAX_CACHE_FILE_BYTES")
        except TooDeep:
            return self._ignore(path, entry_id, "too_deep")
        except (OSError, ValueError) as exc:
            return self._ignore(path, entry_id, "damaged", detail=getattr(exc, "strerror", None) or exc)
        if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("kind") != MARKER:
            return None  # another version's file: simply checked again and replaced
        try:
            if stored.get("entry") != entry_id:
                return self._ignore(path, entry_id, "damaged", detail="entry")
            key, saved = stored["key"], stored["verdicts"]
            if stored.get("sha256") != _sealed(entry_id, key, saved):
                return self._ignore(path, entry_id, "edited")
            return (key, {sig: Verdict.from_dict(v) for sig, v in saved.items()},
                    {sig: str(v.get("check", "")) for sig, v in saved.items()}, stored["sha256"])
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            return self._ignore(path, entry_id, "damaged", detail=type(exc).__name__)

    def _prepare_folder(self) -> None:
        if not self.folder.is_dir():
            self.folder.mkdir(exist_ok=True)  # another run may have made it; a file there is an OSError
            (self.folder / ".gitignore").write_text("# written by rubric-engine: safe to delete\n*\n",
                                                   encoding="utf-8")
            (self.folder / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# rubric-engine's verdict cache\n", encoding="utf-8")
        if os.path.islink(self.folder):  # made a link since the run started: not written through
            raise OSError(0, text("checks.cache.kind.link"))

    def _write(self, slot: _Slot) -> None:
        verdicts = {sig: {"check": slot.checks.get(sig, ""), **verdict.to_dict()}
                    for sig, verdict in sorted(slot.verdicts.items())}
        data = {"kind": MARKER, "format": FORMAT, "entry": slot.entry, "key": slot.key, "verdicts": verdicts,
                "sha256": _sealed(slot.entry, slot.key, verdicts)}
        # a regular file's own mode is kept; a new file (or one that replaces a link, a FIFO) gets the umask's
        mode = _mode_for(slot.path) if os.path.isfile(slot.path) and not os.path.islink(slot.path) \
            else _mode_for(slot.path.with_name(".no such file"))
        handle, temporary = tempfile.mkstemp(prefix=f".{slot.path.name}.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))  # the C encoder
            os.chmod(temporary, mode)
            os.replace(temporary, slot.path)  # a link or FIFO at the path is replaced, never written through
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
