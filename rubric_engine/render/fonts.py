"""Finding a Chinese font to embed in a PDF (the certificates): among the system's fonts, or the one named.

Looked for, best first: Noto CJK (Debian's fonts-noto-cjk), Source Han, the Windows fonts
(仿宋 simfang, 宋体 simsun, 黑体 simhei), WenQuanYi; then anything ``fc-list :lang=zh`` knows.
A font collection (``.ttc``) is opened at its Simplified Chinese face. No font: a clear error
that says what to install or to pass ``--font``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import RubricEngineError

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
             "/Library/Fonts", "/System/Library/Fonts", "C:/Windows/Fonts")
# (file name, role) best first; "body" is the certificate's text, "heavy" its title and award
KNOWN = (("NotoSerifCJK-Regular.ttc", "body"), ("NotoSerifCJKsc-Regular.otf", "body"),
         ("SourceHanSerifSC-Regular.otf", "body"), ("simfang.ttf", "body"), ("simsun.ttc", "body"),
         ("NotoSansCJK-Regular.ttc", "body"), ("wqy-zenhei.ttc", "body"), ("wqy-microhei.ttc", "body"),
         ("NotoSansCJK-Bold.ttc", "heavy"), ("NotoSerifCJK-Bold.ttc", "heavy"), ("NotoSansCJKsc-Bold.otf", "heavy"),
         ("SourceHanSansSC-Bold.otf", "heavy"), ("simhei.ttf", "heavy"), ("wqy-zenhei.ttc", "heavy"))
EXTENSIONS = (".ttf", ".otf", ".ttc", ".otc")


@dataclass(frozen=True)
class Font:
    path: Path
    face: int = 0  # the face of a collection


def simplified_face(path: Path) -> int:
    """The index of the Simplified Chinese face of a collection (``… CJK SC``), else 0."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    from fontTools.ttLib import TTCollection

    try:
        with TTCollection(str(path), lazy=True) as collection:
            names = [str(font["name"].getDebugName(1) or "") for font in collection.fonts]
    except Exception:  # noqa: BLE001 - not a readable collection: embedding it will say so, with the file
        return 0
    for index, name in enumerate(names):
        if name.endswith(" SC") or "SC" in name.split() or "Simplified" in name:
            return index
    return 0


def _files() -> dict[str, Path]:
    """Every font file in the usual folders, by lower-case file name (the first found wins)."""
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        root = Path(os.path.expanduser(folder))
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.suffix.lower() in EXTENSIONS:
                    found.setdefault(path.name.lower(), path)
    return found


def _fontconfig_chinese() -> list[Path]:
    if shutil.which("fc-list") is None:
        return []
    try:
        listed = subprocess.run(["fc-list", ":lang=zh-cn", "file"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(Path(line.split(":")[0].strip()) for line in listed.splitlines() if line.strip())


def find_fonts(named: Path | None = None) -> dict[str, Font]:
    """``{"body": Font, "heavy": Font}``: ``named`` for both when given, else the best system fonts."""
    if named is not None:
        if not Path(named).is_file():
            raise RubricEngineError.of("certificates.font.missing_file", path=named)
        font = Font(Path(named), simplified_face(Path(named)))
        return {"body": font, "heavy": font}
    files = _files()
    chosen: dict[str, Font] = {}
    for name, role in KNOWN:
        if role not in chosen and name.lower() in files:
            path = files[name.lower()]
            chosen[role] = Font(path, simplified_face(path))
    if "body" not in chosen:
        others = [p for p in _fontconfig_chinese() if p.suffix.lower() in EXTENSIONS]
        if others:
            chosen["body"] = Font(others[0], simplified_face(others[0]))
    if "body" not in chosen:
        raise RubricEngineError.of("certificates.font.none")
    chosen.setdefault("heavy", chosen["body"])
    return chosen


def subset(font: Font, characters: str, folder: Path, role: str) -> Font:
    """``font`` cut down to ``characters`` (one OpenType file in ``folder``), so that each PDF embeds it in
    milliseconds instead of parsing a 20 MB collection again; the PDF embeds a subset either way."""
    from fontTools import subset as subsetting
    from fontTools.ttLib import TTFont

    options = subsetting.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    # fpdf2 drops the layout tables from what it embeds and shapes no text: none are kept; subroutines
    # inlined once here, so each PDF's own subsetting does not walk them again (pixel-identical pages)
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH"]
    options.desubroutinize = True
    try:
        # lazy, as fontTools' own subsetter loads a font: only the tables and glyphs the cut keeps are
        # decompiled (the same bytes; ~0.4 s less for the two Noto CJK faces)
        with TTFont(str(font.path), fontNumber=font.face, lazy=True, recalcTimestamp=False) as loaded:
            subsetter = subsetting.Subsetter(options)
            subsetter.populate(text=characters)
            subsetter.subset(loaded)
            target = folder / f"{role}{'.otf' if 'CFF ' in loaded else '.ttf'}"
            loaded.save(str(target))
    except Exception as exc:  # noqa: BLE001 - fontTools fails on a bad font in many ways: say which file
        raise RubricEngineError.of("certificates.font.unusable", path=font.path,
                                   reason=str(exc) or type(exc).__name__) from None
    return Font(target, 0)
