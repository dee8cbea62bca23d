"""A tie-break name of ``final.tie_break`` as a person reads it, for `rubric show` and `explain` alike."""
from __future__ import annotations

from ..messages import text
from .final_formula import RANK, VOTES, tie_break_parts
from .model import Rubric


def tie_break_label(name: str, rubric: Rubric) -> str:
    """A tie-break name as a person reads it: ``online.votes`` → 网络投票得分（票数）;
    ``experts.content`` → 专家评分·内容性; a panel id → its label; anything else as written."""
    panels = {p.id: p.label for p in rubric.panels}
    if name in panels:
        return panels[name]
    panel, rest = tie_break_parts(name)
    if panel not in panels:
        return name
    if rest in (VOTES, RANK):
        return text("terminal.rubric.tie." + rest, panel=panels[panel])
    criteria = {c.id: c.label for c in rubric.criteria}
    return text("terminal.rubric.tie.criterion", panel=panels[panel], criterion=criteria.get(rest, rest))
