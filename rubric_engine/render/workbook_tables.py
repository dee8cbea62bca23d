"""The tables a file output has and the terminal does not (issue 17, deliver 4): the workbook to mail.

Public (every ordinary output): each entry sheet names the 参赛人员 and the 参赛单位, the
奖项 sheet lists every winner on its own row by 作品名称, names and unit, in the award's
order. Committee only (``--audit FILE``): every judge's sheet with the judge's total as
SPEC §4.1 defines it (the marks plus 规范性), the warnings, every process note, the input
files with their paths, the manual verdicts, the judges without a sheet and the phones.
"""
from __future__ import annotations

from typing import Any

from ..messages import text
from . import tabular
from .tabular import Column, _h, said, shown


def participants_header() -> Column:
    return Column(text("committee.header.participants"), "participants")


def _c(name: str) -> Column:
    return Column(text(f"committee.header.{name}"), name)


def results_sheet(document: dict) -> tuple[list[str], list[list[Any]]]:
    """The results table with 参赛人员 beside the 作品名称."""
    headers, rows = tabular.results_table(document)
    participants = {e["id"]: e.get("participants", "") for e in document["entries"]}
    ids = [getattr(h, "id", None) for h in headers]
    at, id_at = ids.index("title") + 1, ids.index("id")
    headers = headers[:at] + [participants_header()] + headers[at:]
    return headers, [row[:at] + [participants[row[id_at]]] + row[at:] for row in rows]


def panel_scores_sheet(document: dict) -> tuple[list[str], list[list[Any]]]:
    """评分组得分 with the entry's 作品名称, 参赛人员 and 参赛单位 after its 编号."""
    headers, rows = tabular.panel_details_table(document)
    by_id = {e["id"]: e for e in document["entries"]}
    extra = [Column(text("results.header.title"), "title"), participants_header(),
             Column(text("results.header.unit"), "unit")]
    return [headers[0], *extra, *headers[1:]], \
        [[row[0], by_id[row[0]]["title"], by_id[row[0]].get("participants", ""), by_id[row[0]]["unit"], *row[1:]]
         for row in rows]


def award_winners_sheet(document: dict) -> tuple[list[str], list[list[Any]]]:
    """奖项: one row per winner, in the award's order (rank order; by id when ``ordered: false``),
    with the winner's 作品名称, 参赛人员 and 参赛单位 (a unit award: the unit); a vacant award one row."""
    headers = _h("award", "places") + [_c("position")] + _h("id", "title") + [participants_header()] + \
        _h("unit", "notes")
    by_id = {e["id"]: e for e in document["entries"]}
    rows = []
    for award in document["awards"]:
        ordered, tied = award.get("ordered", True), set(award.get("tied", ()))
        notes = [said(note) for note in award["notes"]] + ([] if ordered else [text("page.award.unordered")])
        places = "" if award["count"] is None else award["count"]
        first_note = text("results.notes.separator").join(notes)
        if not award["winners"]:
            rows.append([award["name"], places, None, None, text("results.vacant"), None, None, first_note])
            continue
        for position, winner in enumerate(award["winners"], start=1):
            note = first_note if position == 1 else ""
            if ordered and winner in tied:
                note = text("results.notes.separator").join(n for n in (text("committee.award.tied"), note) if n)
            entry = by_id.get(winner) if award["subject"] == "entries" else None
            if entry is not None:
                cells = [winner, entry["title"], entry.get("participants", ""), entry["unit"]]
            else:  # a unit award (or an entry the published list left out)
                cells = [None, None, None, winner]
            rows.append([award["name"], places if position == 1 else None, position if ordered else None,
                         *cells, note])
    return headers, rows


def public_notes_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    """说明 on a public output: whether the results are provisional; process notes stay with the committee."""
    lines = [line for line in tabular.notes(document) if line != tabular.manual_note(document)]
    return [text("results.notes.header")], [[line] for line in lines]


# --- committee only: the audit document is at document["audit"] (results/publication.committee_document) ---

def _audit_entries(document: dict) -> list[dict]:
    return document["audit"]["entries"]


def judge_sheets_sheet(document: dict) -> tuple[list[str], list[list[Any]]]:
    """评分明细: every judge's sheet by entry (in rank order), panel and judge: the marks as entered,
    规范性, and the judge's total (SPEC §4.1: the marks plus 规范性), whether the sheet counted."""
    entries = _audit_entries(document)
    criteria = list(dict.fromkeys(label for e in entries for p in e["panels"] for label in p["criteria"]))
    items = any(s.get("item") is not None for e in entries for p in e["panels"] for s in p["sheets"])
    conformity = document["labels"].get("conformity") or text("results.header.conformity")
    with_bonus = any(p.get("conformity") is not None for e in entries for p in e["panels"])
    headers = _h("id", "title", area="sheets") + [participants_header(), Column(text("results.header.unit"), "unit")] \
        + _h("panel", "judge", *(["item"] if items else []), area="sheets") + criteria \
        + ([conformity] if with_bonus else []) + [text("sheets.header.judge_total"), _c("counted")]
    rows = []
    for entry in entries:
        for panel in entry["panels"]:
            at = {label: i for i, label in enumerate(panel["criteria"])}
            for sheet in panel["sheets"]:
                marks = [sheet["marks"][at[label]] if label in at else None for label in criteria]
                counted = (text("committee.counted.no", how=tabular.aggregation_words(panel["aggregation"]))
                           if sheet["dropped"] else text("committee.counted.yes"))
                rows.append([entry["id"], entry["title"], entry["participants"], entry["unit"], panel["label"],
                             sheet["judge"], *([sheet.get("item")] if items else []), *marks,
                             *([panel.get("conformity")] if with_bonus else []), sheet["total"], counted])
    return headers, rows


def committee_notes_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    return tabular.notes_table(document)


def inputs_sheet(document: dict) -> tuple[list[str], list[list[Any]]]:
    audit = document["audit"]
    rows = [[text("committee.input.rubric"), audit["rubric"]["path"], audit["rubric"]["sha256"]]]
    rows += [[i["file"], i["path"], i["sha256"]] for i in audit["inputs"]]
    return [_c("file"), _c("path"), _c("sha256")], rows


def phones_sheet(document: dict) -> tuple[list[str], list[list[Any]]]:
    rows = [[e["id"], e["title"], e["participants"], e["unit"], e["phone"]] for e in _audit_entries(document)
            if e.get("phone")]
    return _h("id", "title") + [participants_header()] + _h("unit") + [_c("phone")], rows


def verdicts_sheet(document: dict) -> tuple[list[str], list[list[Any]]]:
    rows = [[v["entry"], v["label"], text("committee.verdict." + ("fail" if v["result"] == "fail" else "pass")),
             v["note"], v["location"]] for v in document["audit"]["manual_verdicts"]]
    return _h("id") + [_c("check"), _c("result"), _c("note"), _c("location")], rows


def skipped_sheet(document: dict) -> tuple[list[str], list[list[Any]]]:
    rows = [[e["id"], e["title"], p["label"], judge, text("committee.skipped")]
            for e in _audit_entries(document) for p in e["panels"] for judge in p["skipped"]]
    return _h("id", "title", area="sheets") + _h("panel", "judge", area="sheets") + [_c("note")], rows


__all__ = ["results_sheet", "panel_scores_sheet", "award_winners_sheet", "public_notes_table", "judge_sheets_sheet",
           "committee_notes_table", "inputs_sheet", "phones_sheet", "verdicts_sheet", "skipped_sheet", "shown"]
