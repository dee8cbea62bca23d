"""Reading and validating a contest's data folder (SPEC §3) into ``ContestData``.

Every problem names the file, row and column. Errors are collected across all files
and raised together, before anything is computed or written; softer findings become
warnings carried into every output.
"""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from ..engine.data import ContestData, Entry, ManualVerdict, PanelSheets
from ..errors import DataInputError, Location, ProblemList, did_you_mean
from ..rubric.model import Rubric
from .columns import map_headers, row_order
from .scores import read_scores
from .tables import Table, cell_text, read_table
from .values import CellError, boolean, choice, number, timestamp
from .votes import read_votes

# file stem -> other names it may have
FILE_NAMES = {
    "entries": ("entries", "参赛作品", "作品"),
    "scores": ("scores", "评分"),
    "votes": ("votes", "投票"),
    "units": ("units", "单位"),
    "checks": ("checks", "检查"),
}

ENTRY_COLUMNS = {"id": "编号", "title": "作品名称", "unit": "参赛单位", "participants": "参赛人员",
                 "team": "团队", "format": "形式", "submitted_at": "提交时间",
                 "recommendation_letter": "推荐函", "folder": "文件夹", "phone": "联系电话"}
UNIT_COLUMNS = {"unit": "参赛单位"}
CHECK_COLUMNS = {"entry": "作品编号", "check": "检查项", "result": "结果", "note": "备注"}
RESULT_WORDS = {"fail": "fail", "不通过": "fail", "失败": "fail", "pass": "pass", "通过": "pass"}


def find_table(folder: Path, kind: str) -> Path | None:
    found = [folder / f"{stem}{ext}" for stem in FILE_NAMES[kind] for ext in (".csv", ".xlsx", ".CSV", ".XLSX")
             if _present(folder / f"{stem}{ext}")]
    found = sorted(set(found))
    if len(found) > 1:
        names = " and ".join(p.name for p in found)
        raise DataInputError.single(f"the data folder holds {names}: which one is the {kind} table?",
                                    Location(str(folder)), code="data.ambiguous",
                                    hint="keep one and remove or rename the other")
    return found[0] if found else None


def _present(path: Path) -> bool:
    """Anything by that name: a FIFO, a folder or a dangling link is an error of the reader, not "no file"."""
    return path.is_symlink() or path.exists()


class DataReader:
    def __init__(self, folder: Path, rubric: Rubric):
        self.folder, self.rubric = folder, rubric
        self.problems = ProblemList()
        self.inputs: dict[str, str] = {}

    def table(self, kind: str, required: bool = False) -> Table | None:
        path = find_table(self.folder, kind)
        if path is None:
            if required:
                raise DataInputError.single(
                    f"the data folder {self.folder} has no entries table (entries.csv or entries.xlsx)",
                    Location(str(self.folder)), code="data.missing_file",
                    hint="see docs/data-files.md for the columns")
            return None
        table = read_table(path)
        self.inputs[path.name] = table.sha256
        if table.encoding and table.encoding != "utf-8":
            self.problems.warning(f"read as {table.encoding}", Location(str(path)), code="data.encoding")
        if not len(table):
            self.problems.warning("the table has a header but no rows", Location(str(path)), code="data.empty")
        return table

    # --- entries ---------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        table = self.table("entries", required=True)
        p = self.problems
        cols = map_headers(table, ENTRY_COLUMNS, p, required=("id", "title", "unit"))
        formats = {}
        for f in self.rubric.formats:
            formats[f.id] = f.id
            formats[f.label] = f.id
        ids, titles, units = cols.texts("id"), cols.texts("title"), cols.texts("unit")
        participants, folders = cols.texts("participants"), cols.texts("folder")
        phones = cols.texts("phone")
        local = ProblemList()
        parsed = {}
        for column, parser in (("team", lambda c: boolean(c, "team")),
                               ("format", (lambda c: choice(c, "format", formats)) if formats else cell_text_of),
                               ("submitted_at", lambda c: timestamp(c, "submitted_at")),
                               ("recommendation_letter", lambda c: boolean(c, "recommendation_letter"))):
            parsed[column] = cols.parse(column, parser, local) if cols.has(column) else [None] * len(cols)
        entries, first_row = [], {}
        for row, entry_id in enumerate(ids):
            if not entry_id:
                local.error("the entry id is empty", cols.location(row, "id"), code="data.missing")
                continue
            if entry_id in first_row:
                local.error(f"duplicate entry id {entry_id!r} (first on row {first_row[entry_id]})",
                            cols.location(row, "id"), code="data.duplicate")
                continue
            first_row[entry_id] = table.lines[row]
            for column, texts in (("title", titles), ("unit", units)):
                if cols.has(column) and not texts[row]:
                    local.error(f"entry {entry_id} has an empty {column} ({ENTRY_COLUMNS[column]})",
                                cols.location(row, column), code="data.missing")
            entries.append(Entry(
                id=entry_id, title=titles[row], unit=units[row], participants=participants[row],
                team=bool(parsed["team"][row]), format=parsed["format"][row],
                submitted_at=parsed["submitted_at"][row],
                recommendation_letter=parsed["recommendation_letter"][row],
                folder=folders[row] or None, line=table.lines[row], phone=phones[row]))
        _in_row_order(local, p)
        return entries

    # --- scores ----------------------------------------------------------------------
    def sheets(self, entry_ids: set[str]) -> dict[str, PanelSheets]:
        table = self.table("scores")
        if table is None:
            return {}
        return read_scores(table, self.rubric, entry_ids, self.problems)

    # --- votes -----------------------------------------------------------------------
    def votes(self, entry_ids: set[str]) -> tuple[dict, bool]:
        table = self.table("votes")
        if table is None:
            return {}, False
        return read_votes(table, self.rubric, entry_ids, self.problems), True

    # --- units -----------------------------------------------------------------------
    def units(self, unit_names: set[str]) -> dict:
        table = self.table("units")
        if table is None:
            return {}
        p = self.problems
        metrics = {m.id: m.label for m in self.rubric.unit_metrics}
        cols = map_headers(table, {**UNIT_COLUMNS, **metrics}, p, required=("unit",))
        if not cols.has("unit"):
            return {}
        local = ProblemList()
        values_of = {m: cols.parse(m, lambda c, m=m: number(c, metrics[m]), local) for m in metrics if cols.has(m)}
        result, first = {}, {}
        for row, unit in enumerate(cols.texts("unit")):
            if not unit:
                local.error("the unit is empty", cols.location(row, "unit"), code="data.missing")
                continue
            if unit in first:
                local.error(f"unit {unit!r} appears twice (first on row {first[unit]})", cols.location(row, "unit"),
                            code="data.duplicate")
                continue
            first[unit] = table.lines[row]
            if unit not in unit_names:
                local.warning(f"unit {unit!r} has no entry, so it cannot win a unit award",
                              cols.location(row, "unit"), code="data.unit_without_entries",
                              hint=did_you_mean(unit, unit_names))
            values = {}
            for metric, parsed in values_of.items():
                if parsed[row] is not None:
                    values[metric] = parsed[row]
                elif not cell_text(cols.raw(metric)[row]):
                    local.warning(f"{metrics[metric]} of {unit} is empty; it counts as 0", cols.location(row, metric),
                                  code="data.missing")
                    values[metric] = Fraction(0)
            result[unit] = values
        _in_row_order(local, p)
        return result

    # --- manual verdicts -------------------------------------------------------------
    def verdicts(self, entry_ids: set[str]) -> list[ManualVerdict]:
        table = self.table("checks")
        if table is None:
            return []
        p = self.problems
        checks = {}
        for check in self.rubric.checks:
            checks[check.id] = check.id
            checks[check.label] = check.id
        cols = map_headers(table, CHECK_COLUMNS, p, required=("entry", "check", "result"))
        if not all(cols.has(c) for c in ("entry", "check", "result")):
            return []
        local = ProblemList()
        entries, notes = cols.texts("entry"), cols.texts("note")
        known = [row for row, entry in enumerate(entries) if entry in entry_ids]
        check_of = cols.parse("check", lambda c: choice(c, "check", checks), ProblemList(), skip_blank=False)
        result_of = cols.parse("result", lambda c: choice(c, "result", RESULT_WORDS), ProblemList(), skip_blank=False)
        known_rows = set(known)
        for row, entry in enumerate(entries):
            if row not in known_rows:
                local.error(f"unknown entry {entry!r}" if entry else "the entry is empty", cols.location(row, "entry"),
                            code="data.unknown", hint=did_you_mean(entry, entry_ids))
        result, first = [], {}
        for row in known:
            for column, outcome, options in (("check", check_of, checks), ("result", result_of, RESULT_WORDS)):
                if outcome[row] is None:
                    try:
                        choice(cols.cell(row, column), column, options)
                    except CellError as exc:
                        local.problems.append(exc.problem)
            check, verdict = check_of[row], result_of[row]
            if check is None or verdict is None:
                continue
            entry = entries[row]
            if (entry, check) in first:
                local.error(f"two verdicts for entry {entry}, check {check} (first on row {first[(entry, check)]})",
                            cols.location(row, "check"), code="data.duplicate")
                continue
            first[(entry, check)] = table.lines[row]
            result.append(ManualVerdict(entry, check, verdict, notes[row], cols.location(row)))
        _in_row_order(local, p)
        return result


def cell_text_of(cell) -> str:
    return cell.text


def _in_row_order(local: ProblemList, problems: ProblemList) -> None:
    """A table's problems, row by row (columns are parsed one after another)."""
    local.problems.sort(key=row_order)
    problems.extend(local.problems)


def read_data(folder: str | Path, rubric: Rubric) -> ContestData:
    """Read every table of ``folder``; raise DataInputError listing all errors."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataInputError.single(f"the data folder {folder} does not exist" if not folder.exists()
                                    else f"{folder} is a file; give the data folder", Location(str(folder)),
                                    code="data.folder")
    reader = DataReader(folder, rubric)
    entries = reader.entries()
    reader.problems.raise_if_errors(DataInputError)
    ids = {e.id for e in entries}
    sheets = reader.sheets(ids)
    votes, has_votes = reader.votes(ids)
    units = reader.units({e.unit for e in entries})
    verdicts = reader.verdicts(ids)
    reader.problems.raise_if_errors(DataInputError)
    submissions = folder / "submissions"
    return ContestData(entries, sheets, votes, has_votes, units, verdicts,
                       submissions if submissions.is_dir() else None, reader.problems.warnings, reader.inputs,
                       folder)
