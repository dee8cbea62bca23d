"""Built-in output formats. A new format is one ``register(OutputFormat(...))`` call."""
from __future__ import annotations

from ..extension import OutputFormat
from ..hookspecs import hookimpl
from ..messages import Message
from ..render import writers, xlsx
from ..render import page, rich_views
from ..render.notice_docx import render_notice_docx


def render_html(document: dict, kind: str, template=None) -> bytes:
    """Results: the page to publish; check and explain: the committee's plain page."""
    return page.render_page(document, kind, template) if kind == "evaluate" else writers.render_html(document, kind)


@hookimpl
def register_output_formats(register):
    register(OutputFormat("table", rich_views.render_table, Message("terminal.format.table"), ".txt",
                          terminal=rich_views.renderables))
    register(OutputFormat("json", writers.render_json, Message("terminal.format.json"), ".json"))
    register(OutputFormat("csv", writers.render_csv, Message("terminal.format.csv"), ".csv"))
    register(OutputFormat("xlsx", xlsx.render_xlsx, Message("terminal.format.xlsx"), ".xlsx", binary=True))
    register(OutputFormat("md", writers.render_md, Message("terminal.format.md"), ".md"))
    register(OutputFormat("html", render_html, Message("terminal.format.html"), ".html", options=("template",)))
    register(OutputFormat("wechat", page.render_wechat, Message("terminal.format.wechat"), ".html",
                          options=("template",)))
    register(OutputFormat("docx", render_notice_docx, Message("terminal.format.docx"), ".docx", binary=True))  # issue 17
