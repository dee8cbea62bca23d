"""Vet a zip-based file (docx, xlsx) by its directory before any library inflates it."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..limits import limit
from ..messages import Message


class UnsafeZip(Exception):
    """Why a zip package is refused: ``message`` is rendered in the language current when shown."""

    def __init__(self, key: str, /, **fields):
        self.message = Message(key, **fields)
        super().__init__(key)

    def __str__(self) -> str:
        return str(self.message)


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
        raise UnsafeZip("checks.zip.invalid", detail=str(exc)) from None
    if len(members) > MAX_MEMBERS:
        raise UnsafeZip("checks.zip.members", count=len(members), cap=MAX_MEMBERS)
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_MEMBER:
            raise UnsafeZip("checks.zip.member", part=member.filename, size=member.file_size)
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise UnsafeZip("checks.zip.ratio", part=member.filename,
                            ratio=member.file_size // max(member.compress_size, 1))
    if total > MAX_TOTAL:
        raise UnsafeZip("checks.zip.total", size=total)
    return members
