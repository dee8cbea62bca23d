"""The whole derivation of one entry's score, rank and awards, as data."""
from __future__ import annotations

from fractions import Fraction


from ..language.units import format_exact, format_fixed
from ..language.wording import rank_rule
from ..messages import Message, join, text
from ..rubric.final_formula import default_terms
from ..rubric.model import Rubric
from ..rubric.tie_break_names import tie_break_label
from . import normalised
from .document import _header, exact, ineligible_data, manual_counts, num
from .panel_steps import panel_steps

from ..engine.evaluate import EntryResult, Evaluation


def _conformity(rubric: Rubric, result: EntryResult) -> dict | None:
    criterion = rubric.conformity
    checks = []
    labels = {c.id: c for c in rubric.checks}
    for outcome in result.conformity.outcomes:
        check = labels[outcome.check]
        item = {"check": outcome.check, "label": check.label, **outcome.to_dict()}
        item["deducts"] = bool(outcome.violation and check.severity == "deduct" and criterion is not None)
        if outcome.violation and check.severity == "disqualify":
            item["disqualifies"] = True
        checks.append(item)
    section = {"checks": checks, "violations": list(result.conformity.violations)}
    if criterion is not None:
        count = sum(1 for c in checks if c["deducts"])
        section.update({"criterion": criterion.id, "label": criterion.label, "max": num(criterion.max),
                        "min": num(criterion.min),
                        "deduction_each": num(criterion.deduction), "deductions": count,
                        "score": num(result.conformity.score),
                        "formula": f"max({num(criterion.min)}, {num(criterion.max)} − {count} × "
                                   f"{num(criterion.deduction)}) = {num(result.conformity.score)}"})
    return section


def _judged(rubric: Rubric, panel, score, evaluation: Evaluation, entry_id: str) -> dict:
    judged = [c for c in panel.criteria if rubric.criterion(c).judged]
    lines, criteria = evaluation.judged[panel.id].explained(entry_id)
    sheets = []
    for line in lines:
        sheet = {"judge": line.judge, "marks": {c: num(line.marks.get(c)) for c in judged},
                 "labels": {c: rubric.criterion(c).label for c in judged},
                 "total": num(line.total)}
        if score.conformity is not None and panel.items is None:
            sheet["conformity"] = num(score.conformity)
        if line.item is not None:
            sheet["item"] = line.item
            sheet["factor"] = num(line.factor)
        if panel.ranked:  # engine/ballots.py: the judge's place and the points the rank table gave it
            sheet["rank"] = line.rank
        if line.dropped:
            sheet["dropped"] = True
            sheet["dropped_by"] = panel.aggregation  # e.g. the trimmed mean drops the highest and lowest
        sheets.append(sheet | normalised.sheet_extras(evaluation.judged[panel.id], line))
    section = {"type": "judged", "label": panel.label, "aggregation": panel.aggregation,
               "sheets": sheets, "score": num(score.score), "score_exact": exact(score.score),
               "max": num(panel.max), "criteria": {c: num(v) for c, v in criteria.items()}}
    if panel.ranked:
        section.update({"ballot": "ranked", "rank_table": panel.rank_table_name or str(panel.rank_table),
                        "rank_rules": str(panel.rank_table)})
    skipped = _skipped_judges(rubric, panel, evaluation, entry_id, sheets)
    if skipped:
        section["skipped"] = skipped
    if score.items:
        section["items"] = {k or "": num(v) for k, v in score.items.items()}  # null: not scored
        section["items_combined_by"] = panel.items
    steps = panel_steps(evaluation.judged[panel.id], entry_id)
    if steps:
        section["steps"] = steps  # roundings and scale, in order ({code, fields, text})
    if score.missing:
        section["missing"] = True
    return section | normalised.panel_extras(evaluation.judged[panel.id], entry_id, lines)


def _skipped_judges(rubric: Rubric, panel, evaluation: Evaluation, entry_id: str, sheets: list[dict]) -> list[dict]:
    """The judges whose sheet did not count for this entry, each with the reason: no sheet from a
    judge the panel lists, or a sheet the aggregation dropped (the trimmed mean's highest and lowest)."""
    skipped = [{"judge": judge, "reason": "no_sheet"} for judge in evaluation.judged[panel.id].missing_judges(entry_id)]
    skipped += [{"judge": sheet["judge"], "reason": "dropped", "by": panel.aggregation, "total": sheet["total"],
                 **({"item": sheet["item"]} if "item" in sheet else {})}
                for sheet in sheets if sheet.get("dropped")]
    return skipped


def _votes(evaluation: Evaluation, panel, score, entry_id: str) -> dict:
    tied = [r.entry.id for r in evaluation.entries
            if r.panels[panel.id].vote_rank == score.vote_rank and r.entry.id != entry_id]
    rule = next(r for r in panel.rank_table.rules if r.covers(score.vote_rank))
    category = next((c.label for c in evaluation.rubric.voting.categories if c.id == panel.category), panel.category)
    return {"type": "votes", "label": panel.label, "category": panel.category, "category_label": category,
            "votes": score.votes,
            "rank": score.vote_rank, "tied_with": tied, "rule": rank_rule(rule),
            "rule_ranks": [rule.first, rule.last], "points": num(score.score),
            "max": num(panel.max), **({"missing": True} if score.missing else {})}


def _final(rubric: Rubric, result: EntryResult) -> dict:
    if rubric.final.formula is not None:
        used = sorted(rubric.final.formula.names)
        return {"formula": rubric.final.formula.text, "values": {n: num(result.env[n]) for n in used},
                "values_exact": {n: exact(result.env[n]) for n in used},
                "final": num(result.final), "final_exact": exact(result.final),
                "rounding": _rounding(rubric, result.final)}
    terms, decimals = [], rubric.final.decimals
    for panel, (_, value) in zip(rubric.panels, default_terms(rubric.panels, result.env)[0]):
        terms.append({"panel": panel.id, "label": panel.label, "weight": num(panel.weight * 100),
                      "score": num(result.env[panel.id]), "score_exact": exact(result.env[panel.id]),
                      "max": num(panel.max), "value": num(value), "value_exact": exact(value),
                      "text": f"{num(panel.weight * 100)}% × {format_fixed(result.env[panel.id], decimals)} ÷ "
                              f"{num(panel.max)} × 100 = {format_fixed(value, decimals)}"})
    return {"formula": text("explain.final.weighted"), "terms": terms, "final": num(result.final),
            "final_exact": exact(result.final), "rounding": _rounding(rubric, result.final)}


def _rounding(rubric: Rubric, value: Fraction) -> dict:
    """The one step where a number is rounded: the exact value, then as shown (display decimals, half-up)."""
    return {"exact": format_exact(value), "shown": format_fixed(value, rubric.final.decimals),
            "decimals": rubric.final.decimals, "rule": "half_up"}


def _rank(rubric: Rubric, evaluation: Evaluation, result: EntryResult) -> dict:
    if result.rank is None:
        labels = {c.id: c.label for c in rubric.checks}
        return {"rank": None, "reason": text("explain.rank.disqualified",
                                             checks=join(labels[c] for c in result.conformity.disqualified_by))}
    same_final = [r for r in evaluation.entries if r is not result and r.rank is not None and r.final == result.final]
    section = {"rank": result.rank, "rank_by_final_alone": result.rank_by_final,
               "ranked_entries": sum(1 for r in evaluation.entries if r.rank is not None)}
    if same_final:
        decisions = []
        for other in same_final:
            decided_by = None
            for index, step in enumerate(rubric.final.tie_breaks, start=1):
                mine, theirs = result.tie_key[index], other.tie_key[index]
                if mine != theirs:
                    sign, name = step.sign, step.text
                    decided_by = {"by": name, "by_label": tie_break_label(name, rubric),
                                  "mine": num(sign * mine), "theirs": num(sign * theirs),
                                  "mine_exact": exact(sign * mine), "theirs_exact": exact(sign * theirs),
                                  "result": "ahead" if mine > theirs else "behind"}
                    break
            decisions.append({"entry": other.entry.id, "rank": other.rank, "decided_by": decided_by})
        section["same_final_score"] = decisions
        section["tie_break"] = list(rubric.final.tie_break)
        section["tie_break_labels"] = [tie_break_label(name, rubric) for name in rubric.final.tie_break]
    return section


def _awards(rubric: Rubric, evaluation: Evaluation, result: EntryResult) -> list[dict]:
    """Each entry award: won (and why) or not; what else a strategy says comes from its own ``explain``."""
    items, more = [], []
    for award, outcome in zip(rubric.awards, evaluation.awards):
        if award.subject != "entries":
            continue
        won = result.entry.id in outcome.winners
        item = {"award": award.id, "label": award.label, "won": won}
        if won:
            item["why"] = _plain(outcome.reasons.get(result.entry.id, ""))
        context = evaluation.award_context
        reason = context.ineligible.get(award.id, {}).get(result.entry.id) if context is not None else None
        if reason is not None:  # not eligible: said with the values read; the strategy has nothing to add
            items.append({**item, "eligible": False, "why_not": reason.to_dict()})
            continue
        explain = award.strategy_impl.explain if award.strategy_impl is not None else None
        if explain is not None and evaluation.award_context is not None:
            detail = dict(explain(award, evaluation.award_context.about(award), result.entry.id) or {})
            more += [_plain(dict(extra)) for extra in detail.pop("more", ())]
            item.update(_plain(detail))
        item.update(cascade_lines(award, outcome, result.entry.id, item.get("why")))
        items.append(item)
    return items + more


def cascade_lines(award, outcome, entry_id: str, why=None) -> dict:
    """A place freed after the strategy decided (a forfeit, a one_award_per clash), as this entry saw it:
    the one who left it (``why_not``) or one who moved up into it (``why``). The notes say the same."""
    said = {}
    notes = [n for n in outcome.notes if isinstance(n, Message) and n.key.startswith(("awards.clash.", "awards.forfeit."))]
    for record in outcome.replaced:
        note = next((n for n in notes if n.fields.get("entry") == record["entry"]), None) if record["entry"] else \
            next((n for n in notes if n.key == "awards.forfeit.moved"), None)
        if note is None:
            continue
        if record["entry"] == entry_id:
            said["why_not"] = Message("awards.why_not.freed", reason=note).to_dict()
            said["freed"] = {k: v for k, v in record.items() if k != "note"} | {"note": record.get("note", "")}
        elif entry_id in record.get("by", ()):
            said["why"] = Message("awards.why.moved_up", why=(why or {}).get("text", "") if isinstance(why, dict)
                                  else why or "", reason=note).to_dict()
            said["moved_up"] = True
    return said


def explain_document(evaluation: Evaluation, entry_id: str) -> dict:
    rubric = evaluation.rubric
    result = evaluation.entry(entry_id)
    entry = result.entry
    document = _header(rubric, evaluation.data)
    document["entry"] = {"id": entry.id, "title": entry.title, "unit": entry.unit,
                         "participants": entry.participants, "team": entry.team, "format": entry.format,
                         "submitted_at": entry.submitted_at.isoformat(sep=" ") if entry.submitted_at else None}
    document["conformity"] = _conformity(rubric, result)
    document["panels"] = {}
    for panel in rubric.panels:
        score = result.panels[panel.id]
        document["panels"][panel.id] = (_judged(rubric, panel, score, evaluation, entry_id) if panel.judged
                                        else _votes(evaluation, panel, score, entry_id))
        if not panel.judged and evaluation.data.vote_count is not None:  # a raw log: where this entry's votes went
            document["panels"][panel.id]["vote_log"] = evaluation.data.vote_count.of(entry_id, panel.category).to_data()
    document["final"] = _final(rubric, result)
    document["rank"] = _rank(rubric, evaluation, result)
    document["awards"] = _awards(rubric, evaluation, result)
    document["disqualified"] = result.disqualified
    document["ineligible"] = ineligible_data(evaluation, result)
    document["provisional"] = bool(result.conformity.reviews)
    document["review"] = [o.check for o in result.conformity.reviews]  # what a person must still look at
    document["display_decimals"] = rubric.final.decimals
    document.update(manual_counts(rubric, evaluation.data))
    document["labels"] = {"checks": {c.id: c.label for c in rubric.checks}}
    return document


def explain_unit_document(evaluation: Evaluation, unit: str) -> dict:
    """How a unit fared in each unit award: each metric, its normalisation, weight and term."""
    rubric = evaluation.rubric
    document = _header(rubric, evaluation.data)
    entries = [r for r in evaluation.entries if r.entry.unit == unit]
    document["unit"] = {"name": unit, "entries": [
        {"id": r.entry.id, "title": r.entry.title, "rank": r.rank, "final": num(r.final)} for r in entries]}
    awards = []
    for award in rubric.awards:
        if award.subject != "units":
            continue
        item = {"award": award.id, "label": award.label, "strategy": award.strategy}
        strategy = award.strategy_impl
        if strategy.explain is None:
            outcome = evaluation.awards[rubric.awards.index(award)]
            item.update({"won": unit in outcome.winners, "explained": False})
        else:
            detail = strategy.explain(award, evaluation.award_context.about(award), unit)
            item.update({key: _plain(value) for key, value in detail.items()})
        awards.append(item)
    document["awards"] = awards
    document["display_decimals"] = rubric.final.decimals
    return document


def _plain(value):
    """Exact numbers as JSON numbers (4 decimals), recursively; beside each that is not whole, its exact
    value as ``<key>_exact`` (so that what is shown is rounded once, from the exact value); a message as
    ``{"code", "fields", "text"}``."""
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, dict):
        plain = {}
        for k, v in value.items():
            plain[k] = _plain(v)
            if isinstance(v, Fraction) and v.denominator != 1:
                plain[f"{k}_exact"] = exact(v)
        return plain
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        return num(value)
    return value
