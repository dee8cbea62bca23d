"""``rubric votes``' text formats (json, csv, html, md, the terminal's table) of the votes document
(rubric_engine.votes.report makes it); the workbook is render/votes_workbook.py."""
from __future__ import annotations

import csv
import io
import json

from rich.cells import cell_len

from ..messages import text


def rules_text(by_rule: dict) -> str:
    """``ip_burst 12, after 3``: the votes each rule caught, one cell (every votes format says it so)."""
    return ", ".join(f"{rule} {n}" for rule, n in by_rule.items())


COLUMNS = ("entry", "category", "raw", "counted", "duplicates", "outside", "excluded", "excluded_by", "flagged_by",
           "reinstated_by")


def render_votes(document: dict, fmt: str) -> str:
    """The votes report as json, csv, html, md or an aligned table (the terminal's)."""
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
    table = [[text("votes.col." + c) for c in COLUMNS]]
    for row in document["entries"]:
        table.append([row["entry"], row["category_label"], *(str(row[c]) for c in COLUMNS[2:7]),
                      rules_text(row["excluded_by"]), rules_text(row["flagged_by"]), rules_text(row["reinstated_by"])])
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows(table)
        return out.getvalue()
    if fmt == "html":
        from .votes_chart import html_page

        return html_page(document, table)
    if fmt == "md":
        lines = ["| " + " | ".join(r) + " |" for r in table]
        lines.insert(1, "|" + "---|" * len(COLUMNS))
        return "\n".join(lines) + "\n" + _footer(document) + "\n"
    return _aligned(table) + "\n" + _footer(document) + "\n"


def _footer(document: dict) -> str:
    return text("votes.footer", rows=document["rows"], malformed=document["malformed"])


def _aligned(table: list[list[str]]) -> str:
    widths = [max(cell_len(row[i]) for row in table) for i in range(len(table[0]))]
    return "\n".join("  ".join(cell + " " * (w - cell_len(cell)) for cell, w in zip(row, widths)).rstrip()
                     for row in table)
