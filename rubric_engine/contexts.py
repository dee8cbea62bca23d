"""The check context as a plugin sees it (part of the public face)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol


class CheckContext(Protocol):
    """The ``context`` argument of a check type's ``run``.

    ``cache`` is for checks to share work on one entry (e.g. a parsed article): keys are
    tuples that start with the entry id.
    """

    rubric: Any
    data: Any
    submissions: Path | None
    cache: dict

    def locate(self, entry: Any) -> tuple[Path | None, str]:
        """(the entry's submission folder or None, how it was found)."""

    def folder_of(self, entry: Any) -> Path | None:
        """The entry's submission folder, or None when there is none to be found."""
