"""获奖证书: one PDF per winner (``rubric certificates``), from the ``certificate.j2`` template.

An entry award's certificate names all the entry's participants (a team's names on one); a
unit award's names the unit. Files are ``<award>-<id>.pdf`` (the unit's name for a unit award).
The template gives the lines (see its head); ``--template DIR`` replaces it like the pages'.
The font is embedded (a subset) so the PDF prints the same anywhere; fpdf2 because it embeds the
CFF-outline OpenType fonts that Noto CJK and Source Han are (reportlab embeds TrueType outlines
only). The same inputs give the same bytes: the PDF's date is the publication date, not the clock.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, RubricEngineError
from .fonts import Font, find_fonts, subset
from .notice import written_date
from .templating import render_template

TEMPLATE = "certificate.j2"
_LINE = re.compile(r"<line\b([^>]*)>(.*?)</line>", re.S)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # not in a file name on Windows or POSIX
ALIGN = {"L", "C", "R"}


@dataclass(frozen=True)
class Certificate:
    award: str
    number: str  # the entry's id, or the unit
    names: str
    title: str
    unit: str
    subject: str

    @property
    def file_name(self) -> str:
        return _UNSAFE.sub("_", f"{self.award}-{self.number}") + ".pdf"


def certificates_of(document: dict) -> list[Certificate]:
    """One certificate per winner of every award, in award order, winners in the award's order."""
    entries = {e["id"]: e for e in document["entries"]}
    result = []
    for award in document["awards"]:
        for winner in award["winners"]:
            if award["subject"] == "entries":
                entry = entries.get(winner)
                if entry is None:
                    continue
                result.append(Certificate(award["name"], winner, entry.get("participants") or entry["unit"],
                                          entry["title"], entry["unit"], "entries"))
            else:
                result.append(Certificate(award["name"], winner, winner, "", winner, "units"))
    return result


def _lines(rendered: str, template_name: str) -> list[dict]:
    lines = []
    for match in _LINE.finditer(rendered):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        try:
            line = {"font": attributes.get("font", "body"), "size": float(attributes.get("size", "20")),
                    "align": attributes.get("align", "L").upper(), "space": float(attributes.get("space", "0")),
                    "indent": int(attributes.get("indent", "0")), "text": html.unescape(match.group(2).strip())}
        except ValueError as exc:
            raise _bad(template_name, rendered, match.start(), str(exc)) from None
        if line["font"] not in ("body", "heavy") or line["align"] not in ALIGN:
            raise _bad(template_name, rendered, match.start(), match.group(1).strip())
        lines.append(line)
    return lines


def _bad(template_name: str, rendered: str, offset: int, detail: str) -> RubricEngineError:
    line = rendered.count("\n", 0, offset) + 1
    return RubricEngineError.of("certificates.template", Location(template_name, line), message=detail)


def certificate_lines(certificate: Certificate, context: dict, template: Path | None = None) -> list[dict]:
    """The template's lines for one certificate (see the template's head)."""
    rendered = render_template(TEMPLATE, {**context, "award": certificate.award, "names": certificate.names,
                                          "title": certificate.title, "unit": certificate.unit,
                                          "subject": certificate.subject, "number": certificate.number},
                               template)
    return _lines(rendered, TEMPLATE)


def render_certificate(certificate: Certificate, lines: list[dict], fonts: dict[str, Font],
                       published: dt.date | None) -> bytes:
    """One A4 landscape page: a double border, then the template's lines top to bottom."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    published = published or dt.date(2000, 1, 1)
    pdf.set_creation_date(dt.datetime(published.year, published.month, published.day, tzinfo=dt.timezone.utc))
    pdf.set_title(f"{certificate.award} {certificate.names}")
    pdf.set_auto_page_break(False)
    pdf.set_margins(38, 20, 38)
    for role, font in fonts.items():
        try:
            pdf.add_font(role, fname=str(font.path), collection_font_number=font.face)
        except Exception as exc:  # noqa: BLE001 - fontTools and fpdf2 fail on a bad font in many ways: say which file
            raise RubricEngineError.of("certificates.font.unusable", path=font.path,
                                       reason=str(exc) or type(exc).__name__) from None
    for loaded in pdf.fonts.values():
        # the cut font's boxes are right already: recomputing them runs every glyph's outline (~40 % of a PDF)
        loaded.ttfont.recalcBBoxes = False
    pdf.add_page()
    pdf.set_draw_color(184, 134, 11)
    pdf.set_line_width(1.6)
    pdf.rect(12, 12, 273, 186)
    pdf.set_line_width(0.5)
    pdf.rect(17, 17, 263, 176)
    pdf.set_y(24)
    for line in lines:
        pdf.set_font(line["font"], size=line["size"])
        pdf.set_y(pdf.get_y() + line["space"])
        pdf.multi_cell(w=0, h=line["size"] * 0.55, text="\u3000" * line["indent"] + line["text"], align=line["align"],
                       wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def render_certificates(document: dict, template: Path | None = None,
                        font: Path | None = None) -> list[tuple[str, bytes]]:
    """Every certificate of ``document`` as (file name, PDF bytes), in award order; the caller writes them.

    The fonts are cut once to the characters of all the certificates (``fonts.subset``), then embedded."""
    import tempfile

    fonts = find_fonts(font)
    publication = document.get("publication") or {}
    published = dt.date.fromisoformat(publication["date"]) if publication.get("date") else None
    context = {"contest": document["contest"]["name"], "signed_by": list(publication.get("signed_by", [])),
               "date": written_date(publication.get("date")), "published": published}
    pages = [(c, certificate_lines(c, context, template)) for c in certificates_of(document)]
    if not pages:
        return []
    with tempfile.TemporaryDirectory(prefix="rubric-fonts-") as folder:
        cut = {}
        for role, chosen in fonts.items():
            characters = "".join(sorted({ch for _, lines in pages for line in lines if line["font"] == role
                                          for ch in line["text"]} | {"\u3000", " "}))
            cut[role] = subset(chosen, characters, Path(folder), role)
        return [(c.file_name, render_certificate(c, lines, cut, published)) for c, lines in pages]
