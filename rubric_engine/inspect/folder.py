"""An entry's submission folder: its files, listed safely and sorted into kinds."""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..limits import limit
from ..messages import Message

PHOTO = {"jpg", "jpeg", "png", "bmp", "tif", "tiff", "gif", "webp", "heic"}
WORD = {"docx", "doc", "wps"}
PDF = {"pdf"}
VIDEO = {"mp4", "avi", "flv", "swf", "mov", "wmv", "mkv", "m4v", "3gp", "mpg", "mpeg", "rmvb", "webm", "f4v"}
IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
LETTER_WORDS = ("推荐函", "推荐信")


@dataclass(frozen=True)
class SubmittedFile:
    path: Path
    name: str  # relative to the entry's folder
    extension: str  # lower case, no dot
    size: int

    @property
    def kind(self) -> str:
        if any(word in self.path.stem for word in LETTER_WORDS):
            return "letter"
        for kind, extensions in (("photo", PHOTO), ("word", WORD), ("pdf", PDF), ("video", VIDEO)):
            if self.extension in extensions:
                return kind
        return "other"


@dataclass
class Listing:
    files: list[SubmittedFile] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # symlinks leaving the folder, too many files
    incomplete: list[str] = field(default_factory=list)  # why some files could not be looked at

    @property
    def complete(self) -> bool:
        """False when files may be missing from the listing (too many, an unreadable folder)."""
        return not self.incomplete

    def of_kind(self, kind: str) -> list[SubmittedFile]:
        return [f for f in self.files if f.kind == kind]


def list_folder(folder: Path) -> Listing:
    """Every regular file under ``folder`` (a few levels deep), never following a link out."""
    listing = Listing()
    max_files, max_depth = limit("MAX_FOLDER_FILES"), limit("MAX_FOLDER_DEPTH")
    root = None  # resolved only when a link is met (most folders have none)
    stack = [(folder, 0)]
    while stack:
        directory, depth = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            reason = Message("checks.listing.unreadable", name=display_name(directory.name), reason=exc.strerror)
            listing.skipped.append(reason)
            listing.incomplete.append(reason)
            continue
        for entry in entries:
            path = Path(entry.path)
            relative = display_name(path.relative_to(folder).as_posix())  # shown; ``path`` opens it
            if entry.name.lower() in IGNORED_NAMES or entry.name.startswith(("._", "~$")) or entry.name == "__MACOSX":
                continue
            if entry.is_symlink():
                target, root = path.resolve(), root or folder.resolve()
                if root not in target.parents:
                    listing.skipped.append(Message("checks.listing.link_out", name=relative))
                    continue
            if entry.is_dir(follow_symlinks=False):
                if depth + 1 < max_depth:
                    stack.append((path, depth + 1))
                continue
            if not entry.is_file():
                continue
            if len(listing.files) >= max_files:
                reason = Message("checks.listing.too_many", count=max_files)
                listing.skipped.append(reason)
                listing.incomplete.append(reason)
                listing.files.sort(key=lambda f: f.name)
                return listing
            extension = path.suffix.lower().lstrip(".")
            listing.files.append(SubmittedFile(path, relative, extension, entry.stat().st_size))
    listing.files.sort(key=lambda f: f.name)
    return listing


def display_name(name: str) -> str:
    """A file name as it can be shown and written anywhere: undecodable bytes (a GBK name on a
    UTF-8 system arrives as surrogate escapes) become U+FFFD."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "replace")


def normalise_name(text: str) -> str:
    """Compare folder names the way a person does: full-width ＋ is +, spaces do not matter."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())


def expected_folder_name(entry) -> str:
    return f"{entry.title}+{entry.unit}+{entry.participants}"


class SubmissionFolders(list):
    """The entry folders inside ``submissions/`` as (path, normalised name), and ``owners``: the
    normalised name of each entry's own folder (its ``folder`` column, else its expected name) →
    that entry's id, so that no other entry's folder is taken for a guess. ``by_name``: normalised
    name → the first such folder, so that finding an entry's exact folder is one look-up, not a
    scan of every folder (a scan per entry made the first check quadratic in entries)."""

    owners: dict[str, str]
    by_name: dict[str, Path]

    def __init__(self, folders=(), owners=None):
        super().__init__(folders)
        self.owners = dict(owners or {})
        self.by_name = {}
        for path, name in self:
            self.by_name.setdefault(name, path)


def submission_folders(submissions: Path, entries=()) -> SubmissionFolders:
    """The entry folders inside ``submissions`` with their normalised names (links out skipped);
    ``entries`` (all the contest's) tell whose exact folder each name is."""
    owners: dict[str, str] = {}
    for entry in entries:
        owners.setdefault(normalise_name(entry.folder or expected_folder_name(entry)), entry.id)
    try:
        root = submissions.resolve()  # once, not once per folder
        return SubmissionFolders([(Path(item.path), normalise_name(item.name))
                                  for item in sorted(os.scandir(submissions), key=lambda item: item.name)
                                  if _is_entry_folder(item, root)], owners)
    except OSError:
        return SubmissionFolders([], owners)


def _is_entry_folder(item: os.DirEntry, root: Path) -> bool:
    """A folder of ``submissions/``; a link only when it stays inside (resolved only then)."""
    try:
        if not item.is_dir():
            return False
    except OSError:
        return False
    return not item.is_symlink() or _inside(root, Path(item.path), resolved_root=root)


def _hints(entry) -> list[str]:
    """The unit and each participant, normalised: a guessed folder must name one of them."""
    people = entry.participants or ""
    for separator in ("，", ",", "；", ";", "/", "／", " "):
        people = people.replace(separator, "、")
    return [h for h in (normalise_name(x) for x in [entry.unit or "", *people.split("、")]) if h]


def locate(submissions: Path, entry, folders: list[tuple[Path, str]] | None = None) -> tuple[Path | None, str]:
    """Find the entry's folder: ``entries.folder``, else the expected name, else a guess: the unique
    folder that starts with the title or holds the entry id, **and** names the entry's unit or one of
    its participants, and is not another entry's own folder (a title prefix shared by two entries
    must not judge one on the other's files). Returns (path, how)."""
    if entry.folder:
        path = submissions / entry.folder
        return (path, "folder column") if path.is_dir() and _inside(submissions, path) else (None, "folder column")
    if folders is None:
        folders = submission_folders(submissions)
    expected = normalise_name(expected_folder_name(entry))
    by_name = getattr(folders, "by_name", None)
    found = by_name.get(expected) if by_name is not None else next((p for p, n in folders if n == expected), None)
    if found is not None:
        return found, "exact"
    owners = getattr(folders, "owners", {})
    title = normalise_name(entry.title)
    hints = _hints(entry)
    guesses = [(p, name) for p, name in folders
               if (name.startswith(title) or entry.id in p.name) and owners.get(name, entry.id) == entry.id
               and any(h in name[len(title):] if name.startswith(title) else h in name for h in hints)]
    if len(guesses) == 1:
        return guesses[0][0], "guessed"
    return None, "ambiguous" if guesses else "missing"


def _inside(root: Path, path: Path, resolved_root: Path | None = None) -> bool:
    resolved_root = resolved_root or root.resolve()
    return path.resolve() == resolved_root or resolved_root in path.resolve().parents
