"""``rubric show``: the rubric as Rich tables a contest organiser can read.

Everything reads as a person writes it, in the current language: labels rather than ids in
sentences, aggregations, strategies and check types by their catalogue names, parameters as
``权重：推荐作品数 20%、转发次数 10%`` rather than Python values.
"""
from __future__ import annotations

from typing import Any, Iterable

from rich.table import Table
from rich.text import Text

from ..language.units import format_number as fmt
from ..language.wording import label, rank_span, written
from ..messages import join, text
from ..rubric.lint import highest_final
from ..rubric.model import Rubric
from ..rubric.tie_break_names import tie_break_label
from .spoken import kind_label, range_text
from .terminal import cell


def _t(key: str, /, **fields) -> str:
    return text("terminal.rubric." + key, **fields)


class _Rows:
    """A table of the plan, laid out when it is printed (:class:`.fit.FittedTable`: ids, numbers and
    Latin words never split at any width)."""

    def __init__(self, title: str, columns: tuple[str, ...]):
        self.title, self.columns, self.rows = title, columns, []

    def __rich_console__(self, console, options):
        from .fit import FittedTable

        from .terminal import visible_lines

        yield FittedTable(self.title, self.columns, self.rows, show_lines=True, clean=visible_lines)


def _table(title: str, *columns: str) -> _Rows:
    return _Rows(title, columns)


def _add(table: _Rows, *values) -> None:
    """A row of the rubric's own texts: shown as written, never as markup, emoji or control codes."""
    table.rows.append(["" if value is None else str(value) for value in values])


def _param_labels(rubric: Rubric) -> dict[str, dict[str, str]]:
    """For the parameters that name things of the rubric: their ids' labels (a parameter's own words stay)."""
    formats = {f.id: f.label for f in rubric.formats}
    parts = {name: text(f"explain.part.{name}") for name in ("title", "body", "signature")}  # of an article
    return {"category": {c.id: c.label for c in rubric.voting.categories},
            "requires": formats, "formats": formats, "part": parts, "exclude": parts}


def _award_labels(rubric: Rubric, award, labels: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The labels of an award's parameters: the strategy's own (``param_labels``) over the rubric's."""
    strategy = award.strategy_impl
    if strategy is None or strategy.param_labels is None:
        return labels
    return {**labels, **strategy.param_labels(rubric)}


def _places(award) -> int:
    """The places of the final ranking ``award`` gives out, as its strategy counts them (none: 0)."""
    strategy = award.strategy_impl
    return strategy.places(award) if strategy is not None and strategy.places is not None else 0


def _value(value: Any, labels: dict[str, str]) -> str:
    """A parameter's value as a person writes it: labels for ids, lists and mappings without brackets."""
    if isinstance(value, bool):
        return _t("yes" if value else "no")
    if isinstance(value, dict):
        return text("results.notes.separator").join(f"{labels.get(str(k), k)} {_value(v, {})}"
                                                    for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return join(_value(v, labels) for v in value)
    if isinstance(value, str):
        return labels.get(value) or kind_label(value) or range_text(value)
    return written(value)  # a number as one writes it: 0.5, never a Python repr


def _params(raw: dict, labels: dict[str, dict[str, str]]) -> str:
    return "\n".join(_t("param", name=label("param", str(key)), value=_value(value, labels.get(str(key), {})))
                     for key, value in raw.items())


def _labelled(label: str, detail: str, default: bool = False) -> str:
    return _t("labelled.default" if default else "labelled", label=label, id=detail)


def rubric_renderables(rubric: Rubric) -> Iterable:
    contest = rubric.contest
    labels = _param_labels(rubric)
    facts = _table(contest.name, _t("item"), _t("content"))
    _add(facts, _t("theme"), contest.theme)
    if contest.period:
        _add(facts, _t("period"), contest.period)
    for role, names in contest.organisers:
        _add(facts, role, "\n".join(names))
    if contest.deadline:
        _add(facts, _t("deadline"), contest.deadline.isoformat())
    if contest.email:
        _add(facts, _t("email"), contest.email)
    if contest.folder_name:
        _add(facts, _t("folder_name"), contest.folder_name)
    if rubric.voting.opens:
        per = join(label("terminal.vote_per", field) for field in rubric.voting.one_vote_per)
        _add(facts, _t("voting"), _t("voting.window", opens=rubric.voting.opens, closes=rubric.voting.closes,
                                      per=per))
    if len(rubric.voting.categories) > 1 or rubric.vote_panels:
        _add(facts, _t("categories"), join(_labelled(c.label, c.id, c.default) for c in rubric.voting.categories))
    if rubric.unit_metrics:
        _add(facts, _t("unit_metrics"), join(_labelled(m.label, m.id) for m in rubric.unit_metrics))
    if rubric.formats:
        _add(facts, _t("formats"), join(_labelled(f.label, f.description or f.id) for f in rubric.formats))
    for note in contest.notes:
        _add(facts, _t("note"), note)
    yield facts

    if contest.schedule:
        schedule = _table(_t("schedule"), _t("item"), _t("when"))
        for item, when in contest.schedule:
            _add(schedule, item, when)
        yield schedule

    criteria = _table(_t("criteria"), _t("criterion"), _t("points"), _t("band"), _t("description"))
    for criterion in rubric.criteria:
        name = f"{criterion.label}\n({criterion.id})"
        if not criterion.judged:
            _add(criteria, name, fmt(criterion.max), _t("deduction_each", points=fmt(criterion.deduction)),
                 criterion.description)
            continue
        if not criterion.bands:
            _add(criteria, name, fmt(criterion.max), "", criterion.description)
        for index, band in enumerate(criterion.bands):
            _add(criteria, name if index == 0 else "", fmt(criterion.max) if index == 0 else "",
                 range_text(band.range), band.description)
    if rubric.criteria:  # a votes-only or ranks-only rubric has none
        yield criteria

    panels = _table(_t("panels"), _t("panel"), _t("type"), _t("weight"), _t("what"), _t("max"),
                    _t("aggregation"))
    for panel in rubric.panels:
        weight = f"{fmt(panel.weight * 100)}%" if panel.weight is not None else "—"
        if panel.ranked:
            _add(panels, f"{panel.label}\n({panel.id})", _t("judged"), weight, _t("by_judges_ranks"),
                 fmt(panel.max), label("aggregation", panel.aggregation))
        elif panel.judged:
            what = join(rubric.criterion(c).label for c in panel.criteria)
            _add(panels, f"{panel.label}\n({panel.id})", _t("judged"), weight, what, fmt(panel.max),
                 label("aggregation", panel.aggregation))
        else:
            category = next((c.label for c in rubric.voting.categories if c.id == panel.category), panel.category)
            _add(panels, f"{panel.label}\n({panel.id})", _t("voted", category=category), weight,
                 _t("by_vote_rank"), fmt(panel.max), "")
    yield panels

    for panel in (p for p in rubric.panels if p.rank_table is not None):  # vote and ranked-ballot panels
        shown = f"{panel.label} · {panel.rank_table_name}" if panel.rank_table_name else panel.label
        table = _table(_t("rank_table", panel=shown), _t("rank"), _t("score"))
        for rule in panel.rank_table.rules:
            _add(table, rank_span(rule.first, rule.last), fmt(rule.points))
        yield table

    final = _table(_t("final"), _t("item"), _t("content"))
    _add(final, _t("formula"), rubric.final.formula.text if rubric.final.formula else
         " + ".join(f"{fmt(p.weight * 100)}% × {p.label} ÷ {fmt(p.max)} × 100" for p in rubric.panels))
    top = highest_final(rubric)
    _add(final, _t("highest"), fmt(top) if top is not None else "—")
    if rubric.final.tie_break:
        _add(final, _t("tie_break"), " → ".join(tie_break_label(name, rubric) for name in rubric.final.tie_break))
    yield final

    if rubric.checks:
        checks = _table(_t("checks"), _t("check"), _t("type"), _t("consequence"), _t("detail"))
        for check in rubric.checks:
            consequence = _t("disqualifies") if check.severity == "disqualify" else (
                _t("deducts", points=fmt(rubric.conformity.deduction)) if rubric.conformity else _t("recorded"))
            kind = _t("manual") if check.manual else label("check_type", check.type)
            _add(checks, f"{check.label}\n({check.id})", kind, consequence,
                 "\n".join(filter(None, [check.description, _params(check.raw_params, labels)])))
        yield checks

    if rubric.awards:
        tiers = sum(_places(a) for a in rubric.awards)
        title = _t("awards.tiers", places=tiers) if tiers else _t("awards")
        awards = _table(title, _t("award"), _t("places"), _t("strategy"), _t("params"))
        for award in rubric.awards:
            how = label("strategy", award.strategy)
            if award.exclusive_group:
                how = _t("exclusive", strategy=how, group=award.exclusive_group)
            counted = award.strategy_impl is None or award.strategy_impl.counted
            _add(awards, f"{award.label}\n({award.id})", award.count_written if counted else "", how,
                 _params(award.raw_params, _award_labels(rubric, award, labels)))
        yield awards
    yield Text(text("explain.rubric.sha256", sha256=rubric.sha256), style="dim")
