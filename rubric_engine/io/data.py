"""Reading and validating a contest's data folder (SPEC §3) into ``ContestData``.

Every problem names the file, row and column. Errors are collected across all files
and raised together, before anything is computed or written; softer findings become
warnings carried into every output.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from fractions import Fraction
from pathlib import Path

from ..engine.data import ContestData, Entry, ManualVerdict, ScoreSheet
from ..errors import DataInputError, Location, ProblemList, did_you_mean
from ..rubric.model import Rubric
from .tables import Row, Table, read_table
from .values import CellError, boolean, choice, number, timestamp, whole_number

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
                 "recommendation_letter": "推荐函", "folder": "文件夹"}
SCORE_COLUMNS = {"panel": "评分组", "judge": "评委", "entry": "作品编号", "item": "轮次", "factor": "系数",
                 "criterion": "评分项", "score": "分数"}
VOTE_COLUMNS = {"entry": "作品编号", "votes": "票数", "category": "类别", "voter": "投票人",
                "time": "投票时间", "ip": "IP", "device": "设备"}
UNIT_COLUMNS = {"unit": "参赛单位"}
CHECK_COLUMNS = {"entry": "作品编号", "check": "检查项", "result": "结果", "note": "备注"}
RESULT_WORDS = {"fail": "fail", "不通过": "fail", "失败": "fail", "pass": "pass", "通过": "pass"}


def find_table(folder: Path, kind: str) -> Path | None:
    found = [folder / f"{stem}{ext}" for stem in FILE_NAMES[kind] for ext in (".csv", ".xlsx", ".CSV", ".XLSX")
             if (folder / f"{stem}{ext}").is_file()]
    found = sorted(set(found))
    if len(found) > 1:
        names = " and ".join(p.name for p in found)
        raise DataInputError.single(f"the data folder holds {names}: which one is the {kind} table?",
                                    Location(str(folder)), code="data.ambiguous",
                                    hint="keep one and remove or rename the other")
    return found[0] if found else None


def _columns(table: Table, known: dict[str, str], problems: ProblemList, required=(),
             extra: dict[str, str] | None = None, unknown_is_error: bool = False) -> list[Row]:
    """Map headers (ids or labels) to column ids; report missing and unknown columns."""
    names = {**{k: k for k in known}, **{v: k for k, v in known.items()}}
    if extra:
        names.update(extra)
    lowered = {k.lower(): v for k, v in names.items()}
    mapping = {}
    for index, header in enumerate(table.headers):
        column_id = names.get(header) or lowered.get(header.lower())
        if column_id is None:
            location = Location(str(table.path), table.row_numbers[0] - 1 if table.row_numbers else 1, index + 1,
                                column_name=header)
            hint = did_you_mean(header, names) or "known columns: " + ", ".join(sorted(known))
            if unknown_is_error:
                problems.error(f"unknown column {header!r}", location, code="data.column", hint=hint)
            else:
                problems.warning(f"column {header!r} is not used by the rubric and is ignored", location,
                                 code="data.column", hint=hint)
            continue
        if column_id in mapping.values():
            problems.error(f"two columns mean {column_id!r}", Location(str(table.path), 1, index + 1),
                           code="data.column")
        mapping[index] = column_id
    for column in required:
        if column not in mapping.values():
            problems.error(f"missing column {column!r} ({known.get(column, column)})", Location(str(table.path), 1),
                           code="data.column", hint=f"add a column headed {column} or {known.get(column, column)}")
    return [Row(number, {mapping[i]: cell for i, cell in enumerate(cells) if i in mapping})
            for number, cells in zip(table.row_numbers, table.rows)]


def _attempt(problems: ProblemList, fn, *args, default=None, **kwargs):
    try:
        return fn(*args, **kwargs)
    except CellError as exc:
        problems.problems.append(exc.problem)
        return default


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
        self.inputs[path.name] = _sha256(path)
        if table.encoding and table.encoding != "utf-8":
            self.problems.warning(f"read as {table.encoding}", Location(str(path)), code="data.encoding")
        if not table.rows:
            self.problems.warning("the table has a header but no rows", Location(str(path)), code="data.empty")
        return table

    # --- entries ---------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        table = self.table("entries", required=True)
        rows = _columns(table, ENTRY_COLUMNS, self.problems, required=("id", "title", "unit"))
        formats = {}
        for f in self.rubric.formats:
            formats[f.id] = f.id
            formats[f.label] = f.id
        entries, first_row = [], {}
        p = self.problems
        for row in rows:
            entry_id = row.text("id")
            if not entry_id:
                p.error("the entry id is empty", row.get("id").location if row.get("id") else
                        Location(str(table.path), row.number), code="data.missing")
                continue
            if entry_id in first_row:
                p.error(f"duplicate entry id {entry_id!r} (first on row {first_row[entry_id]})",
                        row.get("id").location, code="data.duplicate")
                continue
            first_row[entry_id] = row.number
            for column in ("title", "unit"):
                if row.get(column) is not None and not row.text(column):
                    p.error(f"entry {entry_id} has an empty {column} ({ENTRY_COLUMNS[column]})",
                            row.get(column).location, code="data.missing")
            fmt = None
            if row.get("format") is not None and row.text("format"):
                fmt = _attempt(p, choice, row.get("format"), "format", formats) if formats else row.text("format")
            entries.append(Entry(
                id=entry_id, title=row.text("title"), unit=row.text("unit"),
                participants=row.text("participants"),
                team=bool(_attempt(p, boolean, row.get("team"), "team")) if row.get("team") else False,
                format=fmt,
                submitted_at=_attempt(p, timestamp, row.get("submitted_at"), "submitted_at")
                if row.get("submitted_at") else None,
                recommendation_letter=_attempt(p, boolean, row.get("recommendation_letter"), "recommendation_letter")
                if row.get("recommendation_letter") else None,
                folder=row.text("folder") or None,
                location=Location(str(table.path), row.number)))
        return entries

    # --- scores ----------------------------------------------------------------------
    def scores(self, entry_ids: set[str]) -> list[ScoreSheet]:
        table = self.table("scores")
        if table is None:
            return []
        rubric, p = self.rubric, self.problems
        criteria_names = {}
        for criterion in rubric.criteria:
            criteria_names[criterion.id] = f"criterion:{criterion.id}"
            criteria_names[criterion.label] = f"criterion:{criterion.id}"
        rows = _columns(table, SCORE_COLUMNS, p, required=("panel", "judge", "entry"), extra=criteria_names,
                        unknown_is_error=True)
        headers = set().union(*(r.cells for r in rows)) if rows else set()
        long_form = "criterion" in headers or "score" in headers
        if long_form and not {"criterion", "score"} <= headers:
            p.error("a long-form score sheet needs both a criterion (评分项) and a score (分数) column",
                    Location(str(table.path), 1), code="data.column")
            return []
        panels = {}
        for panel in rubric.judged_panels:
            panels[panel.id] = panel.id
            panels[panel.label] = panel.id
        sheets: dict[tuple, dict] = {}
        for row in rows:
            panel_id = _attempt(p, choice, row.get("panel"), "panel", panels)
            judge = row.text("judge")
            entry = row.text("entry")
            item = row.text("item") or None
            if not judge:
                p.error("the judge is empty", row.get("judge").location, code="data.missing")
            if entry and entry not in entry_ids:
                p.error(f"unknown entry {entry!r}", row.get("entry").location, code="data.unknown",
                        hint=did_you_mean(entry, entry_ids) or "every entry must be in the entries table")
                continue
            if not entry:
                p.error("the entry is empty", row.get("entry").location, code="data.missing")
                continue
            if panel_id is None or not judge:
                continue
            panel = rubric.panel(panel_id)
            if panel.judges and judge not in panel.judges:
                p.error(f"unknown judge {judge!r} for panel {panel.label}", row.get("judge").location,
                        code="data.unknown",
                        hint=did_you_mean(judge, panel.judges) or "judges: " + ", ".join(panel.judges))
                continue
            if item is None and panel.items:
                p.error(f"panel {panel_id} judges several items per entry: the item (轮次) is empty",
                        row.get("item").location if row.get("item") else Location(str(table.path), row.number),
                        code="data.missing")
                continue
            key = (panel_id, judge, entry, item)
            sheet = sheets.setdefault(key, {"marks": {}, "row": row.number, "factor": Fraction(1),
                                            "location": Location(str(table.path), row.number)})
            if row.get("factor") is not None and row.text("factor"):
                sheet["factor"] = _attempt(p, number, row.get("factor"), "factor", default=Fraction(1))
            if long_form:
                criterion_id = _attempt(p, choice, row.get("criterion"), "criterion",
                                        {k: v.split(":", 1)[1] for k, v in criteria_names.items()})
                if criterion_id is None:
                    continue
                self._mark(sheet, panel, criterion_id, row.get("score"), key, row)
            else:
                if sheet["row"] != row.number:
                    p.error(f"judge {judge} scored entry {entry} on panel {panel_id}"
                            f"{' item ' + item if item else ''} twice (first on row {sheet['row']})",
                            row.get("entry").location, code="data.duplicate",
                            hint="remove one of the two rows")
                    continue
                for column, cell in row.cells.items():
                    if column.startswith("criterion:"):
                        self._mark(sheet, panel, column.split(":", 1)[1], cell, key, row)
        result = []
        for (panel_id, judge, entry, item), sheet in sheets.items():
            panel = rubric.panel(panel_id)
            missing = [c for c in panel.criteria if rubric.criterion(c).judged and c not in sheet["marks"]]
            if missing:
                labels = ", ".join(rubric.criterion(c).label for c in missing)
                p.error(f"judge {judge} gave entry {entry} no mark for {labels} on panel {panel_id}",
                        sheet["location"], code="data.missing", hint="fill in every criterion of the panel")
                continue
            result.append(ScoreSheet(panel_id, judge, entry, dict(sheet["marks"]), item, sheet["factor"],
                                     sheet["location"]))
        return sorted(result, key=lambda s: (s.panel, s.entry, s.item or "", s.judge))

    def _mark(self, sheet: dict, panel, criterion_id: str, cell, key, row) -> None:
        p, rubric = self.problems, self.rubric
        if cell is None:
            return
        criterion = rubric.criterion(criterion_id)
        if not criterion.judged:
            if cell.text:
                p.warning(f"column {criterion.label} is ignored: it is computed from the checks, not marked by "
                          "judges", cell.location, code="data.computed_column")
            return
        if criterion_id not in panel.criteria:
            if cell.text:
                p.error(f"panel {panel.id} does not judge {criterion.label} ({criterion.id})", cell.location,
                        code="data.criterion", hint="leave the cell empty, or add the criterion to the panel")
            return
        if not cell.text and cell.value in (None, ""):
            return  # reported as a missing mark for the whole sheet
        if criterion_id in sheet["marks"]:
            p.error(f"a second mark for {criterion.label} from judge {key[1]} for entry {key[2]}", cell.location,
                    code="data.duplicate")
            return
        mark = _attempt(p, number, cell, f"{criterion.label} mark")
        if mark is None:
            return
        if not criterion.min <= mark <= criterion.max:
            p.error(f"{criterion.label} mark {cell.text} is outside {criterion.min}..{criterion.max}",
                    cell.location, code="data.range", hint=f"marks for {criterion.label} go from "
                                                           f"{criterion.min} to {criterion.max}")
            return
        if ((mark - criterion.min) / criterion.step).denominator != 1:
            p.error(f"{criterion.label} mark {cell.text} is not a multiple of the step {criterion.step}",
                    cell.location, code="data.step", hint="round it, or set 'step' in the rubric (e.g. 0.5)")
            return
        if criterion.bands and criterion.band_of(mark) is None:
            p.warning(f"{criterion.label} mark {cell.text} falls in no band of the rubric", cell.location,
                      code="data.band_gap")
        sheet["marks"][criterion_id] = mark

    # --- votes -----------------------------------------------------------------------
    def votes(self, entry_ids: set[str]) -> tuple[dict, bool]:
        table = self.table("votes")
        if table is None:
            return {}, False
        rubric, p = self.rubric, self.problems
        categories = {}
        for category in rubric.voting.categories:
            categories[category.id] = category.id
            categories[category.label] = category.id
        rows = _columns(table, VOTE_COLUMNS, p, required=("entry",))
        headers = set().union(*(r.cells for r in rows)) if rows else set()
        if "voter" in headers:
            return self._vote_log(table, rows, entry_ids, categories), True
        if "votes" not in headers:
            p.error("missing column 'votes' (票数); a raw vote log needs 'voter' (投票人) and 'time' (投票时间)",
                    Location(str(table.path), 1), code="data.column")
            return {}, True
        tallies, first = {}, {}
        for row in rows:
            entry, category = self._vote_target(row, entry_ids, categories)
            if entry is None or category is None:
                continue
            count = _attempt(p, whole_number, row.get("votes"), "votes")
            if count is None:
                continue
            if (entry, category) in first:
                p.error(f"entry {entry} has two vote rows for category {category} (first on row "
                        f"{first[(entry, category)]})", row.get("entry").location, code="data.duplicate")
                continue
            first[(entry, category)] = row.number
            tallies[(entry, category)] = count
        return tallies, True

    def _vote_target(self, row: Row, entry_ids: set[str], categories: dict) -> tuple[str | None, str | None]:
        """The (entry, category) a vote row is for; None where the row has an error."""
        entry = row.text("entry")
        if entry not in entry_ids:
            self.problems.error(f"unknown entry {entry!r}" if entry else "the entry is empty",
                                row.get("entry").location, code="data.unknown", hint=did_you_mean(entry, entry_ids))
            return None, None
        if row.get("category") is None or not row.text("category"):
            return entry, self.rubric.voting.default_category
        return entry, _attempt(self.problems, choice, row.get("category"), "vote category", categories)

    def _vote_log(self, table: Table, rows: list[Row], entry_ids: set[str], categories: dict) -> dict:
        """Count a raw vote log under the rubric's rule (one vote per voter, entry, category, day)."""
        rubric, p = self.rubric, self.problems
        voting, tz = rubric.voting, rubric.contest.timezone
        seen, tallies = set(), Counter()
        outside, repeated = Counter(), Counter()
        for row in rows:
            entry, category = self._vote_target(row, entry_ids, categories)
            if entry is None:
                continue
            voter = row.text("voter")
            if not voter:
                p.error("the voter is empty", row.get("voter").location, code="data.missing")
                continue
            when = _attempt(p, timestamp, row.get("time"), "time") if row.get("time") else None
            if category is None:
                continue
            if when is None and ("day" in voting.one_vote_per or voting.opens or voting.closes):
                p.error("the vote has no time", (row.get("time") or row.get("voter")).location, code="data.missing",
                        hint="the voting window and the one-vote-per-day rule need the time of each vote")
                continue
            if when is not None:
                local = when.astimezone(tz) if when.tzinfo else when.replace(tzinfo=tz)
                day = local.date()
                if (voting.opens and day < voting.opens) or (voting.closes and day > voting.closes):
                    outside[entry] += 1
                    continue
            else:
                day = None
            fields = {"voter": voter, "entry": entry, "category": category, "day": day,
                      "ip": row.text("ip"), "device": row.text("device")}
            key = tuple(fields[f] for f in voting.one_vote_per)
            if key in seen:
                repeated[entry] += 1
                continue
            seen.add(key)
            tallies[(entry, category)] += 1
        if sum(outside.values()):
            p.warning(f"{sum(outside.values())} vote(s) outside the voting window "
                      f"{voting.opens}..{voting.closes} were not counted", Location(str(table.path)),
                      code="data.votes_outside")
        if sum(repeated.values()):
            p.warning(f"{sum(repeated.values())} repeated vote(s) were counted once (one vote per "
                      f"{', '.join(voting.one_vote_per)})", Location(str(table.path)), code="data.votes_repeated")
        return dict(tallies)

    # --- units -----------------------------------------------------------------------
    def units(self, unit_names: set[str]) -> dict:
        table = self.table("units")
        if table is None:
            return {}
        p = self.problems
        metrics = {m.id: m.label for m in self.rubric.unit_metrics}
        rows = _columns(table, {**UNIT_COLUMNS, **metrics}, p, required=("unit",))
        result, first = {}, {}
        for row in rows:
            unit = row.text("unit")
            if not unit:
                p.error("the unit is empty", row.get("unit").location, code="data.missing")
                continue
            if unit in first:
                p.error(f"unit {unit!r} appears twice (first on row {first[unit]})", row.get("unit").location,
                        code="data.duplicate")
                continue
            first[unit] = row.number
            if unit not in unit_names:
                p.warning(f"unit {unit!r} has no entry, so it cannot win a unit award", row.get("unit").location,
                          code="data.unit_without_entries", hint=did_you_mean(unit, unit_names))
            values = {}
            for metric in metrics:
                cell = row.get(metric)
                if cell is None:
                    continue
                if not cell.text:
                    p.warning(f"{metrics[metric]} of {unit} is empty; it counts as 0", cell.location,
                              code="data.missing")
                    values[metric] = Fraction(0)
                    continue
                value = _attempt(p, number, cell, metrics[metric])
                if value is not None:
                    values[metric] = value
            result[unit] = values
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
        rows = _columns(table, CHECK_COLUMNS, p, required=("entry", "check", "result"))
        result, first = [], {}
        for row in rows:
            entry = row.text("entry")
            if entry not in entry_ids:
                p.error(f"unknown entry {entry!r}" if entry else "the entry is empty", row.get("entry").location,
                        code="data.unknown", hint=did_you_mean(entry, entry_ids))
                continue
            check = _attempt(p, choice, row.get("check"), "check", checks)
            verdict = _attempt(p, choice, row.get("result"), "result", RESULT_WORDS)
            if check is None or verdict is None:
                continue
            if (entry, check) in first:
                p.error(f"two verdicts for entry {entry}, check {check} (first on row {first[(entry, check)]})",
                        row.get("check").location, code="data.duplicate")
                continue
            first[(entry, check)] = row.number
            result.append(ManualVerdict(entry, check, verdict, row.text("note"),
                                        Location(str(table.path), row.number)))
        return result


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
    scores = reader.scores(ids)
    votes, has_votes = reader.votes(ids)
    units = reader.units({e.unit for e in entries})
    verdicts = reader.verdicts(ids)
    reader.problems.raise_if_errors(DataInputError)
    submissions = folder / "submissions"
    return ContestData(entries, scores, votes, has_votes, units, verdicts,
                       submissions if submissions.is_dir() else None, reader.problems.warnings, reader.inputs,
                       folder)
