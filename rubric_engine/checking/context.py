"""What a check may look at besides the entry: the rubric, the data, the files."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..data import ContestData, Entry
from ..rubric.model import Rubric


@dataclass
class CheckContext:
    """The ``context`` argument of every check.

    ``cache`` is for checks to share work on one entry (e.g. a parsed article): keys
    are tuples that start with the entry id.
    """

    rubric: Rubric
    data: ContestData
    submissions: Path | None
    cache: dict = field(default_factory=dict)

    def locate(self, entry: Entry) -> tuple[Path | None, str]:
        """(folder, how it was found): see :func:`rubric_engine.inspect.folder.locate`.

        ``submissions/`` is listed once (names only, no file opened), then remembered.
        """
        if self.submissions is None:
            return None, "no submissions folder"
        key = (entry.id, "folder")
        if key not in self.cache:
            from ..inspect.folder import locate, submission_folders

            if ("", "folders") not in self.cache:
                self.cache[("", "folders")] = submission_folders(self.submissions, self.data.entries)
            self.cache[key] = locate(self.submissions, entry, self.cache[("", "folders")])
        return self.cache[key]

    def folder_of(self, entry: Entry) -> Path | None:
        """The entry's submission folder, or None when there is none to be found."""
        return self.locate(entry)[0]
