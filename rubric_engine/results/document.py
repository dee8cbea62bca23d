"""Results as plain data: the one dict every output format renders (SPEC §6).

Numbers are rounded to 4 decimals here and only here; ties were decided exactly
before. ``*_exact`` keys keep the exact value as a fraction string for audits.
"""
from __future__ import annotations

from collections import Counter
from fractions import Fraction

from ..messages import Message
from ..version import __version__
from ..rubric.model import Rubric
from .breakdown import final_terms
from ..engine.checks import Conformity, Verdicts
from ..engine.evaluate import EntryResult, Evaluation


def num(value: Fraction | int | None, places: int = 4):
    """A JSON number: an int when whole, else rounded half-up to ``places`` decimals."""
    if type(value) is Fraction:
        numerator, denominator = value.numerator, value.denominator
    elif value is None or isinstance(value, int):
        return value
    else:
        numerator, denominator = value.numerator, value.denominator
    if denominator == 1:
        return numerator
    scale = 10**places  # half-up, away from zero, as format_number; int / int is correctly rounded
    magnitude = (2 * abs(numerator) * scale + denominator) // (2 * denominator)
    if magnitude % scale == 0:
        return magnitude // scale if numerator >= 0 else -(magnitude // scale)
    return magnitude / scale if numerator >= 0 else -magnitude / scale


def exact(value: Fraction | int) -> str:
    if type(value) is Fraction:  # as Fraction.__str__, without its call
        return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value.numerator)
    return str(value) if isinstance(value, (Fraction, int)) else str(Fraction(value))


def manual_counts(rubric: Rubric, data) -> dict:
    """How many manual verdicts (rows of the checks file: failures and waivers) were recorded, and how many
    of them are the verdicts of the manual checks — every output says so (SPEC §3: no row is a pass)."""
    manual = [c.id for c in rubric.checks if c.manual]
    return {"manual_verdicts": len(data.verdicts), "manual_checks": manual,
            "manual_check_verdicts": sum(1 for v in data.verdicts if v.check in manual)}


def _labels(rubric: Rubric) -> dict:
    return {
        "panels": {p.id: p.label for p in rubric.panels},
        "criteria": {c.id: c.label for c in rubric.criteria},
        "checks": {c.id: c.label for c in rubric.checks},
        "awards": {a.id: a.label for a in rubric.awards},
        "vote_categories": {c.id: c.label for c in rubric.voting.categories},
        "formats": {f.id: f.label for f in rubric.formats},
        "conformity": rubric.conformity.label if rubric.conformity else None,
    }


def _header(rubric: Rubric, data) -> dict:
    return {
        "contest": {"id": rubric.contest.id, "name": rubric.contest.name,
                    **({"theme": rubric.contest.theme} if rubric.contest.theme else {}),
                    **({"period": rubric.contest.period} if rubric.contest.period else {})},
        "rubric_sha256": rubric.sha256,
        "inputs_sha256": dict(sorted(data.inputs.items())),
        "engine_version": __version__,
        **({"verdicts_file": data.verdicts_file} if getattr(data, "verdicts_file", None) else {}),
    }


def _panel_dict(result: EntryResult, rubric: Rubric, kinds: list | None = None, shared: dict | None = None) -> dict:
    """``kinds``: (panel id, judged) of every panel, when the caller made them once. ``shared``: a dict the
    caller keeps for one document, in which equal plain panel sections are made once and shared (read-only):
    a hundred thousand entries hold few distinct (score, judges) and (votes, rank) pairs."""
    panels = {}
    for panel_id, judged in kinds if kinds is not None else [(p.id, p.judged) for p in rubric.panels]:
        score = result.panels[panel_id]
        if judged:
            value = score.score
            plain = shared is not None and type(value) is Fraction and not (score.items or score.missing or score.notes)
            key = (panel_id, value.numerator, value.denominator, score.judge_count) if plain else None
            data = shared.get(key) if plain else None
            if data is None:
                data = _judged_section(score)
                if plain:
                    shared[key] = data
        else:
            key = (panel_id, score.votes, score.vote_rank) if shared is not None else None
            data = shared.get(key) if key is not None else None
            if data is None:
                data = {"votes": score.votes, "rank": score.vote_rank, "points": num(score.score)}
                if key is not None:
                    shared[key] = data
        panels[panel_id] = data
    return panels


def _judged_section(score) -> dict:
    data = {"score": num(score.score), "score_exact": exact(score.score), "judges": score.judge_count}
    if score.items:
        data["items"] = {item or "": num(value) for item, value in score.items.items()}
    if score.missing:
        data["missing"] = True
    if score.notes:  # a plugin aggregation's Aggregated.note, as explain gives it (results/normalised.py)
        from ..extension import _message

        data["aggregation_notes"] = [{"item": item, "note": _message(note).to_dict()} for item, note in score.notes]
    return data


def ineligible_data(evaluation: Evaluation, result) -> bool | list[dict]:
    """``false``, or why a check of severity ``ineligible`` keeps the entry from every award
    (``{"code", "fields", "text"}`` each): it stays ranked and listed."""
    if not result.ineligible:
        return False
    from ..engine.eligibility import ineligible_reasons

    labels = {c.id: c.label for c in evaluation.rubric.checks}
    return [reason.to_dict() for reason in ineligible_reasons(result, labels)]


def evaluation_document(evaluation: Evaluation) -> dict:
    rubric = evaluation.rubric
    document = _header(rubric, evaluation.data)
    document["labels"] = _labels(rubric)
    document["display_decimals"] = rubric.final.decimals
    document["tie_break"] = list(rubric.final.tie_break)
    document["entries"] = []
    kinds = [(p.id, p.judged) for p in rubric.panels]
    clean: dict = {}  # 规范性 score -> the one section every entry with nothing to report shares (read-only)
    no_awards: list = []  # shared by every entry that won nothing (read-only, as ``clean``)
    sections: dict = {}  # equal panel sections, shared (read-only, as ``clean``)
    for result in evaluation.entries:
        conformity = result.conformity
        if conformity.violations or conformity.waivers or conformity.reviews:
            section = {"score": num(conformity.score), "violations": list(conformity.violations),
                       "waived": [{"check": o.check, "note": o.note} for o in conformity.waivers],
                       "review": [o.check for o in conformity.reviews]}
        else:
            score = conformity.score  # keyed by its integers: a Fraction's own hash costs a pow
            key = (score.numerator, score.denominator) if type(score) is Fraction else score
            section = clean.get(key)
            if section is None:
                section = clean[key] = {"score": num(conformity.score), "violations": [], "waived": [],
                                                     "review": []}
        document["entries"].append({
            "id": result.entry.id, "title": result.entry.title, "unit": result.entry.unit,
            "participants": result.entry.participants, "format": result.entry.format,
            "final": num(result.final), "final_exact": exact(result.final),
            "rank": result.rank, "disqualified": result.disqualified,
            "ineligible": ineligible_data(evaluation, result),
            "panels": _panel_dict(result, rubric, kinds, sections),
            "conformity": section,
            "awards": list(result.awards) if result.awards else no_awards,
            "provisional": bool(conformity.reviews),  # 待复核: a check a person must still look at
        })
    document["provisional"] = [e["id"] for e in document["entries"] if e["provisional"]]
    document.update(manual_counts(rubric, evaluation.data))
    document["judge_sheets"] = {p.id: judge_sheets(p, evaluation.data, rubric) for p in rubric.judged_panels}
    units = sorted({e.unit for e in evaluation.data.entries} | set(evaluation.data.units))
    document["awards"] = []
    for award, outcome in zip(rubric.awards, evaluation.awards):
        document["awards"].append({"id": award.id, "name": award.label, "subject": award.subject,
                                   "count": outcome.places, "winners": list(outcome.winners),
                                   "ordered": award.ordered, "tied": list(outcome.tied),  # issue 17
                                   "reasons": {w: _said(outcome.reasons.get(w, "")) for w in outcome.winners},
                                   "notes": [_said(note) for note in outcome.notes]})
        if award.share is not None:  # count: 10%: the places worked out above, the share as written
            document["awards"][-1]["share"] = award.count_written
        if outcome.replaced:  # places freed by a forfeit or a clash, and who took them (cascades)
            document["awards"][-1]["replaced"] = [dict(r) for r in outcome.replaced]
        if award.subject == "units" and award.strategy_impl.explain is not None and evaluation.award_context:
            explain, context = award.strategy_impl.explain, evaluation.award_context.about(award)
            document["awards"][-1]["composites"] = unit_explanations(
                [(unit, explain(award, context, unit)) for unit in units])
    winners = [w for award in document["awards"] if award["subject"] == "entries" for w in award["winners"]]
    document["final_terms"] = {entry: [{"id": t.id, "label": t.label, "value": num(t.value),
                                        "value_exact": exact(t.value)} for t in terms]
                               for entry, terms in final_terms(evaluation, dict.fromkeys(winners)).items()}
    unit_awards = evaluation.unit_awards()
    counts = Counter(e.unit for e in evaluation.data.entries)
    composites = {award.id: outcome.scores for award, outcome in zip(rubric.awards, evaluation.awards)
                  if award.subject == "units" and outcome.scores}
    document["units"] = [{"unit": unit, "entries": counts[unit], "awards": unit_awards.get(unit, []),
                          **({"composites": {a: num(scores[unit]) for a, scores in composites.items()
                                             if unit in scores},
                              "composites_exact": {a: exact(scores[unit]) for a, scores in composites.items()
                                                   if unit in scores}} if composites else {})}
                         for unit in units]
    document["warnings"] = _warnings(evaluation.warnings)
    document["warning_details"] = _warning_details(evaluation.warnings)
    return document


def judge_sheets(panel, data, rubric: Rubric) -> dict[str, list]:
    """Every judge's sheet on ``panel``, column by column in the order of the scores file:
    ``entry``, ``judge``, (``item``, ``factor``,) then one column of marks, as entered, per
    judged criterion.

    Columns, not a row per sheet: the columns are the data's own lists (marks given in whole
    points need no copy), so a million score rows cost the JSON text and nothing more.
    """
    from ..engine.scoring import panel_sheets

    judged = [c for c in panel.criteria if rubric.criterion(c).judged]
    sheets = panel_sheets(panel, data, judged)
    columns: dict[str, list] = {"entry": sheets.entry, "judge": sheets.judge}
    if sheets.item is not None:
        columns["item"] = sheets.item
    if sheets.factor is not None:
        columns["factor"] = [num(f) for f in sheets.factor]
    for criterion in judged:
        marks, scale = sheets.marks[criterion], sheets.scales[criterion]
        columns[criterion] = marks if scale == 1 else [num(Fraction(m, scale)) for m in marks]
    return columns


def _said(value):
    """An award's reason or note as the document carries it: ``{"code", "fields", "text"}``."""
    return value.to_dict() if isinstance(value, Message) else value


def _with_exact(value):
    """A strategy's explanation as JSON: numbers rounded to 4 decimals, and beside every
    fraction that 4 decimals do not hold its exact value as ``<key>_exact`` (so a display
    rounding starts from the exact value, never from the 4 decimals)."""
    kind = type(value)
    if kind is dict:
        result = {}
        for key, item in value.items():
            if type(item) is Fraction:
                if item.denominator == 1:
                    result[key] = item.numerator
                else:
                    result[key] = num(item)
                    if 10**4 % item.denominator:  # 4 decimals do not hold it
                        result[f"{key}_exact"] = f"{item.numerator}/{item.denominator}"
            else:
                result[key] = item if type(item) in (int, str, bool, float) or item is None else _with_exact(item)
        return result
    if kind is list or kind is tuple:
        return [_with_exact(item) for item in value]
    if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        return num(value)
    return _said(value)


def _shared_once(explained: list[dict]) -> dict:
    """Every unit's explanation of a unit award, with what all of them say alike said once.

    ``units`` lists each unit's explanation; ``shared`` holds the keys every unit with
    ``terms`` has with the same value (the metrics' labels, best values and weights; the
    lowest winner), and ``shared.terms[i]`` those of the i-th term. A unit's full
    explanation is ``{**shared, **unit}``, term by term ``{**shared.terms[i], **term}``.
    """
    full = [e for e in explained if "terms" in e]
    shared: dict = {}
    if len(full) > 1:
        first = full[0]
        for key in [k for k in first if k not in ("unit", "terms")]:
            if all(key in e and e[key] == first[key] for e in full):
                shared[key] = first[key]
        for e in full:
            for key in shared:
                del e[key]
        if len({len(e["terms"]) for e in full}) == 1:
            terms = []
            for position, term in enumerate(first["terms"]):
                alike = {k: v for k, v in term.items() if all(k in e["terms"][position] and
                                                              e["terms"][position][k] == v for e in full)}
                terms.append(alike)
                for e in full:
                    for key in alike:
                        del e["terms"][position][key]
            shared["terms"] = terms
    return {"shared": shared, "units": explained}


_SCALARS = (int, str, bool, Fraction, type(None))  # converted by value alone: equal raw values, equal JSON


def unit_explanations(explained: list[tuple[str, dict]]) -> dict:
    """``_shared_once`` of every unit's explanation through ``_with_exact``, the same bytes, cheaper.

    What every unit says alike (labels, best values, weights) is found on the raw values and
    converted once; only what differs is converted per unit. Anything unusual (a unit key in an
    explanation, ``*_exact`` keys of its own, terms that are not a list of dicts of one length)
    takes the plain way.
    """
    full = [raw for _, raw in explained if "terms" in raw]
    plain = (len(full) < 2 or any(type(raw) is not dict or "unit" in raw for _, raw in explained)
             or any(type(raw["terms"]) not in (list, tuple) or any(type(t) is not dict for t in raw["terms"])
                    for raw in full)
             or len({len(raw["terms"]) for raw in full}) != 1
             or any(k.endswith("_exact") for raw in (full[0], *full[0]["terms"]) for k in raw))
    if plain:
        return _shared_once([{"unit": unit, **_with_exact(raw)} for unit, raw in explained])
    shared, top = _split(full, skip=("terms",))
    terms = [_split([raw["terms"][position] for raw in full]) for position in range(len(full[0]["terms"]))]
    once: dict = {}
    terms = [(alike, _each_one_of(once, rests)) for alike, rests in terms]
    shared["terms"] = [alike for alike, _ in terms]
    rests = iter(zip(top, *(rest for _, rest in terms)))
    units = []
    for unit, raw in explained:
        if "terms" not in raw:
            units.append({"unit": unit, **_with_exact(raw)})
            continue
        mine, *term_rests = next(rests)
        mine["terms"] = term_rests
        units.append({"unit": unit, **{k: mine[k] for k in _converted_order(raw, mine)}})
    return {"shared": shared, "units": units}


_PROBE = 256  # distinct dicts looked up before a term whose dicts never repeat stops looking


def _each_one_of(once: dict, rests: list[dict]) -> list[dict]:
    """``_one_of`` of each of ``rests``, once per distinct dict object (equal units share one).

    A term whose dicts are each a unit's own (its reads, its entry-rank score) has nothing to share,
    and looking for an equal dict would cost more than the memory it saves: after ``_PROBE`` distinct
    dicts without one equal to an earlier, the rest stay as they are (the same JSON either way)."""
    made: dict = {}
    result = []
    looked = shared = 0
    for rest in rests:
        kept = made.get(id(rest))
        if kept is None:
            if shared or looked < _PROBE:
                kept = _one_of(once, rest)
                looked, shared = looked + 1, shared + (kept is not rest)
            else:
                kept = rest
            made[id(rest)] = kept
        result.append(kept)
    return result


def _one_of(once: dict, converted: dict) -> dict:
    """``converted``, or an equal dict made before (same keys in the same order, values of the same type
    and the same JSON): 25 000 units say ``{}`` or ``{"value": 3, "term": 0.03}`` for most terms, and one
    read-only dict each saves a tenth of the document."""
    if not all(type(v) in _ATOMS for v in converted.values()):
        return converted
    # the type and a float's hex: 1, 1.0 and True (and 0.0 and -0.0) are equal keys but not the same JSON
    key = tuple((k, type(v), v.hex() if type(v) is float else v) for k, v in converted.items())
    return once.setdefault(key, converted)


_ATOMS = (int, str, bool, float, type(None))


def _converted_order(raw: dict, converted: dict) -> list[str]:
    """The keys of ``converted`` in the order ``_with_exact(raw)`` gives them (``terms`` in its place)."""
    keys = []
    for key in raw:
        if key in converted:
            keys.append(key)
        if f"{key}_exact" in converted:
            keys.append(f"{key}_exact")
    return keys


def _converted_except(raw: dict, excluded: set) -> dict:
    """``_with_exact`` of ``raw`` without the ``excluded`` keys, in one pass (the dict branch, inlined)."""
    result = {}
    for key, item in raw.items():
        if key in excluded:
            continue
        kind = type(item)
        if kind is Fraction:
            numerator, denominator = item.numerator, item.denominator
            if denominator == 1:
                result[key] = numerator
            else:
                result[key] = num(item)
                if 10**4 % denominator:
                    result[f"{key}_exact"] = f"{numerator}/{denominator}"
        elif kind is int or kind is str or kind is bool or kind is float or item is None:
            result[key] = item
        else:
            result[key] = _with_exact(item)
    return result


def _split(raws: list[dict], skip: tuple = ()) -> tuple[dict, list[dict]]:
    """(the converted keys all of ``raws`` share, each one's other converted keys), as ``_shared_once``:
    a key is shared when every dict has it with the same JSON value."""
    first = raws[0]
    distinct = list({id(r): r for r in raws}.values())  # a dict shared by many units is looked at once
    alike = []
    for key, value in first.items():
        if key in skip or type(value) not in _SCALARS:
            continue
        kind = type(value)
        if all(key in r and ((v := r[key]) is value or (type(v) is kind and v == value)) for r in distinct):
            alike.append(key)
    once = _with_exact({k: first[k] for k in alike})
    excluded = {*alike, *skip}
    converted = {id(r): _converted_except(r, excluded) for r in distinct}
    differing = converted[id(first)]
    shared_too = {k: v for k, v in differing.items() if all(k in r and r[k] == v for r in converted.values())}
    for rest in converted.values():
        for key in shared_too:
            del rest[key]
    rests = [converted[id(r)] for r in raws]
    shared = {**once, **shared_too}
    return {k: shared[k] for k in _converted_order(first, shared)}, rests


def _unique(problems) -> list:
    seen, result = set(), []
    for problem in problems:
        if problem.headline() not in seen:
            seen.add(problem.headline())
            result.append(problem)
    return result


def _warnings(problems) -> list[str]:
    return [problem.headline() for problem in _unique(problems)]


def _warning_details(problems) -> list[dict]:
    """The same warnings as data: a stable code, the message, the file/line/column, a hint."""
    return [problem.to_dict() for problem in _unique(problems)]


def saved_verdict(verdict) -> dict:
    """A raw verdict as ``--verdicts FILE`` reads it back: language-free (:meth:`Verdict.to_dict`), each
    message with its ``text`` in the current language beside it for a person reading the file."""
    data = verdict.to_dict()
    for key in ("reason", "measured", "limit"):
        if isinstance(data[key], dict):
            data[key] = {**data[key], "text": str(getattr(verdict, key))}
    return data


def check_document(rubric: Rubric, data, report: dict[str, Conformity], warnings,
                   verdicts: Verdicts | None = None) -> dict:
    """The check grid; with ``verdicts``, also the raw verdicts that ``--verdicts FILE`` reads back."""
    document = _header(rubric, data)
    document["labels"] = _labels(rubric)
    document["checks"] = [{"id": c.id, "label": c.label, "type": c.type, "severity": c.severity,
                           "applies_to": list(c.applies_to)} for c in rubric.checks]
    document["submissions"] = str(data.submissions) if data.submissions else None
    document["entries"] = []
    for entry in data.entries:
        conformity = report[entry.id]
        document["entries"].append({
            "id": entry.id, "title": entry.title, "unit": entry.unit, "format": entry.format,
            "conformity": {"score": num(conformity.score), "violations": list(conformity.violations)},
            "disqualified": bool(conformity.disqualified_by),
            "checks": [o.to_dict() for o in conformity.outcomes],
        })
    document.update(manual_counts(rubric, data))
    if verdicts is not None:
        document["verdicts"] = {c.id: {e.id: saved_verdict(verdicts[c.id][e.id]) for e in data.entries}
                                for c in rubric.checks}
    document["warnings"] = _warnings(warnings)
    document["warning_details"] = _warning_details(warnings)
    return document
