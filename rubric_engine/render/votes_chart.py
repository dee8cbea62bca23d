"""The html report: the per-entry table and, per entry, its votes per hour as an inline SVG chart
(counted in blue, excluded in red), so a burst is visible at a glance."""
from __future__ import annotations

from html import escape

from ..messages import text

WIDTH, HEIGHT = 480, 80


def svg(series: list[list[int]]) -> str:
    """``[[hour, counted, excluded], ...]`` as bars over the hours from the first to the last."""
    if not series:
        return ""
    first, last = series[0][0], series[-1][0]
    span = last - first + 1
    top = max(counted + excluded for _, counted, excluded in series) or 1
    bar = WIDTH / span
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img">']
    for hour, counted, excluded in series:
        x = (hour - first) * bar
        h_counted = HEIGHT * counted / top
        h_excluded = HEIGHT * excluded / top
        parts.append(f'<rect x="{x:.2f}" y="{HEIGHT - h_counted:.2f}" width="{max(bar - 0.5, 0.5):.2f}" '
                     f'height="{h_counted:.2f}" fill="#3465a4"><title>{counted}</title></rect>')
        if excluded:
            parts.append(f'<rect x="{x:.2f}" y="{HEIGHT - h_counted - h_excluded:.2f}" '
                         f'width="{max(bar - 0.5, 0.5):.2f}" height="{h_excluded:.2f}" fill="#cc0000">'
                         f'<title>{excluded}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)


def html_page(document: dict, table: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in table[0])
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table[1:])
    charts = []
    for row in document["entries"]:
        series = document["hourly"].get(f"{row['entry']}\t{row['category']}", [])
        charts.append(f"<figure><figcaption>{escape(row['entry'])} {escape(row['title'])} · "
                      f"{escape(row['category_label'])}</figcaption>{svg(series)}</figure>")
    title = escape(text("votes.html.title"))
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f"<h1>{title}</h1><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<p>{escape(text('votes.footer', rows=document['rows'], malformed=document['malformed']))}</p>"
            f"<p>{escape(text('votes.html.legend'))}</p>{''.join(charts)}</body></html>\n")
