"""Result documents as rows and columns: what csv, md, xlsx and the terminal show.

Every tabular output renders from these functions, so they can never disagree.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterator

from ..messages import join, text, text_or_none

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


class Column(str):
    """A table header: its text in the current language, and the column's ``id`` (``title``, ``id``,
    ``unit`` …), which no language changes (the workbook freezes its panes by it)."""

    id: str | None

    def __new__(cls, shown: str, id: str | None = None):
        column = super().__new__(cls, shown)
        column.id = id
        return column


def _h(*names: str, area: str = "results") -> list[str]:
    """Table headers by name (``results.header.<name>``), in the current language, each knowing its id."""
    return [Column(text(f"{area}.header.{name}"), name) for name in names]


def reason_text(outcome: dict) -> str:
    """A verdict's reason as the document carries it (``{"code", "fields", "text"}``): its text."""
    reason = outcome.get("reason")
    return reason.get("text", "") if isinstance(reason, dict) else (reason or "")


def _waived(status: str) -> str:
    return text("results.waived", status=status)



class Shown(float):
    """A score as displayed: a number to spreadsheets, its text with the display decimals and
    trailing zeros (92.60) to every text output, so that 88.00 stands beside 90.40, not 88 beside 90.4."""

    text: str
    data: str  # SPEC §6's four decimals, for a data output (csv) that keeps them

    def __new__(cls, text: str, data: str | None = None):
        number = super().__new__(cls, text)
        number.text, number.data = text, data if data is not None else text
        return number

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def fixed(value, decimals: int) -> str:
    """``value`` (a Fraction, int, float or fraction text) rounded half-up to ``decimals``, zeros kept."""
    from fractions import Fraction

    from ..language.units import format_fixed

    return format_fixed(value if isinstance(value, (Fraction, int)) else Fraction(str(value)), decimals)


def _award_labels(document: dict, ids: list[str]) -> str:
    labels = document["labels"]["awards"]
    return join(labels.get(a, a) for a in ids)


def shown(value: Any, document: dict, exact: str | None = None) -> Any:
    """A score as displayed: rounded half-up to the rubric's ``final.decimals``, from the
    exact value when the document has it (never rounded twice)."""
    from fractions import Fraction

    from ..language.units import format_number

    if value is None and exact is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) and exact is None:
        return value
    source = Fraction(exact if exact else repr(value))
    return Shown(fixed(source, document.get("display_decimals", 4)), format_number(source, 4))


def results_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    """One row per entry: rank, entry, unit, each panel, 规范性, final, awards."""
    labels = document["labels"]
    panels = list(labels["panels"])
    conformity = labels.get("conformity")
    headers = _h("rank", "id", "title", "unit") + [labels["panels"][p] for p in panels] + \
              ([conformity] if conformity else []) + _h("final", "awards", "review")
    rows = []
    for entry in document["entries"]:
        rank = text("results.disqualified") if entry["disqualified"] else entry["rank"]
        if entry.get("ineligible"):
            rank = f"{rank} ({text('results.ineligible.marker')})"
        cells = [rank, entry["id"], entry["title"], entry["unit"]]
        for panel in panels:
            data = entry["panels"][panel]
            cells.append(shown(data["score"] if "score" in data else data["points"], document, data.get("score_exact")))
        if conformity:
            cells.append(shown(entry["conformity"]["score"], document))
        cells += [shown(entry["final"], document, entry["final_exact"]), _award_labels(document, entry["awards"]),
                  _review(document, entry)]
        rows.append(cells)
    return headers, rows


def _review(document: dict, entry: dict) -> str:
    """待复核 and the checks a person must still look at, or nothing: the result is provisional till then."""
    if not entry.get("provisional"):
        return ""
    labels = document["labels"]["checks"]
    checks = join(labels.get(c, c) for c in entry["conformity"].get("review", []))
    return text("results.review.checks", checks=checks) if checks else text("results.review")


def notes(document: dict) -> list[str]:
    """What a reader must know about the whole result: is it provisional, how many manual verdicts."""
    lines = []
    provisional = document.get("provisional") or []
    if provisional:
        lines.append(text("results.notes.provisional", count=len(provisional), ids=join(provisional)))
    manual = manual_note(document)
    if manual:
        lines.append(manual)
    return lines


def manual_note(document: dict) -> str | None:
    """How many manual verdicts were recorded, said the same way in every output; nothing for a
    contest with no manual check and no verdict (“已记录 0 条人工判定” would only be noise)."""
    if "manual_verdicts" not in document:
        return None
    labels = join(document["labels"]["checks"].get(c, c) for c in document.get("manual_checks", []))
    if not labels and not document["manual_verdicts"]:
        return None
    return text("results.notes.manual" if labels else "results.notes.manual.none",
        count=document["manual_verdicts"], labels=labels, on_manual=document.get("manual_check_verdicts", 0))


def notes_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    return [text("results.notes.header")], [[line] for line in notes(document)]


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


def said(value) -> str:
    """A reason or note of a document (``{"code", "fields", "text"}``, or a plain string) as its text."""
    return value.get("text", "") if isinstance(value, dict) else str(value)


def awards_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    headers = _h("award", "places", "winners", "notes")
    rows = []
    for award in document["awards"]:  # winners in rank order; 并列 marked; 排名不分先后 when not ordered (issue 17)
        ordered, tied = award.get("ordered", True), set(award.get("tied", ()))
        winners = [w + text("page.notice.tied_mark") if ordered and w in tied else w for w in award["winners"]]
        notes = [said(note) for note in award["notes"]] + ([] if ordered else [text("page.award.unordered")])
        rows.append([award["name"], "" if award["count"] is None else award["count"],  # no count: no 名额
                     join(winners) or text("results.vacant"),
                     text("results.notes.separator").join(notes)])
    return headers, rows


def _composite_awards(document: dict) -> list[dict]:
    return [a for a in document["awards"] if a.get("composites", {}).get("units")]


def _unit_explanations(award: dict) -> list[dict]:
    """Each unit's full explanation: what all units share merged back in."""
    shared = dict(award["composites"].get("shared", {}))
    shared_terms = shared.pop("terms", [])
    result = []
    for item in award["composites"]["units"]:
        if "terms" in item:
            terms = [{**(shared_terms[i] if i < len(shared_terms) else {}), **t} for i, t in enumerate(item["terms"])]
            item = {**shared, **item, "terms": terms}
        result.append(item)
    return result


def _scaled(item: dict, key: str, document: dict, scale: int = 1, *, whole: bool = False,
            score: bool = False) -> Any:
    """``item[key]`` × ``scale`` as shown: a :class:`Shown` with ``score``; otherwise an integer
    (a count), or with ``whole`` any whole value (a weight in per cent), stays an integer."""
    from fractions import Fraction

    value = item.get(key)
    if value is None:
        return None
    exact = Fraction(item[f"{key}_exact"]) if f"{key}_exact" in item else Fraction(repr(value))
    exact *= scale
    if not score and (whole or isinstance(value, int)) and exact.denominator == 1:
        return int(exact)
    return shown(None, document, str(exact))


def units_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    """One row per unit: its entries, each unit award's composite score (what it was ranked by), its awards."""
    labels = document["labels"]["awards"]
    awards = list(dict.fromkeys(a for u in document["units"] for a in u.get("composites", {})))
    headers = _h("unit", "entries") + [text("results.units.composite", award=labels.get(a, a)) for a in awards] + \
        _h("awards")
    rows = []
    for unit in document["units"]:
        composites = [shown(unit["composites"][a], document, unit["composites_exact"][a])
                      if a in unit.get("composites", {}) else None for a in awards]
        rows.append([unit["unit"], unit["entries"], *composites, _award_labels(document, unit["awards"])])
    return headers, rows


def _exact_of(item: dict, key: str):
    from fractions import Fraction

    return Fraction(item[f"{key}_exact"]) if f"{key}_exact" in item else Fraction(repr(item[key]))


def unit_terms_shown(terms: list[dict], item: dict, document: dict) -> list:
    """A unit's terms at the display decimals, adding up to its composite as shown: the finals'
    breakdown rule (:func:`.rounding.shown_parts`, largest remainder), so 16.67 + 7.98 + … = 69.96."""
    from .rounding import shown_parts

    if "composite" not in item or not terms:
        return [shown(None, document, str(_exact_of(t, "term"))) for t in terms]
    exact = [_exact_of(t, "term") for t in terms]
    parts = shown_parts(exact, _exact_of(item, "composite"), document.get("display_decimals", 2))
    return [Shown(part, part) for part in parts]


def unit_composites_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    """单位奖得分: per unit award and unit, each metric, the best unit's value, the weight and the
    term it adds (weight × value ÷ best × 100), and the composite (out of 100); best units first. The
    terms shown add up to the composite shown."""
    from fractions import Fraction

    headers = _h("award", "unit", "metric", "value", "best", "weight", "term", "composite", "result", area="sheets")
    rows = []
    for award in _composite_awards(document):
        def order(item):
            composite = Fraction(item.get("composite_exact", repr(item.get("composite", 0))))
            return (not item.get("eligible", True), -composite, item["unit"])

        for item in sorted(_unit_explanations(award), key=order):
            if item.get("eligible") is False:
                rows.append([award["name"], item["unit"], None, None, None, None, None, None,
                             said(item.get("reason", ""))])
                continue
            composite = _scaled(item, "composite", document, score=True)
            verdict = text("sheets.unit.won" if item.get("won") else "sheets.unit.not_won")
            terms = list(item.get("terms", ()))
            shown_terms = unit_terms_shown(terms, item, document)
            for term, term_shown in zip(terms, shown_terms):
                rows.append([award["name"], item["unit"], term.get("label", term.get("metric")),
                             _scaled(term, "value", document), _scaled(term, "best", document),
                             _scaled(term, "weight", document, 100, whole=True),
                             term_shown, composite, verdict])
    return headers, rows


def warnings_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    return _h("warning"), [[w] for w in document["warnings"]]


def grid_state(outcome: dict, check: dict, entry: dict, manual=()) -> str:
    """What a check's cell says: pass, fail, waived, review, not_applicable, not_run or unrecorded.

    "Not applicable" (a video check on an article), "not run" (no submissions folder) and
    "a manual check with no recorded verdict" (a pass, SPEC §3) are three different things;
    ``manual`` holds the ids of the manual checks (the document's ``manual_checks``).
    """
    status = outcome["status"]
    if status == "fail" and outcome.get("waived"):
        return "waived"
    if status != "not_run":
        return status
    if check["id"] in manual:
        return "unrecorded"
    applies_to = check.get("applies_to") or ()
    return "not_applicable" if applies_to and entry.get("format") not in applies_to else "not_run"


def checks_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    """One row per entry, one column per check (通过 / 不通过 / 未记录（按通过计） …), then 规范性."""
    checks = document["checks"]
    conformity = document["labels"].get("conformity") or text("results.header.conformity")
    headers = _h("id", "title", "unit") + [c["label"] for c in checks] + [conformity] + _h("violations")
    rows = []
    manual = set(document.get("manual_checks", ()))
    for entry in document["entries"]:
        by_check = {c["check"]: c for c in entry["checks"]}
        cells = [entry["id"], entry["title"], entry["unit"]]
        for check in checks:
            cells.append(text("results.grid." + grid_state(by_check[check["id"]], check, entry, manual)))
        labels = document["labels"]["checks"]
        cells += [entry["conformity"]["score"], join(labels.get(c, c) for c in entry["conformity"]["violations"])]
        rows.append(cells)
    return headers, rows


def check_legend_table(document: dict) -> tuple[list[str], list[list[Any]]]:
    """What each word of the check grid means, and how many manual verdicts were recorded."""
    rows = [[text("results.grid." + state), text("results.legend." + state)]
            for state in ("pass", "fail", "waived", "review", "not_applicable", "not_run", "unrecorded")]
    if "manual_verdicts" in document:
        rows.append(["", manual_note(document)])
    return [text("results.legend.header.mark"), text("results.legend.header.meaning")], rows


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
                         reason_text(outcome), outcome.get("note", "")])
    return headers, rows


def explain_lines(document: dict) -> list[tuple[str, str]]:
    """The derivation of one entry (or one unit's unit awards) as (step, text) lines.

    Every computed number is shown as the tables show it (display decimals, half-up, from the
    exact value); only the rounding step shows the exact value beside the shown one.
    """
    if "unit" in document:
        return unit_lines(document)
    decimals = document.get("display_decimals", 2)

    def shown(value, exact=None) -> str:
        return fixed(exact if exact is not None else repr(value), decimals)

    step = {name: text("explain.step." + name) for name in ("entry", "check", "final", "rank", "award")}
    lines = []
    entry = document["entry"]
    lines.append((step["entry"], text("explain.entry", id=entry["id"], title=entry["title"], unit=entry["unit"])))
    check_labels = document.get("labels", {}).get("checks", {})
    if document.get("provisional"):
        review = join(check_labels.get(c, c) for c in document.get("review", []))
        lines.append((text("results.explain.step.status"), text("results.explain.provisional", checks=review)))
    conformity = document["conformity"]
    if conformity:
        lines += [(step["check"], line) for line in _check_lines(conformity)]
        if manual_note(document):
            lines.append((step["check"], manual_note(document)))
        if "formula" in conformity and "min" in conformity:  # in words, not code notation (issue 17)
            lines.append((conformity["label"], text("display.conformity", max=conformity["max"],
                                                    count=conformity["deductions"], each=conformity["deduction_each"],
                                                    score=conformity["score"], min=conformity["min"])))
        elif "formula" in conformity:
            lines.append((conformity["label"], conformity["formula"]))
    conformity_label = (conformity or {}).get("label") or text("results.header.conformity")
    for panel in document["panels"].values():
        if panel["type"] == "judged":
            lines += [(panel["label"], line) for line in _judged_lines(panel, conformity_label, shown)]
        else:
            lines.append((panel["label"], _votes_line(panel)))
    lines += [(step["final"], line) for line in _final_lines(document["final"], shown)]
    lines += [(step["rank"], line) for line in _rank_lines(document["rank"], shown)]
    if document.get("ineligible"):
        lines.append((step["rank"], text("explain.ineligible", reasons=join(r["text"] for r in document["ineligible"]))))
    for award in document["awards"]:
        if award["won"]:
            lines.append((step["award"], text("explain.award.won", award=award["label"], why=said(award.get("why", "")))))
        elif award.get("why_not"):
            lines.append((step["award"], text("explain.award.missed", award=award["label"], why=said(award["why_not"]))))
    return lines


def _check_lines(conformity: dict) -> list[str]:
    """One line per check: its verdict, reason and note, and what it costs the entry."""
    lines = []
    for check in conformity["checks"]:
        status = STATUS_WORDS[check["status"]]
        line = text("explain.check", check=check["label"], status=_waived(status) if check.get("waived") else status)
        if reason_text(check):
            line += f" — {reason_text(check)}"
        if check.get("note"):
            line += text("explain.check.note", note=check["note"])
        if check.get("deducts"):
            line += f"  −{conformity.get('deduction_each', 1)}"
        if check.get("disqualifies"):
            line += "  → " + text("explain.check.disqualifies")
        lines.append(line)
    return lines


def _judged_lines(panel: dict, conformity_label: str, shown) -> list[str]:
    """Each judge's sheet, the judges left out and why, and how the panel's score was made."""
    lines = []
    for sheet in panel["sheets"]:
        marks = " + ".join(f"{sheet['labels'][c]} {v}" for c, v in sheet["marks"].items())
        if "rank" in sheet:  # a ranked ballot: the judge's place, made points by the rank table
            marks = (text("explain.ballot.rank", rank=sheet["rank"]) if sheet["rank"] is not None
                     else text("explain.ballot.unranked"))
        if "conformity" in sheet:
            marks += f" + {conformity_label} {sheet['conformity']}"
        item = f" [{sheet['item']} ×{sheet['factor']}]" if "item" in sheet else ""
        dropped = (text("results.explain.sheet.dropped", how=aggregation_words(sheet.get("dropped_by", panel["aggregation"])))
                   if sheet.get("dropped") else "")
        line = text("explain.sheet", judge=sheet["judge"], item=item, marks=marks, total=sheet["total"],
                    dropped=dropped) + explained_weight(sheet)
        lines.append(Struck(line) if sheet.get("dropped") else line)
        lines += normalised_sheet_lines(sheet)
    lines += normalised_panel_lines(panel)
    for skipped in panel.get("skipped", []):
        if skipped["reason"] == "dropped":
            continue  # said on the judge's own line above
        how = aggregation_words(skipped.get("by", panel["aggregation"]))
        lines.append(text("results.explain.skipped." + skipped["reason"], judge=skipped["judge"], how=how))
    for item, value in panel.get("items", {}).items():
        lines.append(text("explain.item", item=item, how=aggregation_words(panel["aggregation"]), value=shown(value))
                     if value is not None else text("explain.item.unscored", item=item))
    lines += [said(step) for step in panel.get("steps", ())]
    if panel.get("missing"):
        lines.append(text("explain.panel.missing"))
    counted = sum(1 for sheet in panel["sheets"] if not sheet.get("dropped"))
    if panel.get("items"):
        rule = panel.get("items_combined_by") or "sum"
        kind, _, count = rule.partition("(")
        how = text(f"explain.items.{kind}", count=count.rstrip(")"))
    else:
        how = text("results.explain.aggregate", how=aggregation_words(panel["aggregation"]), count=counted)
    lines.append(text("explain.panel.score", how=how, score=shown(panel["score"], panel.get("score_exact")),
                      max=panel["max"]))
    return lines


class Struck(str):
    """A line whose sheet did not count (a dropped mark): html strikes it through, text shows it as it is."""


def explained_weight(sheet: dict) -> str:
    return text("normalise.sheet_weight", weight=sheet["weight"]) if "weight" in sheet else ""


def normalised_sheet_lines(sheet: dict) -> list[str]:
    """The sheet's normalisation in words (raw total, the judge's terms, the normalised total)."""
    normalised = sheet.get("normalised")
    return [text("normalise.sheet", note=said(normalised["note"]))] if normalised and normalised.get("note") else []


def normalised_panel_lines(panel: dict) -> list[str]:
    """The panel's normalisation (its group terms, e.g. M and S) and the aggregation's own notes."""
    lines = []
    normalisation = panel.get("normalisation")
    if normalisation:
        method = text_or_none(f"normalise.label.{normalisation['method']}") or normalisation["method"]
        for group in normalisation["groups"]:
            terms = join(f"{text_or_none('normalise.term.' + k) or k} {fixed(str(v), 4) if isinstance(v, str) else v}"
                         for k, v in group["terms"].items())
            lines.append(text("normalise.panel" if group["item"] else "normalise.panel:whole", method=method,
                              item=group["item"] or "", terms=terms))
    for note in panel.get("aggregation_notes", []):
        lines.append(text("normalise.aggregation_note", note=said(note["note"])))
    return lines


def _votes_line(panel: dict) -> str:
    """The votes, the vote rank (and who shares it) and the rank table's rule that gave the points."""
    tied = text("explain.votes.tied", entries=join(panel["tied_with"])) if panel["tied_with"] else ""
    first, last = panel.get("rule_ranks") or (None, None)
    if first is None:
        rule = panel["rule"]
    elif last == first:
        rule = text("results.explain.rule.one", first=first, points=panel["points"])
    elif last is None:
        rule = text("results.explain.rule.open", first=first, points=panel["points"])
    else:
        rule = text("results.explain.rule.span", first=first, last=last, points=panel["points"])
    line = text("explain.votes", votes=panel["votes"], category=panel["category_label"], rank=panel["rank"],
                tied=tied, rule=rule)
    log = panel.get("vote_log")
    if log:  # a raw vote log: what was set aside, and by which rule
        rules = join(f"{rule} {count}" for rule, count in log["excluded_by"].items()) or "-"
        line += text("explain.votes.log", raw=log["raw"], duplicates=log["duplicates"], outside=log["outside"],
                     excluded=log["excluded"], rules=rules)
        if log.get("reinstated"):
            line += text("explain.votes.reinstated", count=log["reinstated"],
                         rules=join(f"{rule} {count}" for rule, count in log["reinstated_by"].items()))
    return line


def _final_lines(final: dict, shown) -> list[str]:
    lines = []
    if "terms" in final:
        for term in final["terms"]:
            score = shown(term["score"], term.get("score_exact"))
            value = shown(term["value"], term.get("value_exact"))
            lines.append(text("display.final.term", label=term["label"], weight=term["weight"], score=score,
                              max=term["max"], value=value))
    else:
        exact_values = final.get("values_exact", {})
        values = join(f"{k} = {shown(v, exact_values.get(k))}" for k, v in final["values"].items())
        lines.append(text("results.explain.formula", formula=final["formula"], values=values))
    rounding = final.get("rounding")
    if rounding and rounding["exact"] != rounding["shown"]:
        lines.append(text("results.explain.rounding", **rounding))
    else:
        lines.append(f"= {shown(final['final'], final.get('final_exact'))}")
    return lines


def _rank_lines(rank: dict, shown) -> list[str]:
    """The rank, or why there is none; how each tie on the final score was decided."""
    if rank["rank"] is None:
        return [rank["reason"]]
    lines = [text("explain.rank", rank=rank["rank"], count=rank["ranked_entries"])]
    chain = rank.get("tie_break_labels") or rank.get("tie_break", [])
    for decision in rank.get("same_final_score", []):
        decided = decision["decided_by"]
        if isinstance(decided, dict):
            lines.append(text("explain.tie." + decided["result"], entry=decision["entry"],
                              by=decided.get("by_label", decided["by"]),
                              mine=shown(decided["mine"], decided.get("mine_exact")),
                              theirs=shown(decided["theirs"], decided.get("theirs_exact"))))
        else:
            lines.append(text("explain.tie.equal", entry=decision["entry"], chain=" → ".join(chain)))
    return lines


def aggregation_words(name: str) -> str:
    """An aggregation as a sentence says it (平均, 去掉最高分和最低分后平均); a plugin's by its name."""
    return text_or_none(f"results.aggregation.{name}") or name


def unit_lines(document: dict) -> list[tuple[str, str]]:
    """How one unit fared in the unit awards, metric by metric (computed numbers at the display decimals)."""
    decimals = document.get("display_decimals", 2)

    def shown(data: dict, key: str) -> str:
        value = data[key]
        if isinstance(value, int) and f"{key}_exact" not in data:
            return str(value)
        return fixed(data.get(f"{key}_exact") or repr(value), decimals)

    unit = document["unit"]
    lines = [(text("explain.step.unit"), text("explain.unit", unit=unit["name"], count=len(unit["entries"])))]
    for entry in unit["entries"]:
        place = (text("explain.unit.place", rank=entry["rank"]) if entry["rank"] is not None
                 else text("explain.unit.unranked"))
        lines.append((text("explain.step.entry"), text("explain.unit.entry", id=entry["id"], title=entry["title"],
                                                       place=place, final=shown(entry, "final"))))
    for award in document["awards"]:
        if award.get("eligible") is False:
            lines.append((award["label"], said(award["reason"])))
            continue
        terms = award.get("terms", [])
        for term, term_shown in zip(terms, unit_terms_shown(terms, award, document)):
            lines.append((award["label"], text("explain.unit.term", metric=term["label"], value=shown(term, "value"),
                                               best=shown(term, "best"), weight=f"{term['weight'] * 100:g}",
                                               term=str(term_shown))))
        if "composite" in award:
            lines.append((award["label"], text("explain.unit.composite", score=shown(award, "composite"))))
        verdict = text("explain.unit.won" if award["won"] else "explain.unit.not_won")
        if not award["won"] and award.get("lowest_winner") is not None:
            verdict = text("explain.unit.lowest_winner", verdict=verdict, score=shown(award, "lowest_winner"))
        lines.append((award["label"], verdict))
    return lines
