"""Built-in checks that need only the tables: recommendation letter, deadline, unit quota; and the
manual check, whose verdict a person records in the checks table."""
from __future__ import annotations

import datetime as dt

from rubric_engine import CheckType, Message, ParamError, Verdict, hookimpl, param_date


_LETTER_YES = Verdict("pass", Message("checks.letter.yes"))  # one verdict shared by every entry with a letter


def recommendation_letter(entry, params, context) -> Verdict:
    """The unit sent a recommendation letter (entries.recommendation_letter)."""
    if entry.recommendation_letter is True:
        return _LETTER_YES
    folder = context.folder_of(entry)
    if folder is not None and folder.is_dir():
        names = params.get("file_names", ["推荐函"])
        for path in sorted(folder.iterdir()):
            if any(name in path.stem for name in names) and not path.is_symlink():
                return Verdict("pass", Message("checks.letter.file", name=path.name))
    if entry.recommendation_letter is None:
        return Verdict("review", Message("checks.letter.unknown"))
    return Verdict("fail", Message("checks.letter.none"))


def _prepare_deadline(params, rubric):
    if "deadline" not in params and rubric.contest.deadline is None:
        raise ParamError(Message("checks.params.deadline"), "deadline", Message("checks.params.deadline.hint"))
    deadline = param_date(params, "deadline", rubric.contest.deadline)
    # "by 2018-11-10": the whole day counts, in the contest's time zone.
    end = dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time(), rubric.contest.timezone)
    # One limit message for every entry's verdict (verdicts are immutable; 100 000 entries share it).
    return {"deadline": deadline, "end": end,
            "limit": Message("checks.deadline.limit", deadline=deadline.isoformat()),
            "made": {}}  # (submitted_at, its tzinfo) -> the verdict: entries sent in the same minute share one


def deadline(entry, params, context) -> Verdict:
    """Submitted on or before the deadline day (contest time zone)."""
    made = params.get("made")
    if made is None:
        return _deadline(entry, params, context)
    key = (entry.submitted_at, entry.submitted_at.tzinfo if entry.submitted_at is not None else None)
    verdict = made.get(key)
    if verdict is None:
        verdict = made[key] = _deadline(entry, params, context)
    return verdict


def _deadline(entry, params, context) -> Verdict:
    limit = params.get("limit") or Message("checks.deadline.limit", deadline=params["deadline"].isoformat())
    if entry.submitted_at is None:
        return Verdict("review", Message("checks.deadline.unknown"), limit=limit)
    submitted = entry.submitted_at
    if submitted.tzinfo is None:
        submitted = submitted.replace(tzinfo=context.rubric.contest.timezone)
    shown = entry.submitted_at.isoformat(sep=" ")
    if submitted >= params["end"]:
        return Verdict("fail", Message("checks.deadline.late", submitted=shown, deadline=params["deadline"].isoformat()),
                       shown, limit)
    return Verdict("pass", Message("checks.deadline.pass", submitted=shown), shown, limit)


def unit_quota(entries, params, context) -> dict:
    """A unit nominates at most ``max_entries`` entries (a team counts once).

    Entries past the quota, in order of submission time then id, fail; the others pass.
    """
    from rubric_engine import natural_key

    limit = params.get("max_entries", 5)
    by_unit: dict[str, list] = {}
    for entry in entries:
        by_unit.setdefault(entry.unit, []).append(entry)
    verdicts = {}
    shown_limit = Message("checks.literal", text=f"≤ {limit}")  # shared by every verdict, as is a unit's measure
    for unit, unit_entries in by_unit.items():
        ordered = _by_submission(unit_entries, natural_key)
        measured = Message("checks.quota.measured", unit=unit, count=len(ordered))
        for position, entry in enumerate(ordered, start=1):
            if position > limit:
                verdicts[entry.id] = Verdict(
                    "fail", Message("checks.quota.fail", unit=unit, count=len(ordered), limit=limit, position=position),
                    measured, shown_limit)
            else:
                verdicts[entry.id] = Verdict("pass", Message("checks.quota.pass", position=position, count=len(ordered)),
                                             measured, shown_limit)
    return verdicts


def _by_submission(entries: list, natural_key) -> list:
    """In order of submission time, then id (E2 before E10); the id's natural key is made only for
    entries sent at the same moment as another (most units' entries were not)."""
    def moment(entry) -> tuple:
        return (entry.submitted_at is None, entry.submitted_at.isoformat() if entry.submitted_at else "")

    if len(entries) < 2:
        return list(entries)
    moments = list(map(moment, entries))
    if len(set(moments)) == len(moments):  # no two sent at the same moment: the id never decides
        return [entries[index] for index in sorted(range(len(entries)), key=moments.__getitem__)]
    return sorted(entries, key=lambda e: (*moment(e), natural_key(e.id)))


def manual(entries, params, context) -> dict:
    """No verdict until a person records one in the checks table (an unrecorded one counts as a pass)."""
    pending = Verdict("not_run", Message("results.check.manual_pending"))
    return dict.fromkeys((entry.id for entry in entries), pending)  # one shared verdict


def _prepare_manual(params, rubric):
    if params:
        raise ParamError(Message("rubric.check:manual_params"))
    return params


@hookimpl
def register_checks(register):
    register(CheckType("manual", manual, "a person records the verdict in the checks table", scope="contest",
                       by_hand=True, prepare=_prepare_manual))
    register(CheckType("recommendation_letter", recommendation_letter,
                       "the entry has a recommendation letter (推荐函)",
                       params_schema={"type": "object", "additionalProperties": False,
                                      "properties": {"file_names": {"type": "array",
                                                                    "items": {"type": "string"}}}}))
    register(CheckType("deadline", deadline, "submitted by the deadline (the whole day counts)",
                       params_schema={"type": "object", "additionalProperties": False,
                                      "properties": {"deadline": {"type": "string",
                                                                  "description": 'e.g. "2018-11-10"'}}},
                       prepare=_prepare_deadline))
    register(CheckType("unit_quota", unit_quota, "a unit nominates at most max_entries entries",
                       scope="contest",
                       params_schema={"type": "object", "additionalProperties": False,
                                      "properties": {"max_entries": {"type": "integer", "minimum": 1}}}))
