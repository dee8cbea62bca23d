"""The results page an association publishes: awards first, the ranking, unit awards.

Public on the page: names, units, finals, awards, online votes and points (the plan
announces them). Not on it: warnings, hashes, file paths, judges' sheets, phone numbers.
Every number shown uses the rubric's display decimals, rounded half-up from the exact
value, with trailing zeros (92.60).
"""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from ..messages import text
from .charts import PANEL_COLOURS, breakdown_chart, finals_chart
from .rounding import shown, shown_parts  # noqa: F401 - page.shown, as the templates' filter
from .templating import render_template
from .notice import notice_model, place_changes, tie_note


def _name_label(name: str, labels: dict) -> str:
    """``experts`` → 专家评分; ``online.votes`` → 网络投票得分 票数 (… votes in English); ``experts.content`` → 专家评分 内容性."""
    panel, _, part = name.partition(".")
    label = labels["panels"].get(panel, panel)
    if not part:
        return label
    if part in ("votes", "rank"):
        return text(f"page.tie.{part}", panel=label)
    return f"{label} {labels['criteria'].get(part, part)}"


PUBLIC_ENTRY_KEYS = ("id", "title", "unit", "participants", "format", "rank", "final_exact", "disqualified",
                     "provisional")


def _public_entry(entry: dict, labels: dict, decimals: int) -> dict:
    """An entry as the public page may show it: no 规范性 details, waiver notes or anything private."""
    public = {key: entry.get(key) for key in PUBLIC_ENTRY_KEYS}
    public["final"] = shown(entry["final_exact"], decimals)
    public["awards"] = [labels["awards"].get(a, a) for a in entry["awards"]]
    public["ineligible"] = bool(entry.get("ineligible"))  # 不参评: ranked, wins nothing (the why is not public)
    return public


def page_model(document: dict) -> dict:
    """What the templates show, computed once from the result document (docs/templates.md lists it).

    Entries are given as :func:`_public_entry` makes them, so that no template, shipped or a
    user's, can publish what the page must not show.
    """
    decimals = document.get("display_decimals", 2)
    labels = document["labels"]
    winners_only = bool((document.get("publication") or {}).get("winners_only"))
    full = [e for e in document["entries"] if e["rank"] is not None]
    by_id = {e["id"]: _public_entry(e, labels, decimals) for e in document["entries"]}
    judged = [p for p in labels["panels"] if full and "score" in full[0]["panels"].get(p, {})]
    voted = [p for p in labels["panels"] if full and "votes" in full[0]["panels"].get(p, {})]
    rows, shown_finals = [], {}
    for source in full:
        entry = by_id[source["id"]]
        final = entry["final"]
        shown_finals.setdefault(final, set()).add(entry["rank"])
        rows.append({"entry": entry, "final": final,
                     "scores": [shown(source["panels"][p]["score_exact"], decimals) for p in judged],
                     "votes": [(source["panels"][p]["votes"], shown(source["panels"][p]["points"], decimals))
                               for p in voted],
                     "awards": entry["awards"],
                     "provisional": entry.get("provisional", False)})
    for row in rows:
        row["tie_broken"] = len(shown_finals[row["final"]]) > 1
    entry_awards, unit_awards = [], []
    for award in document["awards"]:  # winners in rank order (engine.awards.in_rank_order), 并列 marked
        shown_award = {"name": award["name"], "ordered": award.get("ordered", True), "tie_note": tie_note(award),
                       "tied": set(award.get("tied", ())) if award.get("ordered", True) else set(),
                       "changes": place_changes(award)}
        if award["subject"] == "entries":
            entry_awards.append({**shown_award, "winners": [by_id[w] for w in award["winners"] if w in by_id]})
        else:
            unit_awards.append({**shown_award, "winners": award["winners"]})
    tiers = [a for a in document["awards"] if a["subject"] == "entries" and a["winners"]
             and all(by_id[w]["rank"] is not None for w in a["winners"])]
    return {
        "contest": {"theme": "", "period": "", **document["contest"]},
        "entry_awards": entry_awards,
        "unit_awards": unit_awards,
        "rows": rows,
        "judged": [labels["panels"][p] for p in judged],
        "voted": [labels["panels"][p] for p in voted],
        "vote_columns": [text("page.column.vote_count") if len(voted) == 1 else
                         text("page.column.votes", panel=labels["panels"][p]) for p in voted],
        "tie_break": [_name_label(n, labels) for n in document.get("tie_break", [])],
        "any_tie_broken": any(row["tie_broken"] for row in rows),
        "provisional": [by_id[i] for i in document.get("provisional", [])],
        # no process notes (manual-verdict counts, rounding) on a public page: they are the audit page's
        "notice": notice_model(document),
        "chart": finals_chart(rows, tiers, by_id, decimals) if rows and not winners_only else "",
        "breakdowns": breakdowns(document, by_id, decimals),
    }


def breakdowns(document: dict, by_id: dict, decimals: int) -> list[dict]:
    """Each entry-award winner's final as its weighted terms (panels, then 规范性), in award order.

    The shown terms add up to the shown final (see :func:`shown_parts`); the chart is drawn here,
    the WeChat fragment draws the same numbers as inline-styled bars.
    """
    result, seen = [], set()
    awards_of: dict[str, list[str]] = {}
    for award in document["awards"]:
        if award["subject"] == "entries":
            for winner in award["winners"]:
                awards_of.setdefault(winner, []).append(award["name"])
    colours = {}
    for winner, terms in document.get("final_terms", {}).items():
        if winner in seen or winner not in by_id:
            continue
        seen.add(winner)
        entry = by_id[winner]
        values = shown_parts([t["value_exact"] for t in terms], entry["final_exact"], decimals)
        parts = []
        for term, value in zip(terms, values):
            colour = colours.setdefault(term["id"], PANEL_COLOURS[len(colours) % len(PANEL_COLOURS)])
            parts.append({"label": term["label"], "value": value, "colour": colour,
                          "exact": max(Fraction(term["value_exact"]), Fraction(0))})
        result.append({"entry": entry, "final": shown(entry["final_exact"], decimals),
                       "awards": awards_of.get(winner, []), "terms": parts})
    first_award = {}
    for index, award in enumerate(a for a in document["awards"] if a["subject"] == "entries"):
        for winner in award["winners"]:
            first_award.setdefault(winner, index)
    result.sort(key=lambda item: (first_award.get(item["entry"]["id"], 0), item["entry"]["rank"], item["entry"]["id"]))
    top = max((sum(p["exact"] for p in item["terms"]) for item in result), default=0) or 1
    for item in result:
        for part in item["terms"]:
            part["width"] = f"{float(part.pop('exact') / top * 100):.2f}"  # per cent of the longest bar
        item["chart"] = breakdown_chart(item)
    return result


def render_page(document: dict, kind: str, template: Path | None = None) -> bytes:
    """The standalone results page (of ``rubric evaluate``): responsive, no external resources,
    nothing but what may be published. ``template``: a folder whose templates override the shipped ones."""
    return (render_template("results.html.j2", page_model(document), template) + "\n").encode("utf-8")


def render_wechat(document: dict, kind: str, template: Path | None = None) -> bytes:
    """A one-column fragment with every style inline (no <style>, no <script>): paste it into WeChat."""
    if kind != "evaluate":
        from ..errors import RubricEngineError

        raise RubricEngineError.of("format.kind")
    return (render_template("wechat.html.j2", page_model(document), template) + "\n").encode("utf-8")
