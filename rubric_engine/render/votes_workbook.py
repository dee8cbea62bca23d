"""``rubric votes --format xlsx``: the votes report as a workbook, through the one workbook writer
(:func:`.xlsx.write_workbook`: the same styling, print set-up and bytes as every other workbook).

One sheet per category of the rubric, in rubric order (an entry per row, ranked by its panel
where a vote panel counts the category, with the rank and points with and without the
exclusions), then one sheet of the votes set aside: excluded by a rule, or malformed. Voters
and IPs are as the document has them (masked, but in the committee's ``--audit`` workbook,
which says 内部资料 as every committee workbook does).
"""
from __future__ import annotations

from ..messages import text
from .tabular import Column
from .votes_views import rules_text
from .xlsx import Sheet, write_workbook

COUNTS = ("raw", "counted", "duplicates", "outside", "excluded")
RANKS = ("votes_without", "rank", "points", "rank_without", "points_without")


def render_votes_xlsx(document: dict) -> bytes:
    sheets = [_category_sheet(document, category) for category in _categories(document)]
    sheets.append(_set_aside_sheet(document))
    return write_workbook(sheets, internal=bool(document.get("audit")))


def _categories(document: dict) -> list[dict]:
    """The rubric's categories (older documents: those the rows name, in their order)."""
    if document.get("categories"):
        return document["categories"]
    seen: dict[str, str] = {}
    for row in document["entries"]:
        seen.setdefault(row["category"], row["category_label"])
    return [{"id": c, "label": label} for c, label in seen.items()]


def _category_sheet(document: dict, category: dict) -> Sheet:
    panel = next((p for p in document["panels"] if p["category"] == category["id"]), None)
    ranked = {p["entry"]: p for p in panel["entries"]} if panel else {}
    headers = [Column(text("votes.col.entry"), "id"), Column(text("votes.xlsx.title"), "title"),
               *(Column(text(f"votes.col.{c}"), c) for c in COUNTS),
               Column(text("votes.col.excluded_by"), "excluded_by"), Column(text("votes.col.flagged_by"), "flagged_by"),
               Column(text("votes.xlsx.reinstated"), "reinstated"),
               Column(text("votes.col.reinstated_by"), "reinstated_by")]
    if panel:
        headers += [Column(text(f"votes.xlsx.{c}"), c) for c in RANKS]
    rows = []
    for row in document["entries"]:
        if row["category"] != category["id"]:
            continue
        line = [row["entry"], row["title"], *(row[c] for c in COUNTS), rules_text(row["excluded_by"]),
                rules_text(row["flagged_by"]), row.get("reinstated", 0), rules_text(row.get("reinstated_by", {}))]
        if panel:
            p = ranked.get(row["entry"], {})
            line += [p.get("votes_without_exclusions"), p.get("rank"), p.get("points"),
                     p.get("rank_without_exclusions"), p.get("points_without_exclusions")]
        rows.append(line)
    if panel:  # as the panel ranks them; an entry the panel does not rank (none in practice) last
        order = {entry: n for n, entry in enumerate(p["entry"] for p in panel["entries"])}
        rows.sort(key=lambda line: (order.get(line[0], len(order)), line[0]))
    return Sheet(category["label"], headers, rows)


def _set_aside_sheet(document: dict) -> Sheet:
    names = ("row", "entry", "category", "voter", "ip", "time", "status", "rule")
    headers = [Column(text("votes.col." + n if n in ("entry", "category") else "votes.xlsx." + n),
                      "id" if n == "entry" else n) for n in names]
    labels = {c["id"]: c["label"] for c in _categories(document)}
    problems = {m["row"]: m["problem"].get("text", m["problem"].get("code", "")) for m in document["malformed_rows"]}
    rows = [[v["row"], v["entry"] or "", labels.get(v["category"], v["category"] or ""), v["voter"] or "",
             v["ip"] or "", _time(v["time"]), text("votes.xlsx.status." + v["status"]),
             v["rule"] or problems.get(v["row"], "")]
            for v in document["set_aside"]]
    total = sum(row["excluded"] for row in document["entries"]) + document["malformed"]
    if total > len(rows):  # the report lists the first ones; say how many more there are
        rows.append([None, text("votes.xlsx.more", count=total - len(rows))])
    return Sheet(text("votes.xlsx.set_aside"), headers, rows)


def _time(value) -> str:
    return "" if value is None else str(value)
