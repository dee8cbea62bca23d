"""The results notice as a Word document (``--output 公告.docx``): titled in 黑体, set in 仿宋, as the plan's are.

The same notice as the page's (``notice.notice_model``): the title, the organisers, the awards
with their winners in rank order (并列 marked; 排名不分先后 where an award is unordered), the tie
notes, the 公示 block and the 落款 with the date. Same inputs, same bytes: the package's time
stamps and the document's dates are the publication date, never the clock.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from ..messages import join, text
from .notice import notice_model

TITLE_FONT, BODY_FONT = "黑体", "仿宋"
TITLE_SIZE, BODY_SIZE = 22, 16  # 二号 and 三号 (the plan's body: 仿宋 三号)


def _font(run, name: str, size: int, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()  # noqa: SLF001 - python-docx has no east-Asian API
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(doc, content: str, font: str = BODY_FONT, size: int = BODY_SIZE, align=None, bold: bool = False,
               indent: bool = False):
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _font(paragraph.add_run(content), font, size, bold)
    return paragraph


def _winner_lines(document: dict) -> list[tuple[str, list[str]]]:
    entries = {e["id"]: e for e in document["entries"]}
    awards = []
    for award in document["awards"]:
        heading = text("page.notice.award", award=award["name"], count=len(award["winners"]))
        if not award.get("ordered", True):
            heading += text("page.award.unordered")
        tied = set(award.get("tied", ())) if award.get("ordered", True) else set()
        lines = []
        for position, winner in enumerate(award["winners"], start=1):
            mark = text("page.notice.tied_mark") if winner in tied else ""
            if award["subject"] == "entries" and winner in entries:
                entry = entries[winner]
                who = text("page.who", participants=entry["participants"], unit=entry["unit"])
                line = text("page.notice.entry_line", title=entry["title"], who=who)
            else:
                line = winner
            lines.append((f"{position}. " if award.get("ordered", True) else "") + line + mark)
        awards.append((heading, lines or [text("page.award.vacant")]))
    return awards


def render_notice_docx(document: dict, kind: str) -> bytes:
    """The notice of an evaluation as .docx bytes."""
    if kind != "evaluate":
        from ..errors import RubricEngineError

        raise RubricEngineError.of("format.kind")
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    notice = notice_model(document) or {}
    doc = Document()
    published = (document.get("publication") or {}).get("date")
    stamp = dt.datetime.fromisoformat(published) if published else dt.datetime(2000, 1, 1)
    doc.core_properties.created = doc.core_properties.modified = stamp
    doc.core_properties.title = text("page.notice.title", contest=document["contest"]["name"])
    doc.core_properties.author = join(notice.get("signed_by", [])) or document["contest"]["name"]
    doc.core_properties.revision = 1
    _paragraph(doc, doc.core_properties.title, TITLE_FONT, TITLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER)
    for line in notice.get("organisers", []):
        _paragraph(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    _paragraph(doc, text("page.notice.intro", contest=document["contest"]["name"]), indent=True)
    for heading, lines in _winner_lines(document):
        _paragraph(doc, heading, TITLE_FONT)
        for line in lines:
            _paragraph(doc, line, indent=True)
    for note in notice.get("ties", []):
        _paragraph(doc, note, indent=True)
    objection = notice.get("objection")
    if objection:
        _paragraph(doc, objection["heading"], TITLE_FONT)
        _paragraph(doc, objection["period"] + objection["contact"], indent=True)
        for number, rule in enumerate(objection["rules"], start=1):
            _paragraph(doc, f"{number}. {rule}", indent=True)
    doc.add_paragraph()
    for name in notice.get("signed_by", []):
        _paragraph(doc, name, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if notice.get("date"):
        _paragraph(doc, notice["date"], align=WD_ALIGN_PARAGRAPH.RIGHT)
    stream = io.BytesIO()
    doc.save(stream)
    return _fixed_zip(stream.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same package with every member's time stamp fixed (zipfile stamps the clock)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
