"""The workbook an organiser circulates: one sheet per section, ready to filter and to print.

Every number is stored as a number: a score (:class:`~.tabular.Shown`) already rounded
half-up to the rubric's display decimals and shown with them (``0.00``: 92.60, never 92.6
beside 92.62); a count, rank or vote total as ``0``; a mark as entered. Text is never
stored as a formula, and a control character is written out (``\\x1b``). Each sheet has an
autofilter, a frozen header row and frozen id/title columns, widths by display width (a
CJK character counts two), and a print set-up: landscape A4, fit to one page wide, the
header row on every page, the contest name above and the page number below. The committee's
workbook (kind ``audit``) says 内部资料 in a first row above every table and in every page's header and footer. The same
document always gives the same bytes.
"""
from __future__ import annotations

import io
import re
import unicodedata
from typing import Any, Iterable, NamedTuple

from ..messages import text
from .sections import AUDIT, sections
from .tabular import Shown

# The columns that identify a row, in the order a reader looks for them: the panes freeze
# right of the first one a sheet has (作品名称 for entries, 编号 without it, then the unit).
IDENTITY_COLUMNS = ("title", "id", "unit")  # column ids (tabular.Column.id), the same in every language
MAX_WIDTH = 60
MAX_SHEET_ROWS = 1_048_575  # Excel's 1 048 576 rows, less the header row
FIXED_TIME = "2000-01-01T00:00:00Z"
MAX_TITLE = 31  # Excel's longest sheet name
MAX_HEADER_CHARS = 120  # Excel allows 255 characters per header/footer, codes included


class Sheet(NamedTuple):
    """One table of a workbook: its sheet name, its headers (a :class:`~.tabular.Column` keeps its id,
    by which the panes freeze) and its rows."""
    title: str
    headers: list[str]
    rows: list[list]


def render_xlsx(document: dict, kind: str) -> bytes:
    """One sheet per section of ``kind``; byte-identical across runs."""
    tables = []
    for section in sections(kind):
        headers, rows = section.table(document)
        tables.append(Sheet(section.title, headers, rows))
    return write_workbook(tables, contest=document.get("contest", {}).get("name", ""),
                          decimals=document.get("display_decimals", 2), internal=kind == AUDIT)


def write_workbook(tables: Iterable[Sheet], *, contest: str = "", decimals: int = 2, internal: bool = False) -> bytes:
    """The workbook of ``tables``, one sheet each (a table longer than a sheet goes on in the next),
    styled and set up for print as the module says; ``internal``: the committee's (内部资料).
    Byte-identical across runs."""
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.created = dt.datetime(2000, 1, 1)
    workbook.properties.creator = "rubric-engine"
    if contest:
        workbook.properties.title = xlsx_text(contest)
    taken: set[str] = set()
    for table in tables:
        headers, rows = table.headers, table.rows
        per_sheet = MAX_SHEET_ROWS - internal  # the committee's sheets give a row to 内部资料
        for part, start in enumerate(range(0, max(len(rows), 1), per_sheet), start=1):
            # a table longer than a sheet goes on in the next: 评分明细（2）
            title = table.title if part == 1 else text("sheets.continued", title=table.title, part=part)
            sheet = workbook.create_sheet(sheet_title(title, taken))
            chunk = rows[start:start + per_sheet]
            _fill(sheet, headers, chunk, decimals, top=1 + internal)
            _arrange(sheet, headers, chunk, decimals, top=1 + internal)
            _print_setup(sheet, contest, internal)
            if internal:
                _mark_internal(sheet, len(headers))
    stream = io.BytesIO()
    workbook.save(stream)
    return normalise_zip(stream.getvalue())


def sheet_title(title: str, taken: set[str]) -> str:
    """A name Excel accepts and no other sheet of the workbook has: none of ``[]:*?/\\``, at most
    31 characters, and a second 人气 becomes 人气 (2). ``taken`` is updated (case-insensitive, as Excel)."""
    name = re.sub(r"[\[\]:*?/\\]", "_", xlsx_text(str(title))).strip("'") or "_"
    name, candidate, n = name[:MAX_TITLE], name[:MAX_TITLE], 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = name[:MAX_TITLE - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


def score_format(decimals: int) -> str:
    """The number format of a score: ``0.00`` for two display decimals, ``0`` for none."""
    return "0." + "0" * decimals if decimals > 0 else "0"


def _places(value: float) -> int:
    text = repr(value)
    return min(len(text.partition(".")[2]), 4) if "e" not in text else 4


def _column_format(values: list) -> str:
    """Counts, ranks and votes (integers) as ``0``; marks as entered, with as many decimals as
    the most precise one in the column, so a column never mixes 7 and 7.5."""
    places = max((_places(v) for v in values if type(v) is float), default=0)
    return score_format(places)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _mark_internal(sheet, width: int) -> None:
    """Row 1 of a committee sheet: 内部资料, what it is, in bold red across the table."""
    from openpyxl.styles import Alignment, Font

    cell = sheet.cell(row=1, column=1, value=xlsx_text(text("committee.internal.title")))
    cell.data_type = "s"
    cell.font, cell.alignment = Font(bold=True, color="FFC00000"), Alignment(vertical="center")
    if width > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)


def _fill(sheet, headers: list[str], rows: list[list], decimals: int, top: int = 1) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold, shade = Font(bold=True), PatternFill("solid", fgColor="FFF2F2F2")
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=top, column=column, value=xlsx_text(header))
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment = bold, shade, centred
    formats = [_column_format([row[i] for row in rows if i < len(row)]) for i in range(len(headers))]
    for row_number, row in enumerate(rows, start=top + 1):
        for column, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                cell.value = xlsx_text(value)
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif isinstance(value, Shown):
                cell.value = int(value) if value.is_integer() else float(value)
                cell.number_format = score_format(decimals)
            elif _is_number(value):
                cell.value = value
                cell.number_format = formats[column - 1]
            else:
                cell.value = xlsx_text(str(value))
                cell.data_type = "s"


def display_width(text: str) -> int:
    """Columns a text takes on screen: a wide (CJK) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _shown_text(value: Any, decimals: int) -> str:
    if value is None:
        return ""
    if isinstance(value, Shown):
        return f"{float(value):.{decimals}f}"
    return str(value)


def _arrange(sheet, headers: list[str], rows: list[list], decimals: int, top: int = 1) -> None:
    """Widths, autofilter and frozen panes."""
    from openpyxl.utils import get_column_letter

    for column, header in enumerate(headers, start=1):
        texts = [str(header)] + [_shown_text(row[column - 1], decimals) for row in rows if column <= len(row)]
        widest = max(display_width(line) for text in texts for line in (text.splitlines() or [""]))
        sheet.column_dimensions[get_column_letter(column)].width = min(widest + 3, MAX_WIDTH)
    if headers:
        sheet.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{len(rows) + top}"
    ids = [getattr(header, "id", None) for header in headers]
    frozen = next((ids.index(column) + 1 for column in IDENTITY_COLUMNS if column in ids), 0)
    sheet.freeze_panes = f"{get_column_letter(frozen + 1)}{top + 1}"


def _header_text(text: str) -> str:
    """Literal text in a print header: ``&`` starts a code there, so it is doubled."""
    text = xlsx_text(text)
    if len(text) > MAX_HEADER_CHARS:
        text = text[:MAX_HEADER_CHARS - 1] + "…"
    return text.replace("&", "&&")


def _print_setup(sheet, contest: str, internal: bool = False) -> None:
    """Landscape A4, one page wide and as many long as it takes, the header row on every page."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:2" if internal else "1:1"
    sheet.print_options.gridLines = True
    if contest:
        sheet.oddHeader.center.text = _header_text(contest)
    if internal:
        sheet.oddHeader.left.text = _header_text(text("committee.internal"))
        sheet.oddHeader.left.color = "C00000"
    sheet.oddFooter.center.text = text("committee.internal.footer" if internal else "sheets.footer")


def xlsx_text(value: Any) -> Any:
    """Text a workbook can hold: a control character (illegal in XML) is written out, as ``\\x1b``."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return value


def normalise_zip(data: bytes) -> bytes:
    """Fixed timestamps inside the package, so equal inputs give equal bytes."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                                 lambda m: m.group(1) + FIXED_TIME.encode() + m.group(3), content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()
