"""``rubric check`` on a terminal: one line per entry by default, or the grid of every check.

The line view fits the console's width (80 columns and up): the id, the 作品名称 shortened
with an ellipsis by display width (a CJK character takes two columns), 规范性, then the
labels of the checks that failed (✗) or need a person (?). ``--grid`` shows every check as a
short numbered column with a legend, then the reasons; ``--only-problems`` keeps the entries
with a failure or an open review.
"""
from __future__ import annotations

from typing import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.table import Table
from rich.text import Text

from ..messages import text
from . import tabular
from .terminal import cell, visible, visible_lines

MARKS = {"pass": "✓", "fail": "✗", "waived": "~", "review": "?", "not_run": "–", "unrecorded": "○"}
# the grid: "not applicable", "not run" and "no manual verdict recorded" are three different marks
GRID_MARKS = {"pass": "✓", "fail": "✗", "waived": "~", "review": "?", "not_applicable": "–", "not_run": "·",
              "unrecorded": "○"}
_STYLES = {"✓": "green", "✗": "bold red", "~": "cyan", "?": "yellow", "–": "dim", "·": "dim", "○": "dim"}
TITLE_WIDTH = 24


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns, with an ellipsis where it was cut."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    out, used = [], 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - cell_len(text))
    return gap + text if right else text + gap


def _mark(outcome: dict, manual: bool) -> str:
    status = outcome["status"]
    if status == "fail" and outcome.get("waived"):
        return MARKS["waived"]
    if status == "not_run" and manual:
        return MARKS["unrecorded"]
    return MARKS[status]


def has_problem(entry: dict) -> bool:
    """A failure that was not waived, an open review, or a disqualification."""
    return entry.get("disqualified", False) or any(
        (o["status"] == "fail" and not o.get("waived")) or o["status"] == "review" for o in entry["checks"])


def _problems(entry: dict, labels: dict) -> list[tuple[str, str]]:
    """(mark, label) of each failed, review or waived check."""
    found = []
    if entry.get("disqualified"):
        found.append(("✗", text("terminal.check.disqualified")))
    for outcome in entry["checks"]:
        if outcome["status"] in ("fail", "review"):
            found.append((_mark(outcome, False), labels.get(outcome["check"], outcome["check"])))
    order = {"✗": 0, "?": 1, "~": 2}  # failures, then open reviews, then waived failures; rubric order within
    return sorted(found, key=lambda item: order[item[0]])


class CheckLines:
    """One line per entry, laid out for the console's width when it is printed."""

    def __init__(self, document: dict, entries: list[dict]):
        self.document = document
        self.entries = entries

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Text]:
        width = options.max_width
        labels = self.document["labels"]["checks"]
        conformity_label = self.document["labels"].get("conformity") or text("results.header.conformity")
        id_width = min(12, max([cell_len(visible(e["id"])) for e in self.entries] +
                               [cell_len(text("terminal.check.header.id"))]))
        score_width = max(cell_len(conformity_label), 3)
        title_width = max(8, min(TITLE_WIDTH, width // 3))
        rest = max(10, width - id_width - title_width - score_width - 6)
        yield Text("  ".join([pad(text("terminal.check.header.id"), id_width),
                              pad(text("terminal.check.header.title"), title_width),
                              pad(conformity_label, score_width, right=True),
                              text("terminal.check.header.problems")]), style="bold")
        for entry in self.entries:
            line = Text("  ".join([pad(shorten(visible(entry["id"]), id_width), id_width),
                                   pad(shorten(visible(entry["title"]), title_width), title_width),
                                   pad(str(entry["conformity"]["score"]), score_width, right=True)]) + "  ")
            problems = _problems(entry, labels)
            if not problems:
                line.append(text("terminal.check.none"), style="dim")
            pieces = [("" if index == 0 else " ") + mark + visible(label) for index, (mark, label) in enumerate(problems)]
            used = 0
            for index, piece in enumerate(pieces):
                left = len(pieces) - index - 1
                more = f" {text('terminal.check.more', count=left)}" if left else ""
                room = rest - cell_len(more) if left else rest
                if used + cell_len(piece) > room:  # what does not fit is counted, not cut off silently
                    tail = f" {text('terminal.check.more', count=len(pieces) - index)}"
                    line.append(tail if index else shorten(piece, rest), style="dim" if index else _STYLES[problems[0][0]])
                    break
                line.append(piece, style=_STYLES[problems[index][0]])
                used += cell_len(piece)
            yield line


def _summary(document: dict, shown: int) -> Iterable[Text]:
    entries = document["entries"]
    failed = sum(any(o["status"] == "fail" and not o.get("waived") for o in e["checks"]) or e.get("disqualified")
                 for e in entries)
    review = sum(any(o["status"] == "review" for o in e["checks"]) for e in entries)
    clean = sum(not has_problem(e) for e in entries)
    both = failed + review - (len(entries) - clean)  # an entry with a failure and an open review counts in both
    from .terminal import Paragraph

    yield Paragraph(text("terminal.check.summary.both" if both else "terminal.check.summary", entries=len(entries),
                         problems=len(entries) - clean, failed=failed, review=review, clean=clean, both=both))
    if shown != len(entries):
        yield Text(text("terminal.check.summary.shown", shown=shown))
    note = tabular.manual_note(document)  # the same words as evaluate and explain
    if note:
        from .terminal import Paragraph

        yield Paragraph(note, "dim")


def _grid(document: dict, entries: list[dict]) -> Table:
    conformity_label = document["labels"].get("conformity") or text("results.header.conformity")
    table = Table(title=cell(text("terminal.check.grid.title")), title_justify="left", pad_edge=False,
                  padding=(0, 1), show_edge=False, box=None)
    table.add_column(cell(text("terminal.check.header.id")), no_wrap=True)
    for number, _ in enumerate(document["checks"], start=1):
        table.add_column(str(number), justify="center", no_wrap=True)
    table.add_column(cell(conformity_label), justify="right", no_wrap=True)
    manual = set(document.get("manual_checks", ()))
    for entry in entries:
        by_check = {o["check"]: o for o in entry["checks"]}
        marks = [GRID_MARKS[tabular.grid_state(by_check[c["id"]], c, entry, manual)] for c in document["checks"]]
        score = str(entry["conformity"]["score"]) + (" " + text("terminal.check.disqualified")
                                                    if entry.get("disqualified") else "")
        table.add_row(cell(entry["id"]), *(Text(m, style=_STYLES[m]) for m in marks), cell(score))
    return table


def _legend(document: dict) -> Iterable:
    from rich.columns import Columns

    yield Columns([Text(f"{number} {visible(c['label'])}", style="dim")
                   for number, c in enumerate(document["checks"], start=1)], padding=(0, 2))
    yield Columns([Text(part, style="dim") for part in text("terminal.check.legend.grid").split("  ")], padding=(0, 2))


def _reasons(document: dict, entries: list[dict]):
    ids = {e["id"] for e in entries}
    headers, rows = tabular.check_reasons_table(document)
    rows = [row for row in rows if row[0] in ids]
    if not rows:
        return None
    from .fit import FittedTable

    return FittedTable(text("terminal.check.reasons"), headers, rows, clean=visible_lines)  # ids and numbers never split


def check_renderables(document: dict, *, grid: bool = False, only_problems: bool = False) -> Iterable:
    entries = [e for e in document["entries"] if has_problem(e)] if only_problems else list(document["entries"])
    if grid:
        yield _grid(document, entries)
        yield from _legend(document)
        reasons = _reasons(document, entries)
        if reasons is not None:
            yield reasons
    else:
        yield CheckLines(document, entries)
        yield Text(text("terminal.check.legend.line"), style="dim")
    yield from _summary(document, len(entries))
