"""``forfeits.csv``/``.xlsx`` (放弃): winners who gave their award up (e.g. did not sign the 承诺书).

One row per forfeit: ``entry`` (作品编号: an entry id, or a unit for a unit award), ``award`` (奖项:
its id or label), ``note`` (备注). The engine applies them after the results (engine/cascades.py):
the place is refilled or left vacant as the award's group says. Unknown entries, units and awards
are errors at their cell, with a did-you-mean; the same forfeit twice is an error.
"""
from __future__ import annotations

from ..data import Forfeit
from ..errors import ProblemList, did_you_mean
from ..messages import Message
from ..rubric.model import Rubric
from .columns import map_headers, row_order
from .keys import fold_key
from .tables import Table

FORFEIT_COLUMNS = {"entry": "作品编号", "award": "奖项", "note": "备注"}


def read_forfeits(table: Table, rubric: Rubric, entry_ids: set[str], units: set[str],
                  problems: ProblemList) -> list[Forfeit]:
    """The table's forfeits in row order; every bad row an error at its cell."""
    cols = map_headers(table, FORFEIT_COLUMNS, problems, required=("entry", "award"))
    if not (cols.has("entry") and cols.has("award")):
        return []
    awards = {}
    for award in rubric.awards:
        awards.setdefault(fold_key(award.label), award)
        awards[award.id] = award
    local, result, first = ProblemList(), [], {}
    notes = cols.texts("note")
    for row, (raw_entry, raw_award) in enumerate(zip(cols.texts("entry"), cols.texts("award"))):
        entry, name = fold_key(raw_entry), fold_key(raw_award)
        award = awards.get(name)
        if award is None:
            local.error(Message("data.forfeit:unknown_award", award=raw_award) if name
                        else Message("data.forfeit:missing_award"), cols.location(row, "award"), code="data.unknown",
                        hint=did_you_mean(name, list(awards)))
            continue
        known = units if award.subject == "units" else entry_ids
        if entry not in known:
            message = (Message("data.forfeit:unknown_unit", unit=raw_entry) if award.subject == "units"
                       else Message("data.unknown:entry", entry=raw_entry) if entry else Message("data.forfeit:missing_entry"))
            local.error(message, cols.location(row, "entry"), code="data.unknown", hint=did_you_mean(entry, known))
            continue
        if (entry, award.id) in first:
            local.add("error", "data.forfeit:duplicate", cols.location(row, "entry"), first=first[(entry, award.id)])
            continue
        first[(entry, award.id)] = table.lines[row]
        result.append(Forfeit(entry, award.id, notes[row], cols.location(row)))
    local.problems.sort(key=row_order)
    problems.extend(local.problems)
    return result
