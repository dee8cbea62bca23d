"""The results page an association publishes: awards first, the ranking, unit awards.

Public on the page: names, units, finals, awards, online votes and points (the plan
announces them). Not on it: warnings, hashes, file paths, judges' sheets, phone numbers.
Every number shown uses the rubric's display decimals, rounded half-up from the exact
value, with trailing zeros (92.60).
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from .charts import finals_chart
from .tabular import manual_note


def shown(exact, decimals: int) -> str:
    """``exact`` (a fraction as text, or a number) rounded half-up to ``decimals``, zeros kept."""
    value = Fraction(str(exact))
    scale = 10**decimals
    magnitude = (2 * abs(value.numerator) * scale + value.denominator) // (2 * value.denominator)
    whole, rest = divmod(magnitude, scale)
    sign = "-" if value < 0 and magnitude else ""
    return f"{sign}{whole}" + (f".{rest:0{decimals}d}" if decimals else "")


@lru_cache(maxsize=1)
def _environment():
    from importlib import resources

    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    folder = resources.files("rubric_engine.render").joinpath("templates")
    return Environment(loader=FileSystemLoader(str(folder)), autoescape=select_autoescape(["j2", "html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _name_label(name: str, labels: dict) -> str:
    """``experts`` → 专家评分; ``online.votes`` → 网络投票得分 票数; ``experts.content`` → 专家评分 内容性."""
    panel, _, part = name.partition(".")
    label = labels["panels"].get(panel, panel)
    if not part:
        return label
    return f"{label} {({'votes': '票数', 'rank': '名次'}).get(part) or labels['criteria'].get(part, part)}"


def page_model(document: dict) -> dict:
    """What the templates show, computed once from the result document."""
    decimals = document.get("display_decimals", 2)
    labels = document["labels"]
    ranked = [e for e in document["entries"] if e["rank"] is not None]
    by_id = {e["id"]: e for e in document["entries"]}
    judged = [p for p in labels["panels"] if ranked and "score" in ranked[0]["panels"].get(p, {})]
    voted = [p for p in labels["panels"] if ranked and "votes" in ranked[0]["panels"].get(p, {})]
    rows, shown_finals = [], {}
    for entry in ranked:
        final = shown(entry["final_exact"], decimals)
        shown_finals.setdefault(final, set()).add(entry["rank"])
        rows.append({"entry": entry, "final": final,
                     "scores": [shown(entry["panels"][p]["score_exact"], decimals) for p in judged],
                     "votes": [(entry["panels"][p]["votes"], shown(entry["panels"][p]["points"], decimals))
                               for p in voted],
                     "awards": [labels["awards"].get(a, a) for a in entry["awards"]],
                     "provisional": entry.get("provisional", False)})
    for row in rows:
        row["tie_broken"] = len(shown_finals[row["final"]]) > 1
    entry_awards, unit_awards = [], []
    for award in document["awards"]:
        if award["subject"] == "entries":
            entry_awards.append({"name": award["name"], "winners": [by_id[w] for w in award["winners"]]})
        else:
            unit_awards.append({"name": award["name"], "winners": award["winners"]})
    tiers = [a for a in document["awards"] if a["subject"] == "entries" and a["winners"]
             and all(by_id[w]["rank"] is not None for w in a["winners"])]
    return {
        "contest": {"theme": "", "period": "", **document["contest"]},
        "entry_awards": entry_awards,
        "unit_awards": unit_awards,
        "rows": rows,
        "judged": [labels["panels"][p] for p in judged],
        "voted": [labels["panels"][p] for p in voted],
        "tie_break": [_name_label(n, labels) for n in document.get("tie_break", [])],
        "any_tie_broken": any(row["tie_broken"] for row in rows),
        "provisional": [by_id[i] for i in document.get("provisional", [])],
        "manual_note": manual_note(document),  # how many manual verdicts were recorded (SPEC §3)
        "chart": finals_chart(rows, tiers, by_id, decimals) if rows else "",
    }


def render_page(document: dict, kind: str) -> bytes:
    """The standalone results page (of ``rubric evaluate``): responsive, no external resources,
    nothing but what may be published."""
    return (_environment().get_template("results.html.j2").render(page_model(document)) + "\n").encode("utf-8")


def render_wechat(document: dict, kind: str) -> bytes:
    """A one-column fragment with every style inline (no <style>, no <script>): paste it into WeChat."""
    if kind != "evaluate":
        from ..errors import RubricEngineError

        raise RubricEngineError.single("the wechat format is for `rubric evaluate` results",
                                       code="format.kind", hint="use --format html for check and explain")
    return (_environment().get_template("wechat.html.j2").render(page_model(document)) + "\n").encode("utf-8")
