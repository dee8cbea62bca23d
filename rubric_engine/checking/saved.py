"""Verdicts pinned in a file: the ``verdicts`` of a ``rubric check --format json`` document.

The file must belong to this rubric (same sha256) and this data (same entries), else a
located error says so: stale verdicts never pass for current ones.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..engine.checks import Verdicts
from ..data import ContestData
from ..errors import DataInputError, Location
from ..extension import Verdict
from ..messages import Message, join
from ..rubric.model import Rubric


def load_verdicts(path: Path, rubric: Rubric, data: ContestData) -> Verdicts:
    """Every check's verdict on every entry from ``path``, checked against the rubric and data."""
    path = Path(path)
    again = Message("verdicts.again", rubric=rubric.source or "RUBRIC", data=data.folder or "DATA",
                    path=path)

    def refuse(key: str, location: Location | None = None, /, **fields):
        message = Message(key, file=path.name, **fields)
        return DataInputError.single(message, location or Location(str(path)), code=message.code, hint=again)

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise refuse("verdicts.unreadable", path=path, reason=exc.strerror) from None
    except ValueError as exc:
        line, column = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (0, 0)
        raise refuse("verdicts.format:json", Location(str(path), line, column), detail=exc) from None
    if not isinstance(document, dict) or not isinstance(document.get("verdicts"), dict):
        raise refuse("verdicts.format:no_verdicts")
    if document.get("rubric_sha256") != rubric.sha256:
        raise refuse("verdicts.mismatch:rubric" if rubric.source else "verdicts.mismatch:this_rubric",
                     theirs=str(document.get("rubric_sha256"))[:12], ours=rubric.sha256[:12], rubric=rubric.source or "")
    _same_entries(document, data, refuse)
    verdicts: Verdicts = {}
    ids = [e.id for e in data.entries]
    for check in rubric.checks:
        saved = document["verdicts"].get(check.id)
        if not isinstance(saved, dict) or sorted(saved) != sorted(ids):
            raise refuse("verdicts.mismatch:check", check=check.label)
        try:
            verdicts[check.id] = {entry_id: Verdict.from_dict(saved[entry_id]) for entry_id in ids}
        except (TypeError, ValueError, AttributeError) as exc:
            raise refuse("verdicts.format:verdict", check=check.label, detail=exc) from None
    return verdicts


def _same_entries(document: dict, data: ContestData, refuse) -> None:
    """The entries (id, title, unit) are those the verdicts were found for, in any order."""
    saved = document.get("entries")
    try:
        theirs = sorted((e["id"], e["title"], e["unit"]) for e in saved)
    except (TypeError, KeyError):
        raise refuse("verdicts.format:no_entries") from None
    ours = sorted((e.id, e.title, e.unit) for e in data.entries)
    if theirs != ours:
        extra = sorted({t[0] for t in theirs} ^ {o[0] for o in ours})
        data_name = data.folder or Message("verdicts.the_data")
        if extra:
            raise refuse("verdicts.mismatch:entries", data=data_name, entries=join(extra[:5]),
                         more=" …" if len(extra) > 5 else "")
        raise refuse("verdicts.mismatch:titles", data=data_name)
