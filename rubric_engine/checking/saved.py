"""Verdicts pinned in a file: the ``verdicts`` of a ``rubric check --format json`` document.

What is taken from the file is only what cannot be had cheaply: the verdicts of the checks
that read ``submissions/``. The checks that need only the tables (deadline, quota, letter,
the manual checks) run fresh every time, as in a run that checks.

The file must belong to this rubric (same sha256) and this data: the same entries, and each
entry's whole row as it was (``rows_sha256``: the file checks read the row — a title, a unit,
a folder, a format — and a corrected row may change their verdicts). It must also be as
``rubric check`` wrote it: ``verdicts_sha256`` is the sha256 of the rubric's sha256, the rows'
and the verdicts, and a hand edit (a ``fail`` turned ``pass``, a verdict added) no longer
matches it. Without a secret this cannot stop someone who recomputes the sha256 on purpose;
it stops a silent edit, and the results name the file and its sha256 (``verdicts_file``)
so that what was used can be traced. Each refusal is a located error with a hint.

The file is read as untrusted input: a regular file only (a link to one is followed, a FIFO
or a device is refused before it is opened for reading), at most ``MAX_VERDICTS_BYTES``,
its nesting never an internal error.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..engine.checks import Verdicts
from ..data import ContestData
from ..errors import DataInputError, Location
from ..extension import Verdict
from ..io.regular import NotRegular, TooDeep, TooLarge, load_json, read_regular
from ..limits import limit
from ..messages import Message, join
from ..rubric.model import Rubric
from .context import CheckContext
from .fingerprint import digest, entry_row
from .tables import table_verdicts


def from_file(check) -> bool:
    """Whether a saved file gives this check's verdicts (it reads submission folders), or it runs fresh."""
    return bool(check.type_impl.needs_files)


def rows_sha256(data: ContestData) -> dict[str, str]:
    """Each entry's whole row as a sha256 (the row the cache keys by, too)."""
    return {entry.id: digest(entry_row(entry)) for entry in data.entries}


def seal(rubric_sha256: str, rows: dict, verdicts: dict) -> str:
    return digest({"rubric_sha256": rubric_sha256, "rows_sha256": rows, "verdicts": verdicts})


def pins(rubric: Rubric, data: ContestData, verdicts: dict) -> dict:
    """What ``rubric check --output`` writes beside ``verdicts`` so that they can be trusted again."""
    rows = rows_sha256(data)
    return {"rows_sha256": rows, "verdicts_sha256": seal(rubric.sha256, rows, verdicts)}


def load_verdicts(path: Path, rubric: Rubric, data: ContestData) -> Verdicts:
    """Every check's verdict on every entry: the file checks' from ``path`` (checked against the rubric
    and data), the table checks' run now. Sets ``data.verdicts_file`` (path, sha256) for the results."""
    path = Path(path)
    again = Message("verdicts.again", rubric=rubric.source or "RUBRIC", data=data.folder or "DATA",
                    path=path)

    def refuse(key: str, location: Location | None = None, /, **fields):
        message = Message(key, file=path.name, **fields)
        return DataInputError.single(message, location or Location(str(path)), code=message.code, hint=again)

    document, sha256 = _read(path, refuse)
    if not isinstance(document, dict) or not isinstance(document.get("verdicts"), dict):
        raise refuse("verdicts.format:no_verdicts")
    if document.get("rubric_sha256") != rubric.sha256:
        raise refuse("verdicts.mismatch:rubric" if rubric.source else "verdicts.mismatch:this_rubric",
                     theirs=str(document.get("rubric_sha256"))[:12], ours=rubric.sha256[:12], rubric=rubric.source or "")
    if "verdicts_sha256" not in document or not isinstance(document.get("rows_sha256"), dict):
        raise refuse("verdicts.unsealed")
    try:
        sealed = seal(document["rubric_sha256"], document["rows_sha256"], document["verdicts"])
    except (RecursionError, ValueError):
        raise refuse("verdicts.too_deep") from None
    if document["verdicts_sha256"] != sealed:
        raise refuse("verdicts.edited")
    _same_entries(document, data, refuse)
    changed = sorted(entry_id for entry_id, sha in rows_sha256(data).items()
                     if document["rows_sha256"].get(entry_id) != sha)
    if changed:
        raise refuse("verdicts.rows_changed", entries=join(changed[:5]), more=" …" if len(changed) > 5 else "")
    verdicts: Verdicts = {}
    ids = [e.id for e in data.entries]
    context = CheckContext(rubric, data, data.submissions)
    for check in rubric.checks:
        if not from_file(check):
            verdicts[check.id] = table_verdicts(check, context, lambda: None)
            continue
        saved = document["verdicts"].get(check.id)
        if not isinstance(saved, dict) or sorted(saved) != sorted(ids):
            raise refuse("verdicts.mismatch:check", check=check.label)
        try:
            verdicts[check.id] = {entry_id: Verdict.from_dict(saved[entry_id]) for entry_id in ids}
        except (TypeError, ValueError, AttributeError, RecursionError) as exc:
            raise refuse("verdicts.format:verdict", check=check.label, detail=exc) from None
    data.verdicts_file = {"path": str(path), "sha256": sha256}
    return verdicts


def _read(path: Path, refuse):
    """(the parsed document, the file's sha256), or a located refusal."""
    bound = limit("MAX_VERDICTS_BYTES")
    try:
        raw = read_regular(path, bound, follow=True)  # the organiser named it: a link to a file is fine
    except NotRegular as exc:
        raise refuse("verdicts.not_regular", kind=Message("terminal.output.kind." + exc.kind)) from None
    except TooLarge as exc:
        raise refuse("verdicts.too_large", size=exc.size, bound=bound, variable="RUBRIC_MAX_VERDICTS_BYTES") from None
    except OSError as exc:
        raise refuse("verdicts.unreadable", path=path, reason=exc.strerror or exc) from None
    try:
        return load_json(raw), hashlib.sha256(raw).hexdigest()
    except TooDeep:
        raise refuse("verdicts.too_deep") from None
    except ValueError as exc:
        line, column = (exc.lineno, exc.colno) if hasattr(exc, "lineno") else (0, 0)
        raise refuse("verdicts.format:json", Location(str(path), line, column), detail=exc) from None


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
