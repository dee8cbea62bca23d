"""The whole derivation of one entry's score, rank and awards, as data."""
from __future__ import annotations


from ..rubric.model import Rubric
from .document import _header, exact, num
from .evaluate import EntryResult, Evaluation
from .scoring import JudgedPanel


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
    section = {"checks": checks, "violations": result.conformity.violations}
    if criterion is not None:
        count = sum(1 for c in checks if c["deducts"])
        section.update({"criterion": criterion.id, "label": criterion.label, "max": num(criterion.max),
                        "deduction_each": num(criterion.deduction), "deductions": count,
                        "score": num(result.conformity.score),
                        "formula": f"max({num(criterion.min)}, {num(criterion.max)} − {count} × "
                                   f"{num(criterion.deduction)}) = {num(result.conformity.score)}"})
    return section


def _judged(rubric: Rubric, panel, score, evaluation: Evaluation, entry_id: str) -> dict:
    judged = [c for c in panel.criteria if rubric.criterion(c).judged]
    conformity = {r.entry.id: r.conformity for r in evaluation.entries}
    lines, criteria = JudgedPanel(rubric, panel, evaluation.data, conformity).explained(entry_id)
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
        if line.dropped:
            sheet["dropped"] = True
        sheets.append(sheet)
    section = {"type": "judged", "label": panel.label, "aggregation": panel.aggregation,
               "sheets": sheets, "score": num(score.score), "score_exact": exact(score.score),
               "max": num(panel.max), "criteria": {c: num(v) for c, v in criteria.items()}}
    if score.items:
        section["items"] = {k or "": num(v) for k, v in score.items.items()}
        section["items_combined_by"] = panel.items
    if score.missing:
        section["missing"] = True
    return section


def _votes(evaluation: Evaluation, panel, score) -> dict:
    tied = [r.entry.id for r in evaluation.entries
            if r.panels[panel.id].vote_rank == score.vote_rank and r.panels[panel.id] is not score]
    rule = next(r for r in panel.rank_table.rules if r.covers(score.vote_rank))
    category = next((c.label for c in evaluation.rubric.voting.categories if c.id == panel.category), panel.category)
    return {"type": "votes", "label": panel.label, "category": panel.category, "category_label": category,
            "votes": score.votes,
            "rank": score.vote_rank, "tied_with": tied, "rule": str(rule), "points": num(score.score),
            "max": num(panel.max)}


def _final(rubric: Rubric, result: EntryResult) -> dict:
    if rubric.final.formula is not None:
        used = sorted(rubric.final.formula.names)
        return {"formula": rubric.final.formula.text, "values": {n: num(result.env[n]) for n in used},
                "final": num(result.final), "final_exact": exact(result.final)}
    terms = []
    for panel, (_, value) in zip(rubric.panels, rubric.weighted_terms(result.env)):
        terms.append({"panel": panel.id, "label": panel.label, "weight": num(panel.weight * 100),
                      "score": num(result.env[panel.id]), "max": num(panel.max), "value": num(value),
                      "text": f"{num(panel.weight * 100)}% × {num(result.env[panel.id])} ÷ {num(panel.max)} × 100"
                              f" = {num(value)}"})
    return {"formula": "Σ weight × panel ÷ panel maximum × 100", "terms": terms, "final": num(result.final),
            "final_exact": exact(result.final)}


def _rank(rubric: Rubric, evaluation: Evaluation, result: EntryResult) -> dict:
    if result.rank is None:
        labels = {c.id: c.label for c in rubric.checks}
        return {"rank": None, "reason": "取消资格（" + "、".join(labels[c] for c in result.conformity.disqualified_by)
                + " 不通过），不参与排名和评奖"}
    same_final = [r for r in evaluation.entries if r is not result and r.rank is not None and r.final == result.final]
    section = {"rank": result.rank, "rank_by_final_alone": result.rank_by_final,
               "ranked_entries": sum(1 for r in evaluation.entries if r.rank is not None)}
    if same_final:
        decisions = []
        for other in same_final:
            decided_by = None
            for index, name in enumerate(rubric.final.tie_break, start=1):
                mine, theirs = result.tie_key[index], other.tie_key[index]
                if mine != theirs:
                    sign = -1 if name.endswith(".rank") else 1
                    decided_by = {"by": name, "mine": num(sign * mine), "theirs": num(sign * theirs),
                                  "result": "ahead" if mine > theirs else "behind"}
                    break
            decisions.append({"entry": other.entry.id, "rank": other.rank, "decided_by": decided_by})
        section["same_final_score"] = decisions
        section["tie_break"] = list(rubric.final.tie_break)
    return section


def _awards(rubric: Rubric, evaluation: Evaluation, result: EntryResult) -> list[dict]:
    items = []
    tiers = [(a, o) for a, o in zip(rubric.awards, evaluation.awards) if a.strategy == "rank_tier"]
    for award, outcome in zip(rubric.awards, evaluation.awards):
        if award.subject != "entries":
            continue
        won = result.entry.id in outcome.winners
        item = {"award": award.id, "label": award.label, "won": won}
        if won:
            item["why"] = outcome.reasons.get(result.entry.id, "")
        elif award.strategy == "most_votes" and outcome.winners:
            category = award.params["category"]
            mine = result.entry.id
            label = next((c.label for c in rubric.voting.categories if c.id == category), category)
            item["why_not"] = (f"{label} 得票 {evaluation.data.votes.get((mine, category), 0)}，获奖者 "
                               f"{evaluation.data.votes.get((outcome.winners[0], category), 0)} 票")
        items.append(item)
    if result.rank is not None and tiers and not any(result.entry.id in o.winners for _, o in tiers):
        for award, outcome in tiers[::-1]:
            if outcome.winners:
                lowest = min(evaluation.entry(w).final for w in outcome.winners)
                items.append({"award": award.id, "label": award.label, "won": False,
                              "missed_by": num(lowest - result.final),
                              "why_not": f"{award.label}最低分 {num(lowest)}，本作品 {num(result.final)}，"
                                         f"相差 {num(lowest - result.final)}"})
                break
    elif result.rank is not None:
        won_tier = next((i for i, (_, o) in enumerate(tiers) if result.entry.id in o.winners), None)
        if won_tier:
            award, outcome = tiers[won_tier - 1]
            if outcome.winners:
                lowest = min(evaluation.entry(w).final for w in outcome.winners)
                items.append({"award": award.id, "label": award.label, "won": False,
                              "missed_by": num(lowest - result.final),
                              "why_not": f"{award.label}最低分 {num(lowest)}，相差 {num(lowest - result.final)}"})
    return items


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
                                        else _votes(evaluation, panel, score))
    document["final"] = _final(rubric, result)
    document["rank"] = _rank(rubric, evaluation, result)
    document["awards"] = _awards(rubric, evaluation, result)
    document["disqualified"] = result.disqualified
    document["provisional"] = bool(result.conformity.reviews)
    return document
