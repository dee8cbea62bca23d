"""Built-in output formats. A new format is one ``register(OutputFormat(...))`` call."""
from __future__ import annotations

from ..extension import OutputFormat
from ..hookspecs import hookimpl
from ..render import writers
from ..render import page, rich_views


def render_html(document: dict, kind: str, template=None) -> bytes:
    """Results: the page to publish; check and explain: the committee's plain page."""
    return page.render_page(document, kind, template) if kind == "evaluate" else writers.render_html(document, kind)


@hookimpl
def register_output_formats(register):
    register(OutputFormat("table", rich_views.render_table, "tables as plain text (the terminal view)", ".txt",
                          terminal=rich_views.renderables))
    register(OutputFormat("json", writers.render_json, "the result document (SPEC §6)", ".json"))
    register(OutputFormat("csv", writers.render_csv, "the main table, UTF-8 with BOM for Excel", ".csv"))
    register(OutputFormat("xlsx", writers.render_xlsx, "a workbook, one sheet per table", ".xlsx", binary=True))
    register(OutputFormat("md", writers.render_md, "Markdown tables", ".md"))
    register(OutputFormat("html", render_html, "the results page to publish (responsive, self-contained)",
                          ".html", options=("template",)))
    register(OutputFormat("wechat", page.render_wechat, "the results as a fragment with inline styles, for WeChat",
                          ".html", options=("template",)))
