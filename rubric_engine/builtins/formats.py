"""Built-in output formats. A new format is one ``register(OutputFormat(...))`` call."""
from __future__ import annotations

from rubric_engine import Message, OutputFormat, hookimpl


def _on_use(name: str):
    """The face's renderer ``name``, imported when first called: registering every format must not
    import Rich, openpyxl, python-docx and Jinja for a run that writes JSON (start-up of small runs)."""
    def render(*args, **kwargs):
        import rubric_engine

        return getattr(rubric_engine, name)(*args, **kwargs)

    render.__name__ = render.__qualname__ = name
    return render


render_table, table_renderables, render_json, render_csv, render_xlsx, render_md, render_wechat, \
    render_notice_docx, render_page, render_plain_html = map(_on_use, (
        "render_table", "table_renderables", "render_json", "render_csv", "render_xlsx", "render_md",
        "render_wechat", "render_notice_docx", "render_page", "render_plain_html"))


def render_html(document: dict, kind: str, template=None) -> bytes:
    """Results: the page to publish; check and explain: the committee's plain page."""
    return render_page(document, kind, template) if kind == "evaluate" else render_plain_html(document, kind)


@hookimpl
def register_output_formats(register):
    register(OutputFormat("table", render_table, Message("terminal.format.table"), ".txt",
                          terminal=table_renderables))
    register(OutputFormat("json", render_json, Message("terminal.format.json"), ".json"))
    register(OutputFormat("csv", render_csv, Message("terminal.format.csv"), ".csv"))
    register(OutputFormat("xlsx", render_xlsx, Message("terminal.format.xlsx"), ".xlsx", binary=True))
    register(OutputFormat("md", render_md, Message("terminal.format.md"), ".md"))
    register(OutputFormat("html", render_html, Message("terminal.format.html"), ".html", options=("template",)))
    register(OutputFormat("wechat", render_wechat, Message("terminal.format.wechat"), ".html",
                          options=("template",)))
    register(OutputFormat("docx", render_notice_docx, Message("terminal.format.docx"), ".docx", binary=True))  # issue 17
