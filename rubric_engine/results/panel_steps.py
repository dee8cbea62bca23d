"""A judged panel's declared steps for one entry, as data for explain: each rounding (mark, item, panel)
and the ``scale``, in the order they were applied (:mod:`rubric_engine.engine.rounding`)."""
from __future__ import annotations

from ..engine.rounding import mark_steps


def panel_steps(judged, entry_id: str) -> list[dict]:
    """``[{"code", "fields", "text"}, …]``: empty when the panel declares no rounding and no scale."""
    panel = judged.panel
    steps: list = []
    if judged.raw_sheets is not judged.sheets:
        steps += mark_steps(judged.rubric, judged.raw_sheets, judged.sheets, judged.rows.get(entry_id, ()))
    if entry_id in judged.rows and (panel.item_round or panel.scale is not None or panel.round):
        judged.score(entry_id, (), steps=steps)
    return [step.to_dict() for step in steps]
