"""``votes_reinstated.csv``/``.xlsx`` (恢复投票): votes an exclude rule set aside, counted again after an appeal.

One row per reinstatement: the rule (its id), the entry, and the voter or the IP (or both:
then a vote must match both). Every excluded vote of that entry from that voter / IP that
the rule caught counts again, unless another exclude rule still catches it.
"""
from __future__ import annotations

from ..errors import Location, ProblemList, did_you_mean
from ..messages import Message
from ..rubric.model import Rubric
from .columns import map_headers, row_order
from .tables import Table

REINSTATED_COLUMNS = {"rule": "规则", "entry": "作品编号", "voter": "投票人", "ip": "IP"}


def read_reinstated(table: Table, rubric: Rubric, entry_ids: set[str], problems: ProblemList) -> list[tuple]:
    """``[(file row, rule, entry, voter, ip)]`` (``''`` where not given); errors located row by row."""
    cols = map_headers(table, REINSTATED_COLUMNS, problems, required=("rule", "entry"))
    if not (cols.has("rule") and cols.has("entry")):
        return []
    if not (cols.has("voter") or cols.has("ip")):
        problems.add("error", "votes.reinstated:columns", Location(str(table.path), 1))
        return []
    excluding = {flag.id for flag in rubric.voting.flags if flag.action == "exclude"}
    local, rows = ProblemList(), []
    voters, ips = cols.texts("voter"), cols.texts("ip")
    for row, (rule, entry) in enumerate(zip(cols.texts("rule"), cols.texts("entry"))):
        bad = False
        if rule not in excluding:
            local.error(Message("votes.reinstated:rule", rule=rule, rules=", ".join(sorted(excluding)) or "-"),
                        cols.location(row, "rule"), code="votes.reinstated", hint=did_you_mean(rule, excluding))
            bad = True
        if entry not in entry_ids:
            local.error(Message("data.unknown:entry", entry=entry) if entry else Message("data.missing:entry"),
                        cols.location(row, "entry"), code="data.unknown", hint=did_you_mean(entry, entry_ids))
            bad = True
        if not voters[row] and not ips[row]:
            local.add("error", "votes.reinstated:who", cols.location(row))
            bad = True
        if not bad:
            rows.append((table.lines[row], rule, entry, voters[row], ips[row]))
    local.problems.sort(key=row_order)
    problems.extend(local.problems)
    return rows
