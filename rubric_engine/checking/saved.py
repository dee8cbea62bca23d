"""Verdicts pinned in a file: the ``verdicts`` of a ``rubric check --format json`` document.

The file must belong to this rubric (same sha256) and this data (same entries), else a
located error says so: stale verdicts never pass for current ones.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..engine.checks import Verdicts
from ..engine.data import ContestData
from ..errors import DataInputError, Location
from ..extension import Verdict
from ..rubric.model import Rubric


def load_verdicts(path: Path, rubric: Rubric, data: ContestData) -> Verdicts:
    """Every check's verdict on every entry from ``path``, checked against the rubric and data."""
    path = Path(path)
    again = f"write it again: rubric check {rubric.source or 'RUBRIC'} {data.folder or 'DATA'} --output {path}"

    def refuse(message: str, location: Location | None = None, code: str = "verdicts.mismatch"):
        return DataInputError.single(message, location or Location(str(path)), code=code, hint=again)

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise refuse(f"cannot read the verdicts file {path}: {exc.strerror}", code="verdicts.unreadable") from None
    except ValueError as exc:
        line, column = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (0, 0)
        raise refuse(f"{path.name} is not JSON: {exc}", Location(str(path), line, column),
                     code="verdicts.format") from None
    if not isinstance(document, dict) or not isinstance(document.get("verdicts"), dict):
        raise refuse(f"{path.name} has no 'verdicts': it is not the JSON of `rubric check`", code="verdicts.format")
    if document.get("rubric_sha256") != rubric.sha256:
        raise refuse(f"{path.name} holds the verdicts of another rubric (sha256 {str(document.get('rubric_sha256'))[:12]}…"
                     f", not {rubric.sha256[:12]}… of {rubric.source or 'this rubric'})")
    _same_entries(document, data, refuse)
    verdicts: Verdicts = {}
    ids = [e.id for e in data.entries]
    for check in rubric.checks:
        saved = document["verdicts"].get(check.id)
        if not isinstance(saved, dict) or sorted(saved) != sorted(ids):
            raise refuse(f"{path.name} has no verdicts of check {check.id!r} for every entry")
        try:
            verdicts[check.id] = {entry_id: Verdict.from_dict(saved[entry_id]) for entry_id in ids}
        except (TypeError, ValueError, AttributeError) as exc:
            raise refuse(f"{path.name}: a verdict of check {check.id!r} is malformed: {exc}",
                         code="verdicts.format") from None
    return verdicts


def _same_entries(document: dict, data: ContestData, refuse) -> None:
    """The entries (id, title, unit) are those the verdicts were found for, in any order."""
    saved = document.get("entries")
    try:
        theirs = sorted((e["id"], e["title"], e["unit"]) for e in saved)
    except (TypeError, KeyError):
        raise refuse("the verdicts file lists no entries", code="verdicts.format") from None
    ours = sorted((e.id, e.title, e.unit) for e in data.entries)
    if theirs != ours:
        extra = sorted({t[0] for t in theirs} ^ {o[0] for o in ours})
        differ = f" (entries {', '.join(extra[:5])}{' …' if len(extra) > 5 else ''} differ)" if extra else \
            " (titles or units differ)"
        raise refuse(f"the verdicts file was written for other entries than those of {data.folder or 'the data'}"
                     f"{differ}")
