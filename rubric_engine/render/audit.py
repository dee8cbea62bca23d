"""The committee's audit page: everything the public page leaves out, from the audit document."""
from __future__ import annotations

from pathlib import Path

from .page import shown
from .templating import render_template

# The user-facing texts of this module, by code (a message catalogue takes them over later).
MESSAGES = {
    "aggregation.mean": "各评委合计的平均",
    "aggregation.median": "各评委合计的中位数",
    "aggregation.trimmed_mean": "去掉最高和最低合计后平均",
    "aggregation.trimmed_sum": "去掉最高和最低合计后相加",
    "aggregation.sum": "各评委合计相加",
}


def render_audit(document: dict, template: Path | None = None) -> bytes:
    """A standalone page (no external resources) for the committee, never for publishing."""
    decimals = document.get("display_decimals", 2)
    context = {**document, "contest": {"theme": "", "period": "", **document["contest"]},
               "finals": {e["id"]: shown(e["final_exact"], decimals) for e in document["entries"]},
               "warning_count": sum(group["count"] for group in document["warnings"]),
               "provisional": [e for e in document["entries"] if e["provisional"]],
               "phones": any(e["phone"] for e in document["entries"]),
               "aggregations": {p["aggregation"]: MESSAGES.get(f"aggregation.{p['aggregation']}", p["aggregation"])
                                for e in document["entries"] for p in e["panels"]}}
    return (render_template("audit.html.j2", context, template) + "\n").encode("utf-8")
