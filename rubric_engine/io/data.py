"""Reading and validating a contest's data folder (SPEC §3) into ``ContestData``.

Every problem names the file, row and column. Errors are collected across all files
and raised together, before anything is computed or written; softer findings become
warnings carried into every output.
"""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from ..data import Assignments, ContestData, Entry, ManualVerdict, PanelSheets
from ..data.names import FILE_NAMES, MORE_SUFFIXES, accepted_names
from ..errors import DataInputError, Location, ProblemList, did_you_mean
from ..language.wording import Joined
from ..messages import Message
from ..rubric.model import Rubric
from .attributes import entry_attributes
from .columns import map_headers, row_order
from ..rubric.attributes import bind_or_raise
from .scores import read_scores
from .tables import Table, cell_text, read_table
from .values import CellError, boolean, choice, number, timestamp
from .reinstated import read_reinstated
from .forfeits import read_forfeits
from .votes import read_vote_file

TABLE_SUFFIXES = (".csv", ".xlsx", ".parquet")

ENTRY_COLUMNS = {"id": "编号", "title": "作品名称", "unit": "参赛单位", "participants": "参赛人员",
                 "team": "团队", "format": "形式", "submitted_at": "提交时间",
                 "recommendation_letter": "推荐函", "folder": "文件夹", "phone": "联系电话"}
UNIT_COLUMNS = {"unit": "参赛单位"}
CHECK_COLUMNS = {"entry": "作品编号", "check": "检查项", "result": "结果", "note": "备注"}
RESULT_WORDS = {"fail": "fail", "不通过": "fail", "失败": "fail", "pass": "pass", "通过": "pass"}


def find_table(folder: Path, kind: str, more: tuple[str, ...] = ()) -> Path | None:
    extensions = (".csv", ".xlsx", ".CSV", ".XLSX") + more + tuple(e.upper() for e in more)
    found = [folder / f"{stem}{ext}" for stem in FILE_NAMES[kind] for ext in extensions
             if _present(folder / f"{stem}{ext}")]
    found = sorted(set(found))
    if len(found) > 1:
        raise DataInputError.of("data.ambiguous", Location(str(folder)), kind=Message("data.table." + kind),
                                files=Joined((p.name for p in found), "data.join.and"))
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
                raise DataInputError.of("data.missing_file", Location(str(self.folder)), folder=self.folder)
            return None
        return self.read(path)

    def read(self, path: Path) -> Table:
        table = read_table(path)
        self.inputs[path.name] = table.sha256
        if table.encoding and table.encoding != "utf-8":
            self.problems.add("warning", "data.encoding:read_as", Location(str(path)), encoding=table.encoding)
        if not len(table):
            self.problems.add("warning", "data.empty:rows", Location(str(path)))
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
        local = ProblemList()
        ids, titles, units = folded_keys(cols, "id", local), cols.texts("title"), cols.texts("unit")
        participants, folders = cols.texts("participants"), cols.texts("folder")
        phones = cols.texts("phone")
        parsed = {}
        what = {column: Message("data.what." + column)
                for column in ("team", "format", "submitted_at", "recommendation_letter")}
        for column, parser in (("team", lambda c: boolean(c, what["team"])),
                               ("format", (lambda c: choice(c, what["format"], formats)) if formats else cell_text_of),
                               ("submitted_at", lambda c: timestamp(c, what["submitted_at"])),
                               ("recommendation_letter", lambda c: boolean(c, what["recommendation_letter"]))):
            parsed[column] = cols.parse(column, parser, local) if cols.has(column) else [None] * len(cols)
        entries, first_row = [], {}
        for row, entry_id in enumerate(ids):
            if not entry_id:
                local.add("error", "data.missing:entry_id", cols.location(row, "id"))
                continue
            if entry_id in first_row:
                local.add("error", "data.duplicate:entry", cols.location(row, "id"), entry=entry_id,
                          first=first_row[entry_id])
                continue
            first_row[entry_id] = table.lines[row]
            for column, texts in (("title", titles), ("unit", units)):
                if cols.has(column) and not texts[row]:
                    local.add("error", "data.missing:title" if column == "title" else "data.missing:unit_of",
                              cols.location(row, column), entry=entry_id)
            entries.append(Entry(
                id=entry_id, title=titles[row], unit=units[row], participants=participants[row],
                team=bool(parsed["team"][row]), format=parsed["format"][row],
                submitted_at=parsed["submitted_at"][row],
                recommendation_letter=parsed["recommendation_letter"][row],
                folder=folders[row] or None, line=table.lines[row], phone=phones[row]))
        _in_row_order(local, p)
        self.attributes = entry_attributes(table, cols, ids, first_row.keys(), self.rubric, p)
        return entries

    # --- scores ----------------------------------------------------------------------
    assignments = Assignments()

    def sheets(self, entry_ids: set[str]) -> dict[str, PanelSheets]:
        from .assignments import check_assigned, explained_splits, read_assignments
        from .ballots import read_ballots

        self.assignments = read_assignments(self.table("assignments"), self.rubric, entry_ids, self.problems)
        table = self.table("scores")
        if table is None:
            return {}
        check_assigned(table, self.rubric, self.assignments, self.problems)
        table, ballots = read_ballots(table, self.rubric, entry_ids, self.problems,  # the rest: marks
                                      self.assignments)
        sheets = {**read_scores(table, self.rubric, entry_ids, self.problems), **ballots}
        explained_splits(self.problems, self.rubric, self.assignments)
        return sheets

    # --- votes -----------------------------------------------------------------------
    def votes(self, entry_ids: set[str]) -> tuple[dict, bool, object]:
        """Tallies, whether there is a votes file, and a raw log's count (``VoteCount``; None for tallies)."""
        path = find_table(self.folder, "votes", MORE_SUFFIXES["votes"])
        table = self.table("votes_reinstated")
        reinstated = read_reinstated(table, self.rubric, entry_ids, self.problems) if table is not None else []
        if path is None:
            if table is not None:
                self.problems.add("warning", "votes.reinstated:tallies", Location(str(table.path)))
            return {}, False, None
        if self.problems.errors:
            reinstated = []  # nothing is computed; the errors are raised together
        tallies, count = read_vote_file(path, self.rubric, entry_ids, self.problems, self.read, self.inputs,
                                        tuple(reinstated))
        for line in count.unused_reinstated if count is not None else ():  # a typo, or nothing to take back
            self.problems.add("warning", "votes.reinstated:unused", Location(str(table.path), line))
        return tallies, True, count

    def unrecognised_tables(self) -> None:
        """A table under a name no reader looks for (``网络投票.xlsx``): a warning naming the accepted ones."""
        known = {stem.casefold() for stems in FILE_NAMES.values() for stem in stems}
        for path in sorted(self.folder.iterdir()):
            name = path.name
            if name.startswith((".", "~$")) or path.suffix.lower() not in TABLE_SUFFIXES:
                continue
            if path.stem.casefold() not in known:
                accepted = [name for kind in FILE_NAMES for name in accepted_names(kind)]
                self.problems.warning(Message("data.table:unrecognised", file=name, names=Joined(accepted)),
                                      Location(str(path)), code="data.table:unrecognised",
                                      hint=did_you_mean(path.stem, known))

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
                local.add("error", "data.missing:unit", cols.location(row, "unit"))
                continue
            if unit in first:
                local.add("error", "data.duplicate:unit", cols.location(row, "unit"), unit=unit, first=first[unit])
                continue
            first[unit] = table.lines[row]
            if unit not in unit_names:
                local.warning(Message("data.unit_without_entries", unit=unit), cols.location(row, "unit"),
                              code="data.unit_without_entries", hint=did_you_mean(unit, unit_names))
            values = {}
            for metric, parsed in values_of.items():
                if parsed[row] is not None:
                    values[metric] = parsed[row]
                elif not cell_text(cols.raw(metric)[row]):
                    local.add("warning", "data.missing:metric", cols.location(row, metric), metric=metrics[metric],
                              unit=unit)
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
        checks, labels = {}, {check.id: check.label for check in self.rubric.checks}
        for check in self.rubric.checks:
            checks[check.id] = check.id
            checks[check.label] = check.id
        cols = map_headers(table, CHECK_COLUMNS, p, required=("entry", "check", "result"))
        if not all(cols.has(c) for c in ("entry", "check", "result")):
            return []
        local = ProblemList()
        entries, notes = folded_keys(cols, "entry", local), cols.texts("note")
        known = [row for row, entry in enumerate(entries) if entry in entry_ids]
        what = {"check": Message("data.what.check"), "result": Message("data.what.result")}
        check_of = cols.parse("check", lambda c: choice(c, what["check"], checks), ProblemList(), skip_blank=False)
        result_of = cols.parse("result", lambda c: choice(c, what["result"], RESULT_WORDS), ProblemList(),
                               skip_blank=False)
        known_rows = set(known)
        for row, entry in enumerate(entries):
            if row not in known_rows:
                local.error(Message("data.unknown:entry", entry=entry) if entry else Message("data.missing:entry"),
                            cols.location(row, "entry"), code="data.unknown", hint=did_you_mean(entry, entry_ids))
        result, first = [], {}
        for row in known:
            for column, outcome, options in (("check", check_of, checks), ("result", result_of, RESULT_WORDS)):
                if outcome[row] is None:
                    try:
                        choice(cols.cell(row, column), what[column], options)
                    except CellError as exc:
                        local.problems.append(exc.problem)
            check, verdict = check_of[row], result_of[row]
            if check is None or verdict is None:
                continue
            entry = entries[row]
            if (entry, check) in first:
                local.add("error", "data.duplicate:verdict", cols.location(row, "check"), entry=entry,
                          check=labels[check], first=first[(entry, check)])
                continue
            first[(entry, check)] = table.lines[row]
            result.append(ManualVerdict(entry, check, verdict, notes[row], cols.location(row)))
        _in_row_order(local, p)
        return result


def folded_keys(cols, column: str, problems: ProblemList) -> list[str]:
    """A key column's cells folded (io/keys.py: NFKC, format characters removed); a warning in
    ``problems`` where folding merged two spellings."""
    from .keys import fold_column

    keys, merged = fold_column(cols.texts(column), lambda row: cols.location(row, column),
                               Message(f"data.key_what.{column}"))
    problems.extend(merged)
    return keys


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
        raise DataInputError.of("data.folder:missing" if not folder.exists() else "data.folder:file",
                                Location(str(folder)), folder=folder)
    reader = DataReader(folder, rubric)
    entries = reader.entries()
    reader.problems.raise_if_errors(DataInputError)
    bind_or_raise(rubric, reader.attributes)  # a column the rubric names and the file lacks: located here
    ids = {e.id for e in entries}
    sheets = reader.sheets(ids)
    votes, has_votes, vote_count = reader.votes(ids)
    reader.unrecognised_tables()
    units = reader.units({e.unit for e in entries})
    verdicts = reader.verdicts(ids)
    forfeits_table = reader.table("forfeits")
    forfeits = (read_forfeits(forfeits_table, rubric, ids, {e.unit for e in entries}, reader.problems)
                if forfeits_table is not None else [])
    reader.problems.raise_if_errors(DataInputError)
    submissions = folder / "submissions"
    return ContestData(entries, sheets, votes, has_votes, units, verdicts,
                       submissions if submissions.is_dir() else None, reader.problems.warnings, reader.inputs,
                       folder, vote_count, reader.assignments, forfeits,
                       attributes=reader.attributes)
