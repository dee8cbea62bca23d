"""Inline SVG charts for the results page: no script, no external file, text escaped."""
from __future__ import annotations

from html import escape

from ..messages import text

TIER_COLOURS = ("#b8860b", "#7a8a99", "#a0522d", "#4a7a4a", "#6a5a8a")
OTHER = "#c8d0d8"
MAX_BARS = 30
FINALS_WIDTH = 400  # the viewBox: on a phone (about 360 px for the chart) a 13 drawn as about 12 px


def finals_chart(rows: list[dict], tiers: list[dict], by_id: dict, decimals: int) -> str:
    """The best finals as bars, coloured by prize tier; under the last place of each tier, a band
    with the tier's name and a dashed cut-off line (a band of its own: it never covers a bar or a value)."""
    from markupsafe import Markup

    shown = rows[:MAX_BARS]
    tier_of = {}
    for index, award in enumerate(tiers):
        for winner in award["winners"]:
            tier_of.setdefault(winner, index)
    top = max(float(row["final"]) for row in shown) or 1
    bar_height, gap, label_width, value_room, band = 18, 6, 30, 48, 20
    width = FINALS_WIDTH
    parts, y = [], 4
    for position, row in enumerate(shown):
        entry = row["entry"]
        tier = tier_of.get(entry["id"])
        colour = TIER_COLOURS[tier % len(TIER_COLOURS)] if tier is not None else OTHER
        length = (width - label_width - value_room) * float(row["final"]) / top
        parts.append(f'<text x="0" y="{y + 14}" font-size="13" fill="#333">{entry["rank"]}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{colour}">'
                     f'<title>{escape(entry["title"])} {row["final"]}</title></rect>')
        parts.append(f'<text x="{label_width + length + 4:.1f}" y="{y + 14}" font-size="13" fill="#333">'
                     f'{row["final"]}</text>')
        y += bar_height + gap
        following = shown[position + 1]["entry"]["id"] if position + 1 < len(shown) else None
        if tier is not None and tier_of.get(following) != tier:
            parts.append(f'<text x="{width - 2}" y="{y + 9}" font-size="13" text-anchor="end" '
                         f'fill="{colour}">{escape(tiers[tier]["name"])} ↑</text>')
            parts.append(f'<line x1="0" x2="{width}" y1="{y + 14}" y2="{y + 14}" stroke="{colour}" '
                         f'stroke-dasharray="4 3"/>')
            y += band
    label = escape(text("page.heading.finals"))
    head = (f'<svg class="finals" viewBox="0 0 {width} {y + 4}" role="img" aria-label="{label}" '
            f'style="width:100%;height:auto;max-width:560px;display:block">')
    return Markup(head + "".join(parts) + "</svg>")


PANEL_COLOURS = ("#3d6fa8", "#6aa0c8", "#c98b2b", "#6b9a5b", "#8a6ab0", "#b05a5a")
BREAKDOWN_WIDTH = 340  # the viewBox: at a phone's width one unit is about one CSS pixel, so 12 stays legible


def breakdown_chart(item: dict) -> str:
    """One winner's final as a stacked bar of its weighted terms, each labelled with its value below.

    ``item['terms']``: label, value (as shown), colour, width (per cent of the longest bar).
    """
    from markupsafe import Markup

    terms = item["terms"]
    bar_y, bar_height, row_height = 2, 18, 18
    columns = 2 if all(_label_width(f'{t["label"]} {t["value"]}') <= BREAKDOWN_WIDTH // 2 - 20 for t in terms) else 1
    column_width = BREAKDOWN_WIDTH // columns
    rows = (len(terms) + columns - 1) // columns
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
        left = (index % columns) * column_width
        baseline = bar_y + bar_height + 6 + (index // columns) * row_height + 13
        parts.append(f'<rect x="{left}" y="{baseline - 10}" width="10" height="10" fill="{term["colour"]}"/>')
        parts.append(f'<text x="{left + 14}" y="{baseline}" font-size="12" fill="#222">'
                     f'{escape(term["label"])} <tspan font-weight="bold">{term["value"]}</tspan></text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _label_width(text: str) -> float:
    """About how wide ``text`` is at 12 units: a CJK character a full 12, anything else about 7."""
    return sum(12 if ord(ch) > 0x2E80 else 7 for ch in text)
