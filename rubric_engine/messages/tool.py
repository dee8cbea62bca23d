"""The catalogue maintainer's tool (needs Babel: ``pip install -e '.[test]'``).

    python -m rubric_engine.messages.tool compile
        every locale/*/LC_MESSAGES/*.po → the .mo beside it
    python -m rubric_engine.messages.tool check
        exit 1 if a .mo says something else than its .po, or a key lacks a language
    python -m rubric_engine.messages.tool add AREA KEY "中文 {field}" "English {field}"
        append one message to AREA.po of both languages, then compile

The engine itself reads the ``.mo`` files with the standard library only; a ``.mo`` is
compared with its ``.po`` by content, not bytes (Babel writes its own version into it).
"""
from __future__ import annotations

import gettext
import io
import sys
from pathlib import Path

from . import LANGUAGES, LOCALE_DIR, _GETTEXT_NAMES

HEADER = '''# rubric-engine messages: {area}. Keys are codes; texts use str.format fields.
msgid ""
msgstr ""
"Project-Id-Version: rubric-engine\\n"
"POT-Creation-Date: 2026-11-28 00:00+0000\\n"
"PO-Revision-Date: 2026-11-28 00:00+0000\\n"
"Language: {language}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

'''


def compiled(po_path: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as stream:
        catalog = read_po(stream, abort_invalid=True)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def messages_of(mo_bytes: bytes) -> dict[str, str]:
    catalog = gettext.GNUTranslations(io.BytesIO(mo_bytes))._catalog  # noqa: SLF001
    return {key: value for key, value in catalog.items() if isinstance(key, str) and key}


def stale(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """The ``.mo`` files whose messages differ from what their ``.po`` compiles to."""
    out = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or messages_of(mo.read_bytes()) != messages_of(compiled(po)):
            out.append(mo)
    return out


def compile_all(locale_dir: Path = LOCALE_DIR) -> None:
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        po.with_suffix(".mo").write_bytes(compiled(po))


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def add(area: str, key: str, texts: dict[str, str], locale_dir: Path = LOCALE_DIR) -> None:
    for language in LANGUAGES:
        po = locale_dir / _GETTEXT_NAMES[language] / "LC_MESSAGES" / f"{area}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        if not po.exists():
            po.write_text(HEADER.format(area=area, language=_GETTEXT_NAMES[language]), encoding="utf-8")
        existing = po.read_text(encoding="utf-8")
        if f"\nmsgid {_quoted(key)}\n" in existing:
            raise SystemExit(f"{po}: {key} is already there")
        po.write_text(existing.rstrip("\n") + f"\n\nmsgid {_quoted(key)}\nmsgstr {_quoted(texts[language])}\n",
                      encoding="utf-8")


def add_many(area: str, entries: dict[str, tuple[str, str]], locale_dir: Path = LOCALE_DIR) -> None:
    """Several messages at once: ``{key: (中文, English)}``."""
    for key, (chinese, english) in entries.items():
        add(area, key, {"zh-CN": chinese, "en": english}, locale_dir)
    compile_all(locale_dir)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "compile"
    if command == "compile":
        compile_all()
        return 0
    if command == "check":
        out_of_date = stale()
        for path in out_of_date:
            print(f"stale: {path} (run: python -m rubric_engine.messages.tool compile)", file=sys.stderr)
        return 1 if out_of_date else 0
    if command == "add" and len(argv) == 5:
        _, area, key, chinese, english = argv
        add(area, key, {"zh-CN": chinese, "en": english})
        compile_all()
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
