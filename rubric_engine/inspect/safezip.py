"""Vet a zip-based file (docx, xlsx) by its directory before any library inflates it."""
from __future__ import annotations

import zipfile
from pathlib import Path

MAX_MEMBERS = 2000
MAX_TOTAL = 200 * 1024 * 1024  # uncompressed bytes, all members
MAX_MEMBER = 100 * 1024 * 1024
MAX_RATIO = 200  # uncompressed ÷ compressed, for members over 1 MB uncompressed


class UnsafeZip(Exception):
    pass


def vet_zip(path: Path) -> None:
    """Raise UnsafeZip when the file is not a zip or looks like a zip bomb."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeZip(f"not a valid zip package ({exc})") from None
    if len(members) > MAX_MEMBERS:
        raise UnsafeZip(f"{len(members)} parts inside, more than {MAX_MEMBERS}")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_MEMBER:
            raise UnsafeZip(f"part {member.filename} unpacks to {member.file_size} bytes")
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise UnsafeZip(f"part {member.filename} is compressed {member.file_size // max(member.compress_size, 1)}:1 "
                            "(a zip bomb?)")
    if total > MAX_TOTAL:
        raise UnsafeZip(f"unpacks to {total} bytes in all")
