"""Text and tables laid out by display width, never splitting an id or a number (issue 17, deliver 6).

Rich breaks lines only at spaces and, when a table is too wide, shrinks every column alike —
an id ``E055`` then prints as ``E05`` / ``5``, a Chinese sentence runs past the edge. Here a
text is cut into *atoms* that a line break never enters: a run of Latin letters, digits and
signs (``E055``, ``800–1200``, ``2018-10-26``, ``sha256``), a number with the one Chinese unit
character beside it (``8 秒``, ``第 20 名``), a Chinese character with the closing mark after it
(``。``, ``）``) or the opening mark before it (``（``, ``「``). Lines are filled atom by atom by
display width (a CJK character takes two columns). :class:`FittedTable` gives each column at
least its widest atom and shrinks the widest text columns first, so the table fits the
terminal; only a terminal narrower than the widest atoms would need more.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable, Sequence

# rich.text and rich.measure are imported where a table is drawn: `--help` wraps its text here
# and must not pay for them
from rich.cells import cell_len

CLOSING = set("，。、；：？！）」』”’》〉】…,.;:?!)%]")
OPENING = set("（「『“‘《〈【([")
_WIDE = "WF"
GLUE_MAX = 16  # a number glued to its units stays one atom up to this width
MIN_CAP = 24  # an atom wider than this (a long path) may still be folded


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in _WIDE


def _word_char(char: str) -> bool:
    """Part of a Latin run: not a space, not a wide (CJK) character, not a CJK mark."""
    return char not in (" ", "\n", "\t", ",") and not _wide(char)


_NUMBER_END = re.compile(r"\d$")
_NUMBER_START = re.compile(r"^\d")


def atoms(text: str) -> list[str]:
    """``text`` as the pieces a line break may go between (spaces are pieces of their own)."""
    pieces: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == " ":
            j = i
            while j < n and text[j] == " ":
                j += 1
            pieces.append(text[i:j])
            i = j
        elif _wide(char) or char in CLOSING or char in OPENING:
            pieces.append(char)
            i += 1
        else:
            j = i
            while j < n and _word_char(text[j]):
                j += 1
            if j == i:
                j = i + 1
            pieces.append(text[i:j])
            i = j
    return _glue(pieces)


def _glue(pieces: list[str]) -> list[str]:
    """Closing marks to the atom before, opening marks to the atom after, a number and its unit together."""
    glued: list[str] = []
    pending = ""  # opening marks waiting for the next atom
    for piece in pieces:
        if piece in OPENING:
            pending += piece
            continue
        if piece[0] in CLOSING and glued and glued[-1] != " " * len(glued[-1]) and not pending:
            glued[-1] += piece
            continue
        glued.append(pending + piece)
        pending = ""
    if pending:
        glued.append(pending)
    # "8 秒", "第 20 名", "3 分 8 秒": a single space between a number and a lone CJK character does not break
    out: list[str] = []
    for piece in glued:
        if (len(out) >= 2 and out[-1] == " " and cell_len(out[-2] + piece) < GLUE_MAX and
                ((_NUMBER_END.search(out[-2]) and _wide(piece[0]))
                 or (_NUMBER_START.match(piece) and _wide(out[-2][-1])))):
            out.pop()
            out[-1] += " " + piece
            continue
        out.append(piece)
    return out


def widest_atom(text: str) -> int:
    return max((cell_len(a) for line in text.split("\n") for a in atoms(line) if a.strip()), default=0)


def _split_atom(atom: str, width: int) -> list[str]:
    parts, part = [], ""
    for char in atom:
        if part and cell_len(part + char) > width:
            parts.append(part)
            part = ""
        part += char
    return parts + ([part] if part else [])


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken only between atoms (an atom wider than
    the line alone is cut, the last resort)."""
    width = max(width, 1)
    if "\n" in text:
        return [line for part in text.split("\n") for line in wrap(part, width)]
    lines, line = [], ""
    for atom in atoms(text):
        if atom.strip() == "":
            if line and cell_len(line + atom) <= width:
                line += atom
            elif line:
                lines.append(line.rstrip())
                line = ""
            continue
        if cell_len(line + atom) <= width:
            line += atom
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        if cell_len(atom) > width:
            *full, atom = _split_atom(atom, width)
            lines.extend(full)
        line = atom
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


class Wrapped:
    """A cell or paragraph wrapped by :func:`wrap` at the width it is given; Rich measures it at
    its widest atom (at least) and its longest line (at most)."""

    def __init__(self, text: Any, style: str = "", justify: str = "left"):
        self.text = "" if text is None else str(text)  # already made visible (terminal.visible_lines)
        self.style, self.justify = style, justify

    def __rich_console__(self, console, options):
        from rich.text import Text

        for line in wrap(self.text, options.max_width):
            yield Text(line, style=self.style, justify=self.justify, no_wrap=True, overflow="crop",
                       end="\n")

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        widest = max((cell_len(line) for line in self.text.split("\n")), default=0)
        return Measurement(min(widest_atom(self.text), MIN_CAP), widest).with_maximum(options.max_width)


def header_min(header: str, lines: int = 2) -> int:
    """The narrowest a header may be: its longest Latin word; a Chinese header in ``lines`` lines at most."""
    words = [w for w in re.split(r"\s+", header) if w]
    latin = max((cell_len(w) for w in words if not any(_wide(c) for c in w)), default=0)
    wide = max((cell_len(w) for w in words if any(_wide(c) for c in w)), default=0)
    part = -(-wide // lines)
    return max(latin, part + part % 2, 1)


def fit_widths(minimum: Sequence[int], natural: Sequence[int], available: int) -> list[int]:
    """Column widths within ``available``: natural when they fit, else the widest text columns shrunk
    first (never below ``minimum``)."""
    widths = [max(n, m) for n, m in zip(natural, minimum)]
    excess = sum(widths) - available
    while excess > 0:
        slack = [(w, i) for i, (w, m) in enumerate(zip(widths, minimum)) if w > m]
        if not slack:
            break
        widest, i = max(slack)
        others = [w for w, j in slack if j != i]
        target = max(minimum[i], max(others, default=minimum[i]), widest - excess)
        if target >= widest:
            target = widest - 1
        excess -= widest - target
        widths[i] = target
    return widths


class FittedTable:
    """A Rich table whose column widths are chosen here for the width it is printed at (see the module)."""

    def __init__(self, title: str | None, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
                 numeric: Sequence[bool] | None = None, whole: Sequence[bool] | None = None,
                 styles: Sequence[Sequence[str]] | None = None, clean=str, **table):
        """``clean``: what makes data text safe to print (``terminal.visible_lines``: controls escaped)."""
        self.title = clean(title) if title else title
        self.headers = [clean(str(h)) for h in headers]
        self.rows = [["" if v is None else clean(str(v)) for v in row] for row in rows]
        self.numeric = list(numeric) if numeric is not None else [False] * len(self.headers)
        # whole: a column whose lines are never broken (numbers; names and lists one item a line)
        self.whole = [n or (whole[i] if whole is not None else False) for i, n in enumerate(self.numeric)]
        self.styles = styles
        self.table = table

    def _measure(self, i: int, header_lines: int = 2) -> tuple[int, int]:
        values = [row[i] for row in self.rows]
        lines = [line for v in values for line in v.split("\n")]
        natural = max([cell_len(line) for line in lines] + [cell_len(self.headers[i])])
        if self.whole[i]:  # a number, a name, a list's item: one atom however it is written
            values_min = max((cell_len(line) for line in lines), default=0)
        else:
            values_min = max((widest_atom(v) for v in values), default=0)
        header = header_min(self.headers[i], header_lines) if header_lines else 1
        return max(min(values_min, MIN_CAP), header), natural

    def __rich_console__(self, console, options):
        from rich.table import Table
        from rich.text import Text

        table = Table(title=Text(self.title) if self.title else None, title_justify="left", **self.table)
        for i, header in enumerate(self.headers):
            table.add_column(Wrapped(header, justify="right" if self.numeric[i] else "left"),
                             justify="right" if self.numeric[i] else "left")
        padding = sum(table._get_padding_width(i) for i in range(len(self.headers)))  # noqa: SLF001
        available = options.max_width - table._extra_width - padding  # noqa: SLF001
        for header_lines in (2, 3, 4, None):  # headers in two lines, or more; last, a header word may fold
            measured = [self._measure(i, header_lines) for i in range(len(self.headers))]
            if sum(m for m, _ in measured) <= available:
                break
        widths = fit_widths([m for m, _ in measured], [n for _, n in measured], available)
        for column, width in zip(table.columns, widths):
            column.width = width
        for r, row in enumerate(self.rows):
            cells = []
            for i, value in enumerate(row):
                style = self.styles[r][i] if self.styles else ""
                cells.append(Wrapped(value, style, "right" if self.numeric[i] else "left"))
            table.add_row(*cells)
        yield table
