"""Votes (``votes.csv``/``.xlsx``): tallies per entry and category, or a raw log counted under the rubric's rule."""
from __future__ import annotations

from collections import Counter

from ..errors import Location, ProblemList, did_you_mean
from ..language.wording import Joined
from ..messages import Message
from ..rubric.model import Rubric
from .columns import Columns, map_headers, row_order
from .tables import Table
from .values import choice, timestamp, whole_number

VOTE_COLUMNS = {"entry": "作品编号", "votes": "票数", "category": "类别", "voter": "投票人",
                "time": "投票时间", "ip": "IP", "device": "设备"}


def read_votes(table: Table, rubric: Rubric, entry_ids: set[str], problems: ProblemList) -> dict:
    """``{(entry, category): votes}``; every problem goes to ``problems``, row by row."""
    cols = map_headers(table, VOTE_COLUMNS, problems, required=("entry",))
    if not cols.has("entry") or not len(cols):
        return {}
    local = ProblemList()
    if cols.has("voter"):
        tallies = _vote_log(cols, rubric, entry_ids, local)
    elif not cols.has("votes"):
        problems.add("error", "data.column:votes", Location(str(table.path), 1))
        return {}
    else:
        tallies = _tallies(cols, rubric, entry_ids, local)
    local.problems.sort(key=row_order)
    problems.extend(local.problems)
    return tallies


def _targets(cols: Columns, rubric: Rubric, entry_ids: set[str], p: ProblemList) -> tuple[list, list]:
    """Each row's entry (None where unknown) and category (None where unknown), errors located."""
    categories = {}
    for category in rubric.voting.categories:
        categories[category.id] = category.id
        categories[category.label] = category.id
    default = rubric.voting.default_category
    entries = cols.texts("entry")
    if cols.has("category"):
        parsed = cols.parse("category", lambda cell: choice(cell, Message("data.what.vote_category"), categories),
                            ProblemList())
        category_of = [default if c is None and not t else c for c, t in zip(parsed, cols.texts("category"))]
    else:
        category_of = [default] * len(cols)
    unknown = [row for row, entry in enumerate(entries) if entry not in entry_ids]
    for row in unknown:
        entry = entries[row]
        p.error(Message("data.unknown:entry", entry=entry) if entry else Message("data.missing:entry"),
                cols.location(row, "entry"), code="data.unknown", hint=did_you_mean(entry, entry_ids))
        entries[row] = None
    for row, category in enumerate(category_of):
        if category is None and entries[row] is not None:
            choice_error(cols, row, categories, p)
    return entries, category_of


def choice_error(cols: Columns, row: int, categories: dict, p: ProblemList) -> None:
    from .values import CellError

    try:
        choice(cols.cell(row, "category"), Message("data.what.vote_category"), categories)
    except CellError as exc:
        p.problems.append(exc.problem)


def _tallies(cols: Columns, rubric: Rubric, entry_ids: set[str], p: ProblemList) -> dict:
    entries, category_of = _targets(cols, rubric, entry_ids, p)
    labels = {category.id: category.label for category in rubric.voting.categories}
    what = Message("data.what.votes")
    counts = cols.parse("votes", lambda cell: whole_number(cell, what), ProblemList(), skip_blank=False)
    tallies, first = {}, {}
    for row, (entry, category, count) in enumerate(zip(entries, category_of, counts)):
        if entry is None or category is None:
            continue
        if count is None:
            try:
                whole_number(cols.cell(row, "votes"), what)
            except Exception as exc:  # CellError: located at this row
                p.problems.append(exc.problem)
            continue
        key = (entry, category)
        if key in first:
            p.add("error", "data.duplicate:votes", cols.location(row, "entry"), entry=entry,
                  category=labels[category], first=first[key])
            continue
        first[key] = cols.table.lines[row]
        tallies[key] = count
    return tallies


def _vote_log(cols: Columns, rubric: Rubric, entry_ids: set[str], p: ProblemList) -> dict:
    """Count a raw vote log under the rubric's rule (one vote per voter, entry, category, day)."""
    voting, tz = rubric.voting, rubric.contest.timezone
    entries, category_of = _targets(cols, rubric, entry_ids, p)
    voters, ips, devices = cols.texts("voter"), cols.texts("ip"), cols.texts("device")
    what = Message("data.what.time")
    times = cols.parse("time", lambda cell: timestamp(cell, what), p) if cols.has("time") else [None] * len(cols)
    needs_time = "day" in voting.one_vote_per or voting.opens or voting.closes
    seen, tallies = set(), Counter()
    outside, repeated = 0, 0
    for row, entry in enumerate(entries):
        if entry is None:
            continue
        voter, category, when = voters[row], category_of[row], times[row]
        if not voter:
            p.add("error", "data.missing:voter", cols.location(row, "voter"))
            continue
        if category is None:
            continue
        if when is None and needs_time:
            if cols.has("time") and cols.raw("time")[row] not in (None, "") and str(cols.raw("time")[row]).strip():
                continue  # an unreadable time: already reported
            p.add("error", "data.missing:time", cols.location(row, "time" if cols.has("time") else "voter"))
            continue
        day = None
        if when is not None:
            local = when.astimezone(tz) if when.tzinfo else when.replace(tzinfo=tz)
            day = local.date()
            if (voting.opens and day < voting.opens) or (voting.closes and day > voting.closes):
                outside += 1
                continue
        fields = {"voter": voter, "entry": entry, "category": category, "day": day,
                  "ip": ips[row], "device": devices[row]}
        key = tuple(fields[f] for f in voting.one_vote_per)
        if key in seen:
            repeated += 1
            continue
        seen.add(key)
        tallies[(entry, category)] += 1
    location = Location(str(cols.table.path))
    if outside:
        p.add("warning", "data.votes_outside", location, count=outside, opens=voting.opens or "",
              closes=voting.closes or "")
    if repeated:
        p.add("warning", "data.votes_repeated", location, count=repeated,
              per=Joined(Message("data.vote_key." + name) for name in voting.one_vote_per))
    return dict(tallies)
