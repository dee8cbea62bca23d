"""The committee's audit page: everything the public page leaves out, from the audit document."""
from __future__ import annotations

from pathlib import Path

from ..messages import has, text
from .page import shown
from .templating import render_template


def render_audit(document: dict, template: Path | None = None) -> bytes:
    """A standalone page (no external resources) for the committee, never for publishing."""
    decimals = document.get("display_decimals", 2)
    context = {**document, "contest": {"theme": "", "period": "", **document["contest"]},
               "finals": {e["id"]: shown(e["final_exact"], decimals) for e in document["entries"]},
               "warning_count": sum(group["count"] for group in document["warnings"]),
               "provisional": [e for e in document["entries"] if e["provisional"]],
               "phones": any(e["phone"] for e in document["entries"]),
               "aggregations": {p["aggregation"]: text(f"audit.aggregation.{p['aggregation']}")
                                if has(f"audit.aggregation.{p['aggregation']}") else p["aggregation"]
                                for e in document["entries"] for p in e["panels"]}}
    return (render_template("audit.html.j2", context, template) + "\n").encode("utf-8")
