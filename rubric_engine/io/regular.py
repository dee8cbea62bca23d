"""Reading a JSON file the engine once wrote (a verdict cache file, a saved verdicts file) as
untrusted input: a regular file only, bounded in size, its nesting never an internal error.

The file is opened with ``O_NONBLOCK`` (a FIFO cannot hang the open or the read) and, unless
``follow``, ``O_NOFOLLOW`` (a link is refused, not read through); what was opened is then
checked with ``fstat``: a FIFO, a device (``/dev/zero``), a socket or a folder is refused
before a byte is read, and a file larger than ``max_bytes`` is refused without reading it.
"""
from __future__ import annotations

import json
import os
import stat

_KINDS = {stat.S_ISFIFO: "fifo", stat.S_ISCHR: "char_device", stat.S_ISBLK: "block_device",
          stat.S_ISSOCK: "socket", stat.S_ISDIR: "directory"}


class NotRegular(OSError):
    """Not a regular file: ``kind`` is a key of ``terminal.output.kind.*`` (``link`` for a refused link)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class TooLarge(OSError):
    def __init__(self, size: int, bound: int):
        super().__init__(f"{size} bytes, more than {bound}")
        self.size, self.bound = size, bound


class TooDeep(ValueError):
    """JSON nested deeper than the parser can follow."""


def read_regular(path: str | os.PathLike, max_bytes: int, *, follow: bool = False) -> bytes:
    """The bytes of the regular file ``path`` (at most ``max_bytes``), or NotRegular / TooLarge / OSError."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow:
        if os.path.islink(path):
            raise NotRegular("link")
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        for test, kind in _KINDS.items():
            if test(info.st_mode):
                raise NotRegular(kind)
        if info.st_size > max_bytes:
            raise TooLarge(info.st_size, max_bytes)
        chunks, total = [], 0
        while True:  # the size may grow while it is read: never past the bound
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise TooLarge(total, max_bytes)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_json(raw: bytes):
    """``json.loads``; a nesting too deep for the parser is :class:`TooDeep`, not a RecursionError."""
    try:
        return json.loads(raw)
    except RecursionError:
        raise TooDeep("nested too deeply") from None
