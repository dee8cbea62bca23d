"""Inline SVG charts for the results page: no script, no external file, text escaped."""
from __future__ import annotations

from html import escape

TIER_COLOURS = ("#b8860b", "#7a8a99", "#a0522d", "#4a7a4a", "#6a5a8a")
OTHER = "#c8d0d8"
MAX_BARS = 30


def finals_chart(rows: list[dict], tiers: list[dict], by_id: dict, decimals: int) -> str:
    """The best finals as bars, coloured by prize tier, with a line under the last place of each tier."""
    from markupsafe import Markup

    shown = rows[:MAX_BARS]
    tier_of = {}
    for index, award in enumerate(tiers):
        for winner in award["winners"]:
            tier_of.setdefault(winner, index)
    top = max(float(row["final"]) for row in shown) or 1
    bar_height, gap, label_width, width = 18, 6, 40, 640
    height = len(shown) * (bar_height + gap) + 30
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="最终得分" style="width:100%;height:auto;max-width:{width}px">']
    for position, row in enumerate(shown):
        entry = row["entry"]
        y = position * (bar_height + gap) + 4
        tier = tier_of.get(entry["id"])
        colour = TIER_COLOURS[tier % len(TIER_COLOURS)] if tier is not None else OTHER
        length = (width - label_width - 70) * float(row["final"]) / top
        parts.append(f'<text x="0" y="{y + 13}" font-size="12" fill="#333">{entry["rank"]}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{colour}">'
                     f'<title>{escape(entry["title"])} {row["final"]}</title></rect>')
        parts.append(f'<text x="{label_width + length + 4:.1f}" y="{y + 13}" font-size="12" fill="#333">'
                     f'{row["final"]}</text>')
        following = shown[position + 1]["entry"]["id"] if position + 1 < len(shown) else None
        if tier is not None and tier_of.get(following) != tier:
            line_y = y + bar_height + gap / 2
            parts.append(f'<line x1="0" x2="{width}" y1="{line_y}" y2="{line_y}" stroke="{colour}" '
                         f'stroke-dasharray="4 3"/>')
            parts.append(f'<text x="{width - 4}" y="{line_y - 2}" font-size="11" text-anchor="end" '
                         f'fill="{colour}">{escape(tiers[tier]["name"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
