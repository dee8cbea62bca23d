"""Cascades and vacancies: one award per entry, participant or unit in a group, and places freed afterwards.

Awards are decided in rubric order, and rubric order is precedence. In an exclusive group a winner
whose entry, participant (参赛人员, split into names) or unit already holds an earlier award of the
group clashes: the higher award is kept, and the lower award's place is freed. Under ``vacancy: refill``
the award is decided again without that entry, from that award down in the group, so the next in rank
order moves up (缺额按得分由高到低递补); under ``vacancy: vacant`` the place stays empty (不作递补).

The ``forfeits`` table is applied after the results: under refill every award is decided again with
the forfeiting winner out of the pool of that award and of the later ones of its group (and, for a
strategy whose awards chain, as tiers do, of its later awards); under vacant the winner is removed.
Every freed place is recorded on the outcome (``replaced``) and said in a note: who left, who moved up.
Eligibility (``eligible:``, checks of severity ``ineligible``) and disqualification act before the
strategies: every decision here, the first and each refill, is over the award's eligible pool
(``AwardContext.eligible``), and they never make a vacancy.
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..awarding import AwardOutcome
from ..data.participants import participant_keys
from ..language.wording import Joined
from ..messages import Message
from ..rubric.model import Award


def decide_all(new_context: Callable, decide: Callable, reorder: Callable, forfeits: Iterable = ()):
    """Every award in rubric order with the groups' clashes resolved; then the forfeits.

    ``decide(award, context)``: one strategy's outcome; ``reorder(award, outcome, context)``: its winners
    put in rank order again after some are taken off (both from engine/awards.py)."""
    forfeits = list(forfeits)
    context = _run(new_context(), {}, decide, reorder)
    if not forfeits:
        return context
    rubric = context.rubric
    before = [list(o.winners) for o in context.outcomes]
    index_of = {a.id: i for i, a in enumerate(rubric.awards)}
    removed: dict[str, set] = {}
    refilled, vacated, unused = [], [], []
    for forfeit in forfeits:
        index = index_of[forfeit.award]
        if forfeit.entry not in before[index]:
            unused.append((index, forfeit))
        elif rubric.award_group(rubric.awards[index].exclusive_group or "").vacancy == "vacant" and \
                rubric.awards[index].exclusive_group:
            vacated.append((index, forfeit))
        else:
            refilled.append((index, forfeit))
            for award in _scope(rubric, index):
                removed.setdefault(award.id, set()).add(forfeit.entry)
    if refilled:
        context = _run(new_context(), removed, decide, reorder)
    outcomes = context.outcomes
    for index, forfeit in vacated:
        _drop(rubric.awards[index], outcomes[index], [forfeit.entry], context, reorder)
        outcomes[index].replaced.append({"entry": forfeit.entry, "cause": "forfeit", "note": forfeit.note, "by": [],
                                         "vacant": True})
        outcomes[index].notes.append(Message("awards.forfeit.vacant", entry=forfeit.entry,
                                             award=rubric.awards[index].label, note=_note(forfeit)))
    forfeited = {index: [f for i, f in refilled if i == index] for index, _ in refilled}
    for index, (award, outcome) in enumerate(zip(rubric.awards, outcomes)):
        if not refilled:
            break
        gained = [w for w in outcome.winners if w not in before[index]]
        mine = forfeited.get(index, [])
        for forfeit in mine:
            outcome.replaced.append({"entry": forfeit.entry, "cause": "forfeit", "note": forfeit.note, "by": gained,
                                     "vacant": False})
            outcome.notes.append(Message("awards.forfeit.refilled", entry=forfeit.entry, award=award.label,
                                         note=_note(forfeit), by=_who(gained)))
        left = [w for w in before[index] if w not in outcome.winners and w not in {f.entry for f in mine}]
        if left or (gained and not mine):
            outcome.replaced.append({"entry": None, "cause": "moved", "left": left, "by": gained, "vacant": False})
            outcome.notes.append(Message("awards.forfeit.moved", award=award.label, left=_who(left), by=_who(gained)))
    for index, forfeit in unused:
        outcomes[index].notes.append(Message("awards.forfeit.not_winner", entry=forfeit.entry,
                                             award=rubric.awards[index].label, where=str(forfeit.location or "")))
    return context


def _scope(rubric, index: int) -> list[Award]:
    """The awards a place freed in ``rubric.awards[index]`` reaches: it, the later ones of its group, and
    the later ones of its strategy when that strategy's awards chain (tiers)."""
    award = rubric.awards[index]
    chained = award.strategy_impl is not None and award.strategy_impl.chained
    return [award] + [later for later in rubric.awards[index + 1:]
                      if (award.exclusive_group and later.exclusive_group == award.exclusive_group)
                      or (chained and later.strategy == award.strategy and same_pool(award, later))]


def same_pool(one: Award, other: Award) -> bool:
    """Chained awards follow on only from those open to the same entries (``eligible:`` as written)."""
    return (one.eligible.text if one.eligible else None) == (other.eligible.text if other.eligible else None)


def _run(context, removed: dict[str, set], decide_one: Callable, reorder: Callable):
    """Decide every award in rubric order (``removed``: per award, who is out of its pool, added to
    when a refill frees a place)."""
    rubric = context.rubric
    removed = {k: set(v) for k, v in removed.items()}
    held: dict[str, dict[str, str]] = {}  # group -> key (an entry, a participant, a unit) -> the award holding it
    entries = {e.id: e for e in getattr(context.data, "entries", ())}
    units = {s.id: s.unit for s in context.standings}
    for index, award in enumerate(rubric.awards):
        context.removed = removed.get(award.id, set())
        outcome = decide_one(award, context)
        if award.exclusive_group:
            group = rubric.award_group(award.exclusive_group)
            taken = held.setdefault(group.id, {})

            def keys(winner: str) -> frozenset:
                if award.subject != "entries" or group.one_award_per == "entry":
                    return frozenset([winner])
                if group.one_award_per == "unit":
                    return frozenset([units.get(winner, winner)])
                entry = entries.get(winner)
                return participant_keys(entry.participants) if entry and entry.participants else frozenset([winner])

            first, freed = list(outcome.winners), []
            while True:
                clashes = [(w, k) for w in outcome.winners for k in sorted(keys(w)) if k in taken]
                clashing = list(dict.fromkeys(w for w, _ in clashes))
                if not clashing:
                    break
                freed += [(w, next(k for c, k in clashes if c == w)) for w in clashing]
                if group.vacancy == "vacant":
                    _drop(award, outcome, clashing, context, reorder)
                    break
                for later in _scope(rubric, index):
                    if later.exclusive_group == group.id:
                        removed.setdefault(later.id, set()).update(clashing)
                context.removed = removed[award.id]
                outcome = decide_one(award, context)
            gained = [w for w in outcome.winners if w not in first]
            labels = {a.id: a.label for a in rubric.awards}
            for winner, key in freed:
                vacant = group.vacancy == "vacant"
                outcome.replaced.append({"entry": winner, "cause": "clash", "kept": taken[key], "shared": key,
                                         "per": group.one_award_per, "by": [] if vacant else gained,
                                         "vacant": vacant})
                outcome.notes.append(Message(f"awards.clash.{'vacant' if vacant else 'refilled'}:{group.one_award_per}",
                                             entry=winner, award=award.label, kept=labels[taken[key]], shared=key,
                                             by=_who(gained)))
            for winner in outcome.winners:
                for key in keys(winner):
                    taken.setdefault(key, award.id)
            context.taken.setdefault(group.id, set()).update(outcome.winners)
        context.outcomes.append(outcome)
    context.removed = set()
    return context


def _drop(award: Award, outcome: AwardOutcome, winners: list[str], context, reorder: Callable) -> None:
    """Take ``winners`` off ``outcome``: their places stay empty."""
    gone = set(winners)
    outcome.winners = [w for w in outcome.winners if w not in gone]
    for winner in gone:
        outcome.reasons.pop(winner, None)
    reorder(award, outcome, context)


def _who(entries: list[str]):
    return Joined(entries) if entries else Message("awards.nobody")


def _note(forfeit) -> Message | str:
    return Message("awards.forfeit.with_note", note=forfeit.note) if forfeit.note else ""
