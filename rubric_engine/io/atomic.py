"""Writing an output file atomically: a temporary file in the same folder, then rename.

Where ``--output`` may point (decided here, documented in the README):

- never at one of the contest's own inputs: the rubric, any file of the data folder, anything
  under its ``submissions/`` or ``.rubric-cache/``, a ``--verdicts`` file — compared after
  following links, and by inode, so a hard link or a ``..`` path is caught too;
- a symlink is followed: its target is replaced atomically and the link stays (a link that
  points nowhere is refused, as it would create a file somewhere the user did not name);
- a FIFO, a device, a socket or a directory is refused;
- nor at a file of the ``--template`` folder, or a plugin file the rubric names (``plugins:``);
- ``-``, ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N`` and ``/proc/self/fd/N`` name a descriptor
  the shell opened: the bytes are written to it, never by replacing what it points to (with
  ``>> log`` the log keeps its earlier lines);
- a new file gets the mode the umask gives (``0o666 & ~umask``); a replaced file keeps its own
  mode (a 0600 audit page stays 0600).

A temporary file is removed whatever stops the write (an error, Ctrl-C, SIGTERM turned into
an exception by the CLI).
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable, Optional

from ..messages import text

# what a non-regular file is, by the key of its name in the catalogue (terminal.output.kind.*)
_KINDS = {stat.S_ISFIFO: "fifo", stat.S_ISCHR: "char_device", stat.S_ISBLK: "block_device",
          stat.S_ISSOCK: "socket", stat.S_ISDIR: "directory"}


class OutputRefused(ValueError):
    """``--output`` names a place the engine will not write to; the message says why (current language)."""


_STANDARD = {"-": 1, "/dev/stdout": 1, "/dev/stderr": 2}


def descriptor(path: Path | str) -> Optional[int]:
    """The open descriptor that ``path`` names as written on the command line, or None for a file."""
    name = str(path)
    if name in _STANDARD:
        return _STANDARD[name]
    for prefix in ("/dev/fd/", "/proc/self/fd/"):
        if name.startswith(prefix) and name[len(prefix):].isdigit():
            return int(name[len(prefix):])
    return None


def _identity(path: Path) -> Optional[tuple[int, int]]:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def output_target(path: Path) -> Path:
    """The file that writing ``path`` replaces: the path itself, or a symlink's final target."""
    path = Path(path)
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise OutputRefused(text("terminal.output.dangling_link", target=os.readlink(path)))
        return target
    return path


def check_target(path: Path, *, rubric: Optional[Path] = None, data: Optional[Path] = None,
                 others: Iterable[Path] = ()) -> Path:
    """The file to write for ``--output path``, or :class:`OutputRefused` saying why not.

    ``others`` are further inputs of the command; a folder among them (``--template DIR``) covers
    every file inside it. The plugin files ``rubric`` names are inputs too."""
    if descriptor(path) is not None:
        return Path(path)
    target = output_target(path)
    try:
        info = target.stat()
    except OSError:
        info = None
    if info is not None:
        for test, kind in _KINDS.items():
            if test(info.st_mode):
                raise OutputRefused(text("terminal.output.not_regular", kind=text("terminal.output.kind." + kind)))
    resolved = Path(os.path.realpath(target))
    identity = _identity(target)
    inputs: list[tuple[Path, str]] = []
    if rubric is not None:
        inputs.append((Path(rubric), text("terminal.output.what.rubric")))
    for other in map(Path, others):
        if other.is_dir():
            if resolved.is_relative_to(os.path.realpath(other)):
                raise OutputRefused(text("terminal.output.in_folder", folder=other))
        else:
            inputs.append((other, text("terminal.output.what.other")))
    if rubric is not None:
        inputs += [(plugin, text("terminal.output.what.plugin")) for plugin in _rubric_plugins(Path(rubric))]
    if data is not None and Path(data).is_dir():
        data = Path(data)
        for folder_name in ("submissions", ".rubric-cache"):
            folder = Path(os.path.realpath(data / folder_name))
            if folder.is_dir() and resolved.is_relative_to(folder):
                raise OutputRefused(text("terminal.output.in_submissions", folder=data / folder_name))
        try:
            children = [child for child in data.iterdir() if child.is_file()]
        except OSError:
            children = []
        inputs += [(child, text("terminal.output.what.data")) for child in children]
    for candidate, what in inputs:
        same = Path(os.path.realpath(candidate)) == resolved
        if not same and identity is not None:
            same = _identity(candidate) == identity
        if same:
            raise OutputRefused(text("terminal.output.is_input", what=what, path=candidate))
    return target


def _rubric_plugins(rubric: Path) -> list[Path]:
    """The plugin files the rubric names (beside it), read leniently: a broken rubric is reported
    by its loading later, not here."""
    from ..errors import RubricEngineError
    from ..limits import limit
    from ..rubric.yaml_source import load_yaml

    try:
        if not rubric.is_file() or rubric.stat().st_size > limit("MAX_RUBRIC_BYTES"):
            return []
        data = load_yaml(rubric.read_bytes(), str(rubric)).data
        items = data.get("plugins") if isinstance(data, dict) else None
        names = [item.get("path") if isinstance(item, dict) else item for item in items or []]
        return [rubric.parent / name for name in names if isinstance(name, str)]
    except (RubricEngineError, OSError, ValueError):
        return []


def _write_descriptor(fd: int, data: bytes) -> None:
    """All of ``data`` on the open descriptor ``fd`` (stdout and stderr through Python's own streams)."""
    import sys

    stream = {1: sys.stdout, 2: sys.stderr}.get(fd)
    if stream is not None:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
        return
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _mode_for(path: Path) -> int:
    """The replaced file's own mode, or for a new file what the umask allows of 0o666."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        pass
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes) -> None:
    """Either the whole new file is at ``path`` afterwards, or the old state is untouched.

    A symlink at ``path`` is followed: the file it points to is replaced, the link stays.
    A descriptor's name (``-``, ``/dev/stdout``, see :func:`descriptor`) is written to, not replaced.
    """
    fd = descriptor(path)
    if fd is not None:
        _write_descriptor(fd, data)
        return
    path = output_target(Path(path))
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
