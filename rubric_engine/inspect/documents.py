"""Reading a Word article: paragraphs, and each run's effective East-Asian font and size.

python-docx returns ``None`` for a font a run inherits, so we walk the chain Word walks:
the run's own properties, its character style and that style's ``basedOn`` ancestors,
the paragraph's style and its ancestors (or the default paragraph style), the
document defaults, and finally the theme for ``eastAsiaTheme`` fonts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from .safezip import vet_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class RunInfo:
    text: str
    east_asia_font: str | None
    size: Fraction | None  # points
    ascii_font: str | None = None  # the font Word shows Latin letters and digits in

    @property
    def has_cjk(self) -> bool:
        return bool(_CJK.search(self.text))


@dataclass
class ParagraphInfo:
    text: str
    runs: list[RunInfo] = field(default_factory=list)


@dataclass
class Article:
    paragraphs: list[ParagraphInfo]
    notes: list[str] = field(default_factory=list)  # footnote and endnote paragraphs: Word's 字数 counts them

    @property
    def non_empty(self) -> list[ParagraphInfo]:
        return [p for p in self.paragraphs if p.text.strip()]


class _Styles:
    """The style table, document defaults and theme fonts of one document."""

    def __init__(self, document):
        part = document.part
        styles = part.styles.element if part._styles_part is not None else None
        self.by_id = {}
        self.default_paragraph = None
        self.defaults = None
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                self.by_id[style.get(f"{W}styleId")] = style
                if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                    self.default_paragraph = style.get(f"{W}styleId")
            self.defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.theme = self._theme_fonts(part)

    @staticmethod
    def _theme_fonts(part) -> dict[str, str]:
        from lxml import etree

        for rel in part.rels.values():
            if rel.reltype.endswith("/theme") and not rel.is_external:
                root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False))
                fonts = {}
                for kind in ("major", "minor"):
                    scheme = root.find(f".//{A}{kind}Font")
                    if scheme is None:
                        continue
                    hans = scheme.find(f"{A}font[@script='Hans']")
                    east = scheme.find(f"{A}ea")
                    name = (hans.get("typeface") if hans is not None else None) or (
                        east.get("typeface") if east is not None else None)
                    if name:
                        fonts[f"{kind}EastAsia"] = name
                    latin = scheme.find(f"{A}latin")
                    if latin is not None and latin.get("typeface"):
                        fonts[f"{kind}Ascii"] = fonts[f"{kind}HAnsi"] = latin.get("typeface")
                return fonts
        return {}

    def chain(self, style_id: str | None) -> list:
        """The rPr of a style and of each style it is based on, nearest first."""
        result, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            rpr = style.find(f"{W}rPr")
            if rpr is not None:
                result.append(rpr)
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return result


def _font(rpr, theme: dict, script: str = "eastAsia") -> str | None:
    """The run's font for ``script`` (``eastAsia`` or ``ascii``): named, or through the theme."""
    fonts = rpr.find(f"{W}rFonts")
    if fonts is None:
        return None
    name = fonts.get(f"{W}{script}")
    if name:
        return name
    theme_name = fonts.get(f"{W}{script}Theme")
    if theme_name:
        return theme.get(theme_name, theme_name)
    return None


def _ascii_font(rpr, theme: dict) -> str | None:
    return _font(rpr, theme, "ascii")


def _size(rpr) -> Fraction | None:
    size = rpr.find(f"{W}sz")
    if size is None or size.get(f"{W}val") is None:
        return None
    try:
        return Fraction(size.get(f"{W}val")) / 2  # half-points
    except ValueError:
        return None


def _first(levels: list, read, theme=None):
    for rpr in levels:
        value = read(rpr, theme) if theme is not None else read(rpr)
        if value is not None:
            return value
    return None


def read_article(path: Path) -> Article:
    """Paragraph texts and run fonts of a .docx (vetted as a zip first)."""
    vet_zip(path)
    from docx import Document

    from docx.text.paragraph import Paragraph

    document = Document(str(path))
    styles = _Styles(document)
    paragraphs = []
    # Every paragraph in document order, those in tables and text boxes too: Word counts them.
    for element in document.element.body.iter(f"{W}p"):
        if any(ancestor.tag == FALLBACK for ancestor in element.iterancestors()):
            continue  # a text box's legacy copy: its text is already in the mc:Choice part
        paragraph = Paragraph(element, document)
        p = paragraph._p
        p_style = p.pPr.pStyle.val if p.pPr is not None and p.pPr.pStyle is not None else styles.default_paragraph
        paragraph_levels = styles.chain(p_style)
        runs = []
        for run in paragraph.runs:
            r = run._r
            own = [r.rPr] if r.rPr is not None else []
            char_style = r.rPr.rStyle.val if r.rPr is not None and r.rPr.rStyle is not None else None
            levels = own + styles.chain(char_style) + paragraph_levels + (
                [styles.defaults] if styles.defaults is not None else [])
            runs.append(RunInfo(run.text, _first(levels, _font, styles.theme), _first(levels, _size),
                                _first(levels, _ascii_font, styles.theme)))
        paragraphs.append(ParagraphInfo(paragraph.text, runs))
    return Article(paragraphs, _notes(document.part))


def _notes(part) -> list[str]:
    """The text of each footnote and endnote paragraph (not the separators Word keeps there)."""
    from lxml import etree

    texts = []
    for rel in part.rels.values():
        if rel.is_external or not rel.reltype.endswith(("/footnotes", "/endnotes")):
            continue
        root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, huge_tree=False))
        for note in root:
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            for paragraph in note.iter(f"{W}p"):
                text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
                if text.strip():
                    texts.append(text)
    return texts


def pdf_summary(path: Path) -> dict:
    """Page count and the length of the text of the first pages (run bounded: untrusted)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path), strict=False)
    pages = len(reader.pages)
    text = ""
    for page in reader.pages[:3]:
        text += page.extract_text() or ""
    return {"pages": pages, "text_chars": len(text)}
