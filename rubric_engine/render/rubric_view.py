"""``rubric show``: the rubric as Rich tables a contest organiser can read."""
from __future__ import annotations

from typing import Iterable

from rich.table import Table
from rich.text import Text

from ..language.units import format_number as fmt
from ..rubric.lint import highest_final
from ..rubric.model import Rubric
from .terminal import cell


def _table(title: str, *columns: str) -> Table:
    table = Table(title=cell(title), title_justify="left", show_lines=True)
    for column in columns:
        table.add_column(cell(column), overflow="fold")
    return table


def _add(table: Table, *values) -> None:
    """A row of the rubric's own texts: shown as written, never as markup, emoji or control codes."""
    table.add_row(*(cell(value) for value in values))


def rubric_renderables(rubric: Rubric) -> Iterable:
    contest = rubric.contest
    facts = _table(contest.name, "项目", "内容")
    _add(facts, "主题", contest.theme)
    if contest.period:
        _add(facts, "活动时间", contest.period)
    for role, names in contest.organisers:
        _add(facts, role, "\n".join(names))
    if contest.deadline:
        _add(facts, "截止日期", contest.deadline.isoformat())
    if contest.email:
        _add(facts, "提交邮箱", contest.email)
    if contest.folder_name:
        _add(facts, "文件夹命名", contest.folder_name)
    if rubric.voting.opens:
        _add(facts, "网络投票", f"{rubric.voting.opens} .. {rubric.voting.closes}，每"
                                  f"{'、'.join(rubric.voting.one_vote_per)}一票")
    if len(rubric.voting.categories) > 1 or rubric.vote_panels:
        _add(facts, "投票类别", "、".join(f"{c.label}（{c.id}{'，默认' if c.default else ''}）"
                                          for c in rubric.voting.categories))
    if rubric.unit_metrics:
        _add(facts, "单位指标", "、".join(f"{m.label}（{m.id}）" for m in rubric.unit_metrics))
    if rubric.formats:
        _add(facts, "作品形式", "、".join(f"{f.label}（{f.description or f.id}）" for f in rubric.formats))
    for note in contest.notes:
        _add(facts, "备注", note)
    yield facts

    if contest.schedule:
        schedule = _table("活动宣传", "项目", "时间")
        for item, when in contest.schedule:
            _add(schedule, item, when)
        yield schedule

    criteria = _table("评分标准", "指标", "分值", "分档", "评分说明")
    for criterion in rubric.criteria:
        name = f"{criterion.label}\n({criterion.id})"
        if not criterion.judged:
            _add(criteria, name, fmt(criterion.max), f"每项违规扣 {fmt(criterion.deduction)} 分",
                             criterion.description)
            continue
        if not criterion.bands:
            _add(criteria, name, fmt(criterion.max), "", criterion.description)
        for index, band in enumerate(criterion.bands):
            _add(criteria, name if index == 0 else "", fmt(criterion.max) if index == 0 else "",
                             str(band.range), band.description)
    yield criteria

    panels = _table("评分组与权重", "评分组", "类型", "权重", "评分项 / 规则", "满分", "汇总方式")
    for panel in rubric.panels:
        weight = f"{fmt(panel.weight * 100)}%" if panel.weight is not None else "—"
        if panel.judged:
            what = "、".join(rubric.criterion(c).label for c in panel.criteria)
            _add(panels, f"{panel.label}\n({panel.id})", "评委打分", weight, what, fmt(panel.max), panel.aggregation)
        else:
            category = next((c.label for c in rubric.voting.categories if c.id == panel.category), panel.category)
            _add(panels, f"{panel.label}\n({panel.id})", f"投票（{category}）", weight, "按票数排名计分",
                           fmt(panel.max), "")
    yield panels

    for panel in rubric.vote_panels:
        table = _table(f"{panel.label}: 排名 → 得分", "排名", "得分")
        for rule in panel.rank_table.rules:
            span = (f"第{rule.first}名" if rule.last == rule.first else
                    f"第{rule.first}名及以后" if rule.last is None else f"第{rule.first}-{rule.last}名")
            _add(table, span, fmt(rule.points))
        yield table

    final = _table("最终得分", "项目", "内容")
    _add(final, "公式", rubric.final.formula.text if rubric.final.formula else
                  " + ".join(f"{fmt(p.weight * 100)}% × {p.label} ÷ {fmt(p.max)} × 100" for p in rubric.panels))
    top = highest_final(rubric)
    _add(final, "最高可能得分", fmt(top) if top is not None else "—")
    if rubric.final.tie_break:
        _add(final, "同分时依次比较", " → ".join(rubric.final.tie_break))
    yield final

    if rubric.checks:
        checks = _table("规范性检查", "检查项", "类型", "后果", "说明")
        for check in rubric.checks:
            consequence = "取消资格" if check.severity == "disqualify" else (
                f"扣 {fmt(rubric.conformity.deduction)} 分" if rubric.conformity else "记录")
            kind = "人工判定" if check.manual else check.type
            params = "  ".join(f"{k}: {v}" for k, v in check.raw_params.items())
            _add(checks, f"{check.label}\n({check.id})", kind, consequence,
                           "\n".join(filter(None, [check.description, params])))
        yield checks

    if rubric.awards:
        tiers = sum(a.count for a in rubric.awards if a.strategy == "rank_tier")
        title = f"奖项设置（按名次评定的共 {tiers} 名）" if tiers else "奖项设置"
        awards = _table(title, "奖项", "名额", "评选方式", "参数")
        for award in rubric.awards:
            params = "  ".join(f"{k}: {v}" for k, v in award.raw_params.items())
            group = f"（互斥组 {award.exclusive_group}）" if award.exclusive_group else ""
            _add(awards, f"{award.label}\n({award.id})", str(award.count), award.strategy + group, params)
        yield awards
    yield Text(f"rubric sha256 {rubric.sha256}", style="dim")
