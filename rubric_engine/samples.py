"""Sample submission files for the tests and the example contest: docx, pdf, jpg, videos.

Nothing here is mocked: python-docx writes Word files (fonts set on runs or through
styles), reportlab writes PDFs with Chinese text, Pillow writes JPEGs, and the ffmpeg
binary shipped by imageio-ffmpeg encodes short clips of a known duration. Every file is
byte-identical from run to run. Needs the ``[test]`` extras (reportlab, imageio-ffmpeg).
"""
from __future__ import annotations

import io
import struct
import subprocess
from functools import lru_cache
from pathlib import Path

PARAGRAPH = "客服工作让我们每天都在倾听与回应，每一通电话背后都有一个需要帮助的人。"  # 34 字


def article_paragraphs(chars: int) -> list[str]:
    """Body paragraphs totalling exactly ``chars`` (Word 字数) characters."""
    from rubric_engine.inspect.wordcount import word_count

    unit = word_count(PARAGRAPH)
    paragraphs = [PARAGRAPH] * (chars // unit)
    rest = chars - unit * len(paragraphs)
    if rest:
        paragraphs.append("好" * rest)
    return paragraphs


def write_docx(path: Path, *, title: str = "有你，世界变更美", body_chars: int = 900,
               title_font: str = "黑体", body_font: str = "仿宋", title_pt: float = 16, body_pt: float = 16,
               via_styles: bool = False, signature: tuple[str, ...] = ("作者：王芳", "联系电话：13800138000",
                                                                      "工作单位：广州电信")) -> Path:
    """A Word article. ``via_styles`` sets the fonts on paragraph styles, not on runs."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def east_asia(rpr_owner, font):
        rpr_owner.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)

    document = Document()
    if via_styles:
        normal = document.styles["Normal"]
        normal.font.size = Pt(body_pt)
        east_asia(normal.element, body_font)
        heading = document.styles.add_style("文章标题", 1)
        heading.base_style = normal
        heading.font.size = Pt(title_pt)
        east_asia(heading.element, title_font)
        document.add_paragraph(title, style="文章标题")
        for text in article_paragraphs(body_chars) + list(signature):
            document.add_paragraph(text)
    else:
        def add(text, font, size):
            run = document.add_paragraph().add_run(text)
            run.font.size = Pt(size)
            east_asia(run._r, font)
        add(title, title_font, title_pt)
        for text in article_paragraphs(body_chars) + list(signature):
            add(text, body_font, body_pt)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)
    from .render.xlsx import normalise_zip

    path.write_bytes(normalise_zip(buffer.getvalue()))
    return path


def write_pdf(path: Path, text: str = "有你，世界变更美") -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path.parent.mkdir(parents=True, exist_ok=True)
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    page.setFont("STSong-Light", 16)
    page.drawString(72, 760, text)
    page.save()
    return path


def write_jpeg(path: Path, size: int, width: int = 64, height: int = 48) -> Path:
    """A real JPEG padded with application segments to exactly ``size`` bytes.

    The padding is zeros, so a 3 MB photo costs almost nothing in git.
    """
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "JPEG", quality=85)
    data = buffer.getvalue()
    body = data[2:]  # after SOI
    padding = size - len(data)
    segments = []
    while padding > 0:
        chunk = min(padding, 65535 + 2)
        if chunk < 4:  # too small for a segment: grow the previous one instead
            chunk = 4
        length = chunk - 2
        segments.append(b"\xff\xef" + struct.pack(">H", length) + b"\x00" * (length - 2))
        padding -= chunk
    out = data[:2] + b"".join(segments) + body
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out)
    return path


def ffmpeg() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


@lru_cache(maxsize=None)
def _clip(extension: str, seconds: float) -> bytes:
    """A tiny black clip (16×16, 1 fps) of ``seconds``, encoded once per run."""
    import tempfile

    codec = {"flv": ["-c:v", "flv1"], "swf": ["-c:v", "flv1"], "avi": ["-c:v", "mpeg4"],
             "mp4": ["-c:v", "mpeg4"]}.get(extension, [])
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"clip.{extension}"
        subprocess.run([ffmpeg(), "-y", "-loglevel", "error", "-f", "lavfi", "-i",
                        f"color=c=black:s=16x16:r=1:d={seconds}", *codec, "-fflags", "+bitexact",
                        "-flags:v", "+bitexact", "-map_metadata", "-1", str(out)], check=True, timeout=120)
        return out.read_bytes()


def write_video(path: Path, seconds: float, extension: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_clip(extension or path.suffix.lstrip("."), seconds))
    return path


def write_zip_bomb_docx(path: Path) -> Path:
    """A .docx whose document.xml inflates from a few hundred KB to 300 MB."""
    import zipfile

    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\x00" * (1024 * 1024)
            for _ in range(300):
                member.write(block)
    return path


def write_pdf_reference_loop(path: Path) -> Path:
    """A PDF whose page tree points back at itself."""
    objects = [
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
        b"2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n",
        b"3 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >> endobj\n",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for obj in objects:
        offsets.append(len(out))
        out += obj
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out)
    return path


def write_huge_image_header(path: Path) -> Path:
    """A PNG that claims to be 50 000 × 50 000 pixels (a decompression bomb)."""
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 50000, 50000, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + \
        chunk(b"IEND", b"")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data + b"\x00" * (3 * 1024 * 1024))
    return path


def write_many_entries(folder: Path, count: int, *, units: int = 997, mtime: float | None = None) -> Path:
    """A data folder of ``count`` 图文 entries (ids ``E000000`` …; ``units`` units in turn), each with
    its own exactly named folder of one small text file, every path dated ``mtime`` (the past, so
    the check cache stores them). What the cold-check benchmark and its scaling test check."""
    import csv
    import os
    import time

    data = folder / "data"
    (data / "submissions").mkdir(parents=True)
    with open(data / "entries.csv", "w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(["编号", "作品名称", "参赛单位", "参赛人员", "团队", "形式", "提交时间", "推荐函"])
        for i in range(count):
            title, unit, person = f"作品{i}", f"单位{i % units}", f"人员{i}"
            out.writerow([f"E{i:06d}", title, unit, person, "否", "图文", "2018-10-01 10:00", "是"])
            entry = data / "submissions" / f"{title}+{unit}+{person}"
            entry.mkdir()
            (entry / "说明.txt").write_text("x", encoding="utf-8")
    past = time.time() - 86400 if mtime is None else mtime
    for path in [data, *data.rglob("*")]:
        os.utime(path, (past, past))
    return data
