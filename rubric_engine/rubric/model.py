"""The rubric model: validated, immutable, every number exact.

Built from a YAML document by :mod:`rubric_engine.rubric.build`; the engine reads only
this model, never the YAML.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping

from ..extension import Aggregation, AwardStrategy, CheckType
from ..language import Formula, Range, RankTable


@dataclass(frozen=True)
class Rounding:
    """A declared rounding step (``round: {decimals: 2, mode: half_up}``), applied exactly by
    :mod:`rubric_engine.engine.rounding`: ``half_up`` (halves away from zero), ``half_even``, ``down``."""

    decimals: int
    mode: str = "half_up"


@dataclass(frozen=True)
class Band:
    range: Range
    description: str = ""
    label: str = ""


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    max: Fraction
    min: Fraction = Fraction(0)
    step: Fraction = Fraction(1)
    scored_by: str = "judges"  # or "checks"
    deduction: Fraction = Fraction(1)
    bands: tuple[Band, ...] = ()
    description: str = ""
    round: Rounding | None = None  # each mark value, before the judge's total

    @property
    def judged(self) -> bool:
        return self.scored_by == "judges"

    def band_of(self, mark: Fraction) -> Band | None:
        for band in self.bands:
            if mark in band.range:
                return band
        return None


@dataclass(frozen=True)
class Panel:
    id: str
    label: str
    type: str  # "judged" | "votes"
    weight: Fraction | None
    criteria: tuple[str, ...] = ()
    judges: tuple[str, ...] = ()  # empty: whoever appears in the scores file
    aggregation: str = ""  # judged panels: the one named, else the registered default (the builder sets it)
    aggregation_params: Mapping[str, Any] = field(default_factory=dict)
    items: str | None = None  # "sum" | "mean" | "max" | "best(n)" for several judged items per entry
    max: Fraction = Fraction(0)
    category: str | None = None
    rank_table: RankTable | None = None
    description: str = ""
    ballot: str = "marks"  # judged panels: "marks" (a sheet of marks) | "ranked" (each judge ranks the entries)
    judge_entries: tuple[tuple[str, tuple[str, ...]], ...] = ()  # judges: [{name, entries}]: who scores what
    # where each id of judge_entries is written in the rubric (Locations, parallel to judge_entries)
    judge_entry_where: tuple = field(default=(), compare=False, repr=False)
    rank_table_name: str = ""  # the rank_tables: entry the panel's rank_table names ("" when written inline)
    aggregation_impl: Aggregation | None = field(default=None, compare=False, repr=False)  # bound at load
    scale: Fraction | None = None  # a factor on the panel score (and on ``max``, already applied to it)
    item_round: Rounding | None = None  # each item's aggregate, after its factor
    round: Rounding | None = None  # the panel score, after ``scale``
    items_optional: bool = False  # an item without sheets for an entry is not warned
    # per-judge normalisation (issue 14): "none", or a registered normalisation and its params
    normalise: str = "none"
    normalise_params: Mapping[str, Any] = field(default_factory=dict)
    normalisation_impl: Any = field(default=None, compare=False, repr=False)  # bound at load

    @property
    def judged(self) -> bool:
        return self.type == "judged"

    @property
    def ranked(self) -> bool:
        """A ranked-ballot panel: judged, each judge's ranks made points through ``rank_table``."""
        return self.ballot == "ranked"


@dataclass(frozen=True)
class Expression:
    """An expression that may read entry attributes (``entry.X``): compiled at load with any attribute
    allowed, and again once the data gives each column's kind (:mod:`.attributes`), errors located by
    ``where`` in the rubric file."""

    key: str  # "award:<id>" or "tie:<index>"
    text: str
    kind: str  # "condition" | "formula"
    compiled: Any  # the load-time Condition / Formula (its names and headers)
    names: Mapping[str, Any] = field(default_factory=dict, compare=False)
    counts: frozenset[str] = frozenset()  # the panels count(PANEL > 0) may name
    where: Callable[..., Any] | None = field(default=None, compare=False)  # (line, column, length) -> Location

    @property
    def attributes(self) -> frozenset[str]:
        return self.compiled.attributes


@dataclass(frozen=True)
class TieBreak:
    """One step of ``final.tie_break``: a name of the final formula (as before), or a formula over panel
    scores, votes, entry attributes and ``count(PANEL > 0)``; higher first, ``sign`` −1 for lower first
    (a leading ``-``, or a bare ``PANEL.rank``)."""

    text: str  # as written
    sign: int = 1
    name: str | None = None  # a bare name of the final formula's environment
    expression: Expression | None = None


@dataclass(frozen=True)
class Final:
    formula: Formula | None  # None: sum of weight x panel / max x 100
    tie_break: tuple[str, ...] = ()  # as written
    decimals: int = 2
    max: Fraction | None = None  # ``final.max``: the final's scale, read by the reachable-maximum lint only
    tie_breaks: tuple[TieBreak, ...] = ()  # the same, compiled (empty where a name was not known)


@dataclass(frozen=True)
class VoteCategory:
    id: str
    label: str
    default: bool = False


@dataclass(frozen=True)
class VoteFlag:
    """One of ``voting.flags``: a vote rule, what to do with the votes it catches, its bound params."""

    id: str
    type: str
    action: str  # "flag" (reported, still counted) | "exclude"
    rule: Any = field(compare=False)  # the registered rubric_engine.votes.rules.VoteRule
    bound: dict = field(default_factory=dict, compare=False)  # placeholder -> value (integers, column names)
    params: dict = field(default_factory=dict, compare=False)  # as the rubric wrote them


@dataclass(frozen=True)
class Voting:
    opens: dt.date | None = None
    closes: dt.date | None = None
    one_vote_per: tuple[str, ...] = ("voter", "entry", "category", "day")
    categories: tuple[VoteCategory, ...] = (VoteCategory("votes", "票数", True),)
    flags: tuple[VoteFlag, ...] = ()
    malformed: str = "report"  # "exclude": malformed rows of a raw log are set aside on purpose (--final allows it)
    optional: bool = False  # true: no votes file is allowed (vote panels give 0 points, vote awards vacant)

    @property
    def default_category(self) -> str:
        for category in self.categories:
            if category.default:
                return category.id
        return self.categories[0].id


@dataclass(frozen=True)
class Labelled:
    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Check:
    id: str
    label: str
    type: str
    severity: str = "deduct"  # or "disqualify", or "ineligible" (ranked and listed, wins nothing)
    applies_to: tuple[str, ...] = ()  # formats; empty = all
    params: Any = None  # what the check type's prepare() made of the raw params
    raw_params: Mapping[str, Any] = field(default_factory=dict)
    description: str = ""
    type_impl: CheckType | None = field(default=None, compare=False, repr=False)  # bound at load

    @property
    def manual(self) -> bool:
        """A person records this check's verdict (its type says ``by_hand``)."""
        return self.type_impl is not None and self.type_impl.by_hand


@dataclass(frozen=True)
class Award:
    id: str
    label: str
    strategy: str
    count: int = 1
    exclusive_group: str | None = None
    params: Any = None
    raw_params: Mapping[str, Any] = field(default_factory=dict)
    subject: str = "entries"  # or "units", from the strategy
    description: str = ""
    strategy_impl: AwardStrategy | None = field(default=None, compare=False, repr=False)  # bound at load
    ordered: bool = True  # false: winners listed by id, 排名不分先后
    eligible: Expression | None = None  # ``eligible:``: who may win it, decided before the strategy runs
    share: Fraction | None = None  # ``count: 10%``: a share of the eligible entries (count is then 1)

    def places_among(self, eligible: int) -> int:
        """The places this award gives out among ``eligible`` entries: ``count``, or for a share the
        share of them rounded half up, at least 1 (each award rounds its own share)."""
        if self.share is None:
            return self.count
        return max(1, int(self.share * eligible + Fraction(1, 2)))

    @property
    def count_written(self) -> str:
        """``count`` as the rubric wrote it: ``3``, or ``10%``."""
        if self.share is None:
            return str(self.count)
        percent = self.share * 100
        return f"{percent.numerator if percent.denominator == 1 else float(percent)}%"


@dataclass(frozen=True)
class AwardGroup:
    """``award_groups: {G: {...}}``: how the awards of one exclusive group share their winners."""

    id: str
    one_award_per: str = "entry"  # entry | participant | unit
    vacancy: str = "refill"  # refill | vacant: a place freed by a forfeit or a clash

    @property
    def skips_winners(self) -> bool:
        """One award per entry, refilled: a strategy may skip the group's winners itself (the next best
        takes the place, as 2018's vote awards do)."""
        return self.one_award_per == "entry" and self.vacancy == "refill"


@dataclass(frozen=True)
class Contest:
    id: str
    name: str
    theme: str = ""
    period: str = ""
    timezone: dt.timezone = dt.timezone(dt.timedelta(hours=8))
    organisers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    schedule: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    deadline: dt.date | None = None
    email: str = ""
    folder_name: str = ""


@dataclass(frozen=True)
class Publication:
    """``publication:``: the date the results are published and the objection period (公示) after it."""

    date: dt.date | None = None
    days: int | None = None  # 公示 days; None: no 公示 block
    working_days: bool = False
    contact: str = ""
    rules: tuple[str, ...] = ()
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()  # make-up working days (weekend days worked)
    signed_by: tuple[str, ...] = ()  # empty: the organisers with role 主办单位


@dataclass(frozen=True)
class Rubric:
    contest: Contest
    criteria: tuple[Criterion, ...]
    panels: tuple[Panel, ...]
    final: Final
    voting: Voting
    formats: tuple[Labelled, ...] = ()
    unit_metrics: tuple[Labelled, ...] = ()
    checks: tuple[Check, ...] = ()
    awards: tuple[Award, ...] = ()
    plugin_files: tuple[str, ...] = ()
    source: str = ""
    sha256: str = ""
    language: str = "zh-CN"  # of messages and outputs; --lang overrides it
    publication: Publication = Publication()
    rank_tables: Mapping[str, RankTable] = field(default_factory=dict)  # ``rank_tables:``, by name
    award_groups: Mapping[str, AwardGroup] = field(default_factory=dict)  # only the groups the rubric declares

    def award_group(self, group_id: str) -> AwardGroup:
        """A group's options; a group named only by ``exclusive_group`` is one award per entry, refilled."""
        return self.award_groups.get(group_id) or AwardGroup(group_id)

    def expressions(self) -> list[Expression]:
        """The expressions that may read entry attributes: awards' ``eligible``, ``final.tie_break`` formulas."""
        found = [a.eligible for a in self.awards if a.eligible is not None]
        return found + [t.expression for t in self.final.tie_breaks if t.expression is not None]

    @property
    def attributes_used(self) -> frozenset[str]:
        """The entries table's extra columns the rubric reads (``entry.X``)."""
        return frozenset().union(*(e.attributes for e in self.expressions()))

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def panel(self, panel_id: str) -> Panel:
        return next(p for p in self.panels if p.id == panel_id)

    @property
    def conformity(self) -> Criterion | None:
        """The criterion scored by the checks (规范性), if the rubric has one."""
        return next((c for c in self.criteria if c.scored_by == "checks"), None)

    def weighted_terms(self, env: Mapping[str, Fraction]) -> list[tuple[str, Fraction]]:
        """The default final formula's terms (:mod:`.final_formula`): (panel id, its weighted score)."""
        from .final_formula import default_terms

        return default_terms(self.panels, env)[0]

    def final_score(self, env: Mapping[str, Fraction]) -> Fraction:
        """The final score from panel scores: the rubric's formula, or the default (:mod:`.final_formula`)."""
        from .final_formula import default_final, default_weights

        if self.final.formula is not None:
            return Fraction(self.final.formula(env))
        return default_final(default_weights(self.panels), env)

    @property
    def judged_panels(self) -> tuple[Panel, ...]:
        return tuple(p for p in self.panels if p.judged)

    @property
    def vote_panels(self) -> tuple[Panel, ...]:
        return tuple(p for p in self.panels if not p.judged)
