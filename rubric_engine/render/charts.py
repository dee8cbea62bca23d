"""Inline SVG charts for the results page: no script, no external file, text escaped."""
from __future__ import annotations

from html import escape

TIER_COLOURS = ("#b8860b", "#7a8a99", "#a0522d", "#4a7a4a", "#6a5a8a")
OTHER = "#c8d0d8"
MAX_BARS = 30
TIER_LABEL_ROOM = 190  # right of the longest bar: its value, then the tier's name at the cut-off line


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
        length = (width - label_width - TIER_LABEL_ROOM) * float(row["final"]) / top
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


PANEL_COLOURS = ("#3d6fa8", "#6aa0c8", "#c98b2b", "#6b9a5b", "#8a6ab0", "#b05a5a")
BREAKDOWN_WIDTH = 340  # the viewBox: at a phone's width one unit is about one CSS pixel, so 12 stays legible


def breakdown_chart(item: dict) -> str:
    """One winner's final as a stacked bar of its weighted terms, each labelled with its value below.

    ``item['terms']``: label, value (as shown), colour, width (per cent of the longest bar).
    """
    from markupsafe import Markup

    terms = item["terms"]
    bar_y, bar_height, row_height, column_width = 2, 18, 18, BREAKDOWN_WIDTH // 2
    rows = (len(terms) + 1) // 2
    height = bar_y + bar_height + 6 + rows * row_height
    title = escape(f'{item["entry"]["title"]} {item["final"]}')
    parts = [f'<svg class="breakdown" viewBox="0 0 {BREAKDOWN_WIDTH} {height}" role="img" '
             f'aria-label="{title}" style="width:100%;height:auto;max-width:440px;display:block">',
             f'<rect x="0" y="{bar_y}" width="{BREAKDOWN_WIDTH}" height="{bar_height}" fill="#eef0f2"/>']
    x = 0.0
    for term in terms:
        width = BREAKDOWN_WIDTH * float(term["width"]) / 100
        parts.append(f'<rect x="{x:.2f}" y="{bar_y}" width="{width:.2f}" height="{bar_height}" '
                     f'fill="{term["colour"]}"><title>{escape(term["label"])} {term["value"]}</title></rect>')
        x += width
    for index, term in enumerate(terms):
        left = (index % 2) * column_width
        baseline = bar_y + bar_height + 6 + (index // 2) * row_height + 13
        parts.append(f'<rect x="{left}" y="{baseline - 10}" width="10" height="10" fill="{term["colour"]}"/>')
        parts.append(f'<text x="{left + 14}" y="{baseline}" font-size="12" fill="#222">'
                     f'{escape(term["label"])} <tspan font-weight="bold">{term["value"]}</tspan></text>')
    parts.append("</svg>")
    return Markup("".join(parts))
