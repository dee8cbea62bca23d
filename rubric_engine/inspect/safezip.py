"""Vet a zip-based file (docx, xlsx) by its directory before any library inflates it."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..limits import limit


class UnsafeZip(Exception):
    pass


def vet_zip(path: Path | bytes) -> list[zipfile.ZipInfo]:
    """Raise UnsafeZip when the file (a path, or its bytes) is not a zip or looks like a zip bomb.

    The bounds are ``MAX_ZIP_*`` of :mod:`rubric_engine.limits`; returns the parts.
    """
    MAX_MEMBERS, MAX_TOTAL = limit("MAX_ZIP_MEMBERS"), limit("MAX_ZIP_TOTAL")
    MAX_MEMBER, MAX_RATIO = limit("MAX_ZIP_MEMBER"), limit("MAX_ZIP_RATIO")
    try:
        with zipfile.ZipFile(io.BytesIO(path) if isinstance(path, (bytes, bytearray)) else path) as archive:
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
    return members
