"""Result documents as rows and columns: what csv, md, xlsx and the terminal show.

Every tabular output renders from these functions, so they can never disagree.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterator

from ..messages import join, text

SYMBOLS = {"pass": "✓", "fail": "✗", "review": "?", "not_run": "–"}


class _StatusWords(Mapping):
    """A verdict's status in words (通过 / pass …), in the language current when it is read."""

    _STATUSES = ("pass", "fail", "review", "not_run")

    def __getitem__(self, status: str) -> str:
        if status not in self._STATUSES:
            raise KeyError(status)
        return text("results.status." + status)

    def __iter__(self) -> Iterator[str]:
        return iter(self._STATUSES)

    def __len__(self) -> int:
        return len(self._STATUSES)


STATUS_WORDS = _StatusWords()


def _h(*names: str) -> list[str]:
    """Table headers by name (``results.header.<name>``), in the current language."""
    return [text("results.header." + name) for name in names]


def _waived(status: str) -> str:
    return text("results.waived", status=status)


def _award_labels(document: dict, ids: list[str]) -> str:
    labels = document["labels"]["awards"]
    return join(labels.get(a, a) for a in ids)


def shown(value: Any, document: dict, exact: str | None = None) -> Any:
    """A score as displayed: rounded half-up to the rubric's ``final.decimals``, from the
    exact value when the document has it (never rounded twice)."""
    from fractions import Fraction

    from ..language.units import format_number

    if not isinstance(value, float) and exact is None:
        return value
    text = format_number(Fraction(exact) if exact else Fraction(repr(value)), document.get("display_decimals", 4))
    return float(text) if "." in text else int(text)


def results_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    """One row per entry: rank, entry, unit, each panel, 规范性, final, awards."""
    labels = document["labels"]
    panels = list(labels["panels"])
    conformity = labels.get("conformity")
    headers = _h("rank", "id", "title", "unit") + [labels["panels"][p] for p in panels] + \
              ([conformity] if conformity else []) + _h("final", "awards")
    rows = []
    for entry in document["entries"]:
        cells = [text("results.disqualified") if entry["disqualified"] else entry["rank"], entry["id"], entry["title"], entry["unit"]]
        for panel in panels:
            data = entry["panels"][panel]
            cells.append(shown(data["score"] if "score" in data else data["points"], document, data.get("score_exact")))
        if conformity:
            cells.append(entry["conformity"]["score"])
        cells += [shown(entry["final"], document, entry["final_exact"]), _award_labels(document, entry["awards"])]
        rows.append(cells)
    return headers, rows


def panel_details_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    labels = document["labels"]
    headers = _h("id", "panel", "score", "judges", "votes", "vote_rank", "violations")
    rows = []
    for entry in document["entries"]:
        violations = join(labels["checks"].get(c, c) for c in entry["conformity"]["violations"])
        for panel, data in entry["panels"].items():
            rows.append([entry["id"], labels["panels"][panel],
                         shown(data.get("score", data.get("points")), document, data.get("score_exact")),
                         data.get("judges"), data.get("votes"), data.get("rank"), violations])
    return headers, rows


def awards_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    headers = _h("award", "places", "winners", "notes")
    rows = []
    for award in document["awards"]:
        rows.append([award["name"], award["count"], join(award["winners"]) or text("results.vacant"),
                     text("results.notes.separator").join(award["notes"])])
    return headers, rows


def units_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    headers = _h("unit", "entries", "awards")
    return headers, [[u["unit"], u["entries"], _award_labels(document, u["awards"])] for u in document["units"]]


def warnings_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    return _h("warning"), [[w] for w in document["warnings"]]


def checks_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    """One row per entry, one column per check (✓ ✗ ? –), then 规范性."""
    checks = document["checks"]
    conformity = document["labels"].get("conformity") or text("results.header.conformity")
    headers = _h("id", "title", "unit") + [c["label"] for c in checks] + [conformity] + _h("violations")
    rows = []
    for entry in document["entries"]:
        by_check = {c["check"]: c for c in entry["checks"]}
        cells = [entry["id"], entry["title"], entry["unit"]]
        for check in checks:
            outcome = by_check[check["id"]]
            mark = SYMBOLS[outcome["status"]]
            if outcome.get("waived"):
                mark = text("results.waived_mark")
            cells.append(mark)
        labels = document["labels"]["checks"]
        cells += [entry["conformity"]["score"], join(labels.get(c, c) for c in entry["conformity"]["violations"])]
        rows.append(cells)
    return headers, rows


def check_reasons_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    """Every verdict that is not a plain pass, with its reason and any note."""
    labels = document["labels"]["checks"]
    headers = _h("id", "check", "result", "reason", "note")
    rows = []
    for entry in document["entries"]:
        for outcome in entry["checks"]:
            if outcome["status"] in ("pass", "not_run") and not outcome.get("note"):
                continue
            status = STATUS_WORDS[outcome["status"]]
            status = _waived(status) if outcome.get("waived") else status
            rows.append([entry["id"], labels.get(outcome["check"], outcome["check"]), status,
                         outcome.get("reason", ""), outcome.get("note", "")])
    return headers, rows


def explain_lines(document: dict) -> list[tuple[str, str]]:
    """The derivation of one entry (or one unit's unit awards) as (step, text) lines."""
    if "unit" in document:
        return unit_lines(document)
    lines = []
    entry = document["entry"]
    lines.append(("作品", f"{entry['id']} {entry['title']}（{entry['unit']}）"))
    conformity = document["conformity"]
    if conformity:
        for check in conformity["checks"]:
            status = STATUS_WORDS[check["status"]] + ("（已豁免）" if check.get("waived") else "")
            text = f"{check['label']}: {status}"
            if check.get("reason"):
                text += f" — {check['reason']}"
            if check.get("note"):
                text += f"（备注: {check['note']}）"
            if check.get("deducts"):
                text += f"  −{conformity.get('deduction_each', 1)}"
            if check.get("disqualifies"):
                text += "  → 取消资格"
            lines.append(("检查", text))
        if "formula" in conformity:
            lines.append((conformity["label"], conformity["formula"]))
    for panel in document["panels"].values():
        if panel["type"] == "judged":
            for sheet in panel["sheets"]:
                marks = " + ".join(f"{sheet['labels'][c]} {v}" for c, v in sheet["marks"].items())
                extra = f" + 规范性 {sheet['conformity']}" if "conformity" in sheet else ""
                item = f" [{sheet['item']} ×{sheet['factor']}]" if "item" in sheet else ""
                lines.append((panel["label"], f"评委 {sheet['judge']}{item}: {marks}{extra} = {sheet['total']}"))
            for item, value in panel.get("items", {}).items():
                lines.append((panel["label"], f"{item}: {panel['aggregation']} × 系数 = {value}"))
            if panel.get("missing"):
                lines.append((panel["label"], "没有评委为本作品评分"))
            how = f"各项{'相加' if panel.get('items_combined_by') == 'sum' else '平均'}" if panel.get("items") \
                else panel["aggregation"]
            lines.append((panel["label"], f"{how} = {panel['score']} (满分 {panel['max']})"))
        else:
            tied = f"，与 {', '.join(panel['tied_with'])} 并列" if panel["tied_with"] else ""
            lines.append((panel["label"], f"{panel['votes']} 票（{panel['category_label']}），第 {panel['rank']} 名{tied}；"
                                          f"规则 {panel['rule']} → {panel['points']} 分"))
    final = document["final"]
    if "terms" in final:
        for term in final["terms"]:
            lines.append(("最终得分", f"{term['label']}: {term['text']}"))
    else:
        values = ", ".join(f"{k} = {v}" for k, v in final["values"].items())
        lines.append(("最终得分", f"{final['formula']} with {values}"))
    lines.append(("最终得分", f"= {final['final']}"))
    rank = document["rank"]
    if rank["rank"] is None:
        lines.append(("名次", rank["reason"]))
    else:
        lines.append(("名次", f"第 {rank['rank']} 名（共 {rank['ranked_entries']} 个）"))
        for decision in rank.get("same_final_score", []):
            decided = decision["decided_by"]
            if isinstance(decided, dict):
                text = (f"与 {decision['entry']} 最终得分相同；按 {decided['by']} 决定: {decided['mine']} 对 "
                        f"{decided['theirs']}（{'领先' if decided['result'] == 'ahead' else '落后'}）")
            else:
                text = f"与 {decision['entry']} 最终得分相同，同分比较项 {' → '.join(rank['tie_break'])} 也全部相同: 并列"
            lines.append(("名次", text))
    for award in document["awards"]:
        if award["won"]:
            lines.append(("奖项", f"{award['label']}: {award.get('why', '')}"))
        elif award.get("why_not"):
            lines.append(("奖项", f"未获 {award['label']}: {award['why_not']}"))
    return lines


def unit_lines(document: dict) -> list[tuple[str, str]]:
    """How one unit fared in the unit awards, metric by metric."""
    unit = document["unit"]
    lines = [("单位", f"{unit['name']}：{len(unit['entries'])} 件参赛作品")]
    for entry in unit["entries"]:
        place = f"第 {entry['rank']} 名" if entry["rank"] is not None else "未排名"
        lines.append(("作品", f"{entry['id']} {entry['title']}，{place}，最终得分 {entry['final']}"))
    for award in document["awards"]:
        if award.get("eligible") is False:
            lines.append((award["label"], award["reason"]))
            continue
        for term in award.get("terms", []):
            lines.append((award["label"], f"{term['label']} {term['value']} ÷ 最高 {term['best']} × 权重 "
                                          f"{term['weight'] * 100:g}% = {term['term']}"))
        if "composite" in award:
            lines.append((award["label"], f"综合得分 {award['composite']}"))
        verdict = "获奖" if award["won"] else "未获奖"
        if not award["won"] and award.get("lowest_winner") is not None:
            verdict += f"（获奖单位最低综合得分 {award['lowest_winner']}）"
        lines.append((award["label"], verdict))
    return lines
