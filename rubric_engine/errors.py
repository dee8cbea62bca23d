"""Error and finding types. Every problem carries a location in the user's text.

A ``Problem`` is data (``to_dict()``) so that every output format renders the same
facts; ``RubricInputError`` carries a list of problems so that all of them are
reported, not only the first.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable

from .messages import Message
from .messages import text as _text


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column; ``line == 0`` means the whole file."""

    file: str
    line: int = 0
    column: int = 0
    length: int = 1
    source_line: str | None = None
    column_name: str | None = None  # for tables: the header of the cell

    def __str__(self) -> str:
        if not self.line:
            return self.file
        if not self.column:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def to_dict(self) -> dict:
        data = {"file": self.file, "line": self.line, "column": self.column}
        if self.column_name:
            data["column_name"] = self.column_name
        return data


@dataclass(frozen=True)
class Problem:
    """One error or warning about the user's input."""

    severity: str  # "error" | "warning" | "note"
    code: str
    message: str | Message  # a Message is rendered in the language current when shown
    location: Location | None = None
    hint: str | Message | None = None

    @classmethod
    def of(cls, severity: str, key: str, location: Location | None = None, /, **fields) -> "Problem":
        """A problem from the catalogue: code, message and hint (``key.hint``) all from ``key``."""
        message = Message(key, **fields)
        return cls(severity, message.code, message, location, message.hint())

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def text(self) -> str:
        return str(self.message)

    @property
    def hint_text(self) -> str | None:
        return None if self.hint is None else str(self.hint)

    def headline(self) -> str:
        where = f"{self.location}: " if self.location else ""
        column = ""
        if self.location and self.location.column_name:
            column = _text("problem.column", column=self.location.column_name)
        return _text("problem.headline", where=where, severity=_text("severity." + self.severity),
                     message=self.text, column=column)

    def render(self) -> str:
        """``file:line:col: severity: message`` + the source line with a caret + hint."""
        lines = [self.headline()]
        loc = self.location
        if loc and loc.source_line is not None and loc.column:
            text = loc.source_line.rstrip("\n")
            column = loc.column
            if len(text) > 100:  # show a window around the caret
                start = max(0, column - 60)
                text, column = text[start : start + 100], column - start
            lines.append("    " + text)
            prefix = "".join("\t" if ch == "\t" else " " * _display_width(ch)
                             for ch in text[: column - 1])
            width = _display_width(text[column - 1 : column - 1 + max(loc.length, 1)])
            lines.append("    " + prefix + "^" * max(width, 1))
        if self.hint:
            lines.append("    " + _text("problem.hint", hint=self.hint_text))
        return "\n".join(lines)

    def to_dict(self) -> dict:
        data = {"severity": self.severity, "code": self.code, "message": self.text}
        if self.location:
            data["location"] = self.location.to_dict()
        if self.hint:
            data["hint"] = self.hint_text
        return data

    def __str__(self) -> str:
        return self.headline()


def _display_width(text: str) -> int:
    """Terminal width of ``text``: CJK characters take two cells."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class RubricEngineError(Exception):
    """Base class: something the user can fix. Never shown with a traceback."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.headline() for p in self.problems))

    @classmethod
    def single(cls, message: str | Message, location: Location | None = None, *, code: str = "error",
               hint: str | Message | None = None) -> "RubricEngineError":
        return cls([Problem("error", code, message, location, hint)])

    @classmethod
    def of(cls, key: str, location: Location | None = None, /, **fields) -> "RubricEngineError":
        """One error from the catalogue (see :meth:`Problem.of`)."""
        return cls([Problem.of("error", key, location, **fields)])


class RubricInputError(RubricEngineError):
    """The rubric file is broken."""


class DataInputError(RubricEngineError):
    """A data file (entries, scores, votes, units, checks) is broken."""


class PluginError(RubricEngineError):
    """A plugin failed to load or registered something wrong."""


@dataclass
class ExpressionError(Exception):
    """An error inside one embedded expression; offsets are relative to its text.

    The rubric loader turns it into a ``Problem`` located in the YAML file.
    """

    message: str
    line: int = 1  # 1-based, within the expression text
    column: int = 1  # 1-based, within the expression text
    length: int = 1
    hint: str | None = None
    code: str = "expression"

    def __str__(self) -> str:
        return self.message


def did_you_mean(word: str, choices: Iterable[str]) -> Message | None:
    """A ``did you mean 'x'?`` hint, or None when nothing is close."""
    choices = sorted(set(choices))
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return Message("hint.did_you_mean", word=close[0]) if close else None


@dataclass
class ProblemList:
    """Collects problems while a file is checked, so that all are reported at once."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, message: str | Message, location: Location | None = None, *, code: str = "error",
              hint: str | Message | None = None) -> None:
        self.problems.append(Problem("error", code, message, location, hint))

    def warning(self, message: str | Message, location: Location | None = None, *, code: str = "warning",
                hint: str | Message | None = None) -> None:
        self.problems.append(Problem("warning", code, message, location, hint))

    def add(self, severity: str, key: str, location: Location | None = None, /, **fields) -> None:
        """A problem from the catalogue: ``problems.add("error", "data.column.missing", where, column=...)``."""
        self.problems.append(Problem.of(severity, key, location, **fields))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def raise_if_errors(self, error_type: type[RubricEngineError]) -> None:
        if self.errors:
            raise error_type(self.problems)


class ParamError(ValueError):
    """Raised by a plugin's ``prepare`` for a bad parameter; the host locates it.

    ``key`` names the parameter (a dotted path for nested ones); ``offset`` is a
    (line, column) inside the parameter's expression text, when there is one.
    """

    def __init__(self, message: str, key: str | None = None, hint: str | None = None,
                 offset: tuple[int, int] | None = None, length: int = 1):
        super().__init__(message)
        self.message, self.key, self.hint, self.offset, self.length = message, key, hint, offset, length
