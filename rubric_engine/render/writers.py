"""Renderers from a result document to bytes: json, csv, md and the committee's html (xlsx: ``xlsx.py``).

Each is registered as an output-format plugin by ``rubric_engine.builtins.formats``.
All are deterministic: the same document always gives the same bytes.
"""
from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

from ..messages import current_language, join, text
from .sections import AUDIT, sections
from .tabular import Struck

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_json(document: dict, kind: str) -> bytes:
    """Indented UTF-8 JSON. orjson writes the same bytes as ``json.dumps(indent=2)``, fifty times faster."""
    try:
        import orjson

        return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)  # no copy to add it
    except (ImportError, TypeError):  # no orjson, or an integer beyond 64 bits
        return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def _safe_text(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def render_csv(document: dict, kind: str) -> bytes:
    """The main table as CSV, UTF-8 with a BOM so that Excel in China opens it right."""
    headers, rows = sections(kind)[0].table(document)
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    if kind == AUDIT:  # the committee's file says what it is before its table
        writer.writerow([text("committee.internal.title")])
    writer.writerow(headers)
    from .tabular import Shown

    for row in rows:  # a score keeps SPEC §6's four decimals here (92.6175): csv is data, not a display
        writer.writerow([cell.data if isinstance(cell, Shown) else _text_cell(_safe_text(cell)) for cell in row])
    return ("\ufeff" + stream.getvalue()).encode("utf-8")


_MD_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[",
                              "]": "\\]", "<": "&lt;", ">": "&gt;", "&": "&amp;"})


def _md_text(value: Any) -> str:
    """Data as literal Markdown text: no raw HTML, no emphasis, links or code, no row or line breaks."""
    text = _text_cell(value).translate(_MD_ESCAPES)
    return text.replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")


def _md_cell(value: Any) -> str:
    return _md_text(value)


def render_md(document: dict, kind: str) -> bytes:
    out = []
    internal = kind == AUDIT
    if "contest" in document:
        out.append(f"# {_md_text(document['contest']['name'])}\n")
    if internal:
        out.append(f"**{_md_text(text('committee.internal.title'))}**\n")
    for section in sections(kind):
        headers, rows = section.table(document)
        if not rows:
            continue
        title = text("committee.internal.heading", title=section.title) if internal else section.title
        out.append(f"## {_md_text(title)}\n")
        out.append("| " + " | ".join(_md_cell(h) for h in headers) + " |")
        out.append("|" + "---|" * len(headers))
        for row in rows:
            out.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
        out.append("")
    return ("\n".join(out) + "\n").encode("utf-8")


_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;padding:0 1em;max-width:72em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
details{margin:.3em 0}summary{cursor:pointer}.warn{color:#8a5a00}
"""


def _html_table(headers, rows) -> str:
    out = ["<table><thead><tr>" + "".join(f"<th>{html.escape(str(h))}</th>" for h in headers) + "</tr></thead><tbody>"]
    for row in rows:
        cells = []
        for cell in row:
            numeric = isinstance(cell, (int, float)) and not isinstance(cell, bool)
            shown = html.escape(_text_cell(cell))
            if isinstance(cell, Struck):  # a dropped sheet's line
                shown = f"<s>{shown}</s>"
            cells.append(f"<td{' class=n' if numeric else ''}>{shown}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def render_html(document: dict, kind: str) -> bytes:
    """One self-contained page (no external files) an association can publish."""
    title = html.escape(document.get("contest", {}).get("name", "rubric-engine"))
    parts = [f"<!DOCTYPE html><html lang={current_language()}><head><meta charset=utf-8><title>{title}</title>",
             f"<style>{_CSS}</style></head><body><h1>{title}</h1>"]
    for section_title, table, *_ in sections(kind):
        headers, rows = table(document)
        if rows:
            parts.append(f"<h2>{html.escape(section_title)}</h2>")
            parts.append(_html_table(headers, rows))
    if kind == "evaluate":
        parts.append(f"<h2>{html.escape(text('results.html.details'))}</h2>")
        labels = document["labels"]
        conformity = labels.get("conformity") or text("results.header.conformity")
        for entry in document["entries"]:
            summary = text("results.html.summary", id=entry["id"], title=entry["title"], unit=entry["unit"],
                           final=entry["final"])
            items = []
            for panel, data in entry["panels"].items():
                value = data.get("score", data.get("points"))
                extra = text("results.html.votes", votes=data["votes"], rank=data["rank"]) if "votes" in data else ""
                items.append(f"<li>{html.escape(labels['panels'][panel])}: {html.escape(str(value))}{html.escape(extra)}</li>")
            violations = join(labels["checks"].get(c, c) for c in entry["conformity"]["violations"]) \
                or text("results.html.none")
            items.append("<li>" + html.escape(text("results.html.conformity", label=conformity,
                                                   score=entry["conformity"]["score"], violations=violations)) + "</li>")
            for waiver in entry["conformity"]["waived"]:
                check = labels["checks"].get(waiver["check"], waiver["check"])
                items.append("<li>" + html.escape(text("results.html.waived", check=check, note=waiver["note"])) + "</li>")
            parts.append(f"<details><summary>{html.escape(summary)}</summary><ul>{''.join(items)}</ul></details>")
    parts.append(f"<p class=warn><small>rubric sha256 {html.escape(document.get('rubric_sha256', ''))}</small></p>")
    parts.append("</body></html>\n")
    return "\n".join(parts).encode("utf-8")
