"""What a file check's verdict depends on, as JSON-ready data: the folder, the row, the check.

Listing a folder reads names and ``stat`` results only; with ``strict`` each file's
content is hashed instead of trusting its modification time.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from ..limits import limit
from ..version import __version__
from ..data import Entry
from ..extension import CheckType
from ..rubric.model import Check



def digest(data) -> str:
    """sha256 of ``data`` as canonical JSON."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()  # a GBK file name: no crash


def file_sha256(path: str | os.PathLike) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def content_stamp(path: str | os.PathLike, size: int, mtime_ns: int, budget: list[int]) -> list:
    """What ``--strict-cache`` compares for one file, reading at most ``MAX_STRICT_HASH_BYTES`` of it
    and, over one folder, at most ``budget[0]`` bytes (spent here): the whole file's sha256 when it
    fits; a larger file's first and last half-bound hashed with its size and time; once the folder's
    budget is spent, the size and time alone (as without ``--strict-cache``)."""
    bound = limit("MAX_STRICT_HASH_BYTES")
    if min(size, bound) > budget[0]:
        return ["time", mtime_ns]
    if size <= bound:
        budget[0] -= size
        return ["sha256", file_sha256(path)]
    half = bound // 2
    sha = hashlib.sha256()
    with open(path, "rb") as stream:
        sha.update(stream.read(half))
        stream.seek(size - half)
        sha.update(stream.read(half))
    budget[0] -= 2 * half
    return ["head+tail", sha.hexdigest(), mtime_ns]


@dataclasses.dataclass(frozen=True)
class FolderState:
    files: list  # [relative name, kind, size, mtime_ns or sha256 (or a link's target)], sorted
    newest_ns: int  # the latest modification time seen (0 for an empty folder)


def folder_state(folder: Path, strict: bool = False) -> FolderState | None:
    """Every file and folder under ``folder`` (links not followed), or None when too many."""
    rows, newest = [], 0
    # a folder larger or deeper than this is checked every time, not cached
    max_files, max_depth = limit("MAX_CACHE_FOLDER_FILES"), limit("MAX_CACHE_FOLDER_DEPTH")
    stack = [(folder, "", 0)]
    budget = [limit("MAX_STRICT_FOLDER_BYTES")]  # what --strict-cache may still read in this folder
    while stack:
        directory, prefix, depth = stack.pop()
        try:
            items = sorted(os.scandir(directory), key=lambda item: item.name)
        except OSError as exc:
            rows.append([prefix or ".", "unreadable", exc.errno])
            continue
        for item in items:
            name = prefix + item.name
            try:
                if item.is_symlink():
                    target = os.readlink(item.path)
                    try:  # the target's size and date: a replaced target is a change too
                        stat = os.stat(item.path)
                        rows.append([name, "link", target, stat.st_size, stat.st_mtime_ns])
                        newest = max(newest, stat.st_mtime_ns)
                    except OSError:
                        rows.append([name, "link", target])
                elif item.is_dir(follow_symlinks=False):
                    if depth + 1 > max_depth:
                        return None
                    rows.append([name + "/", "folder"])
                    stack.append((Path(item.path), name + "/", depth + 1))
                else:
                    stat = item.stat(follow_symlinks=False)
                    newest = max(newest, stat.st_mtime_ns)
                    stamp = content_stamp(item.path, stat.st_size, stat.st_mtime_ns, budget) \
                        if strict and item.is_file(follow_symlinks=False) else stat.st_mtime_ns
                    rows.append([name, "file", stat.st_size, stamp])
            except OSError as exc:
                rows.append([name, "unreadable", exc.errno])
            if len(rows) > max_files:
                return None
    rows.sort()
    return FolderState(rows, newest)


def entry_row(entry: Entry) -> dict:
    """The entry's own row (title, unit, participants, format, submitted_at, folder …)."""
    row = {}
    for name, value in entry._asdict().items():
        if name != "line":  # where the row stands in the table is not what the checks look at
            row[name] = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
    return row


def check_signature(check: Check) -> str:
    """The check's id, type, raw params and the plugin behind the type, as one digest."""
    return digest({"id": check.id, "type": check.type, "params": check.raw_params,
                   "plugin": plugin_identity(check.type_impl)})


def plugin_identity(check_type: CheckType) -> dict:
    """Where the check type's code comes from: its module, its file's sha256, versions, and what
    the type declares it depends on besides (``CheckType.fingerprint``, ``CheckType.version``)."""
    run = check_type.run
    module = getattr(run, "__module__", None) or type(run).__module__
    path = getattr(run, "__globals__", {}).get("__file__") or getattr(sys.modules.get(module), "__file__", None)
    identity = {"engine": __version__, "module": module}
    if path:
        identity["sha256"] = _source_sha256(str(path))
    if check_type.fingerprint is not None:
        identity["declared"] = check_type.fingerprint()
    version = check_type.version or _distribution_version(module.split(".")[0])
    if version:
        identity["version"] = version
    return identity


def _source_sha256(path: str) -> str:
    try:
        return file_sha256(path)
    except OSError:
        return "unreadable"


@lru_cache(maxsize=None)  # what is installed does not change while the process runs
def _distribution_version(top_level: str) -> str | None:
    """The installed distribution's version for a plugin package (None for built-ins and files)."""
    if top_level.startswith("rubric_engine_plugin_"):  # a plugin file, loaded by path: its sha256 says it
        return None
    from importlib.metadata import PackageNotFoundError, packages_distributions, version

    names = packages_distributions().get(top_level, [])
    try:
        return ",".join(f"{name} {version(name)}" for name in sorted(set(names))) or None
    except PackageNotFoundError:
        return None
