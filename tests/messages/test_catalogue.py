"""The message catalogue is complete: every key in both languages, the same fields, compiled, used."""
from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from rubric_engine import messages
from rubric_engine.messages import LANGUAGES, Message, catalogue, text

PACKAGE = Path(messages.__file__).resolve().parents[1]
FRAMEWORK_DOMAIN = "messages"  # Typer's own words, keyed by their English text


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_has_both_languages():
    zh, en = catalogue("zh-CN"), catalogue("en")
    assert set(zh) == set(en), f"only zh-CN: {sorted(set(zh) - set(en))}; only en: {sorted(set(en) - set(zh))}"
    assert all(value.strip() for value in [*zh.values(), *en.values()])


def test_both_languages_fill_the_same_fields():
    zh, en = catalogue("zh-CN"), catalogue("en")
    differ = {key: (fields(zh[key]), fields(en[key])) for key in zh if fields(zh[key]) != fields(en[key])}
    assert not differ


def test_the_compiled_catalogues_say_what_the_po_files_say():
    pytest.importorskip("babel", reason="Babel compiles the catalogues (pip install -e '.[test]')")
    from rubric_engine.messages.tool import stale

    assert not stale(), "run: python -m rubric_engine.messages.tool compile"


def _keys_used(tree: ast.AST) -> set[str]:
    """Literal keys given to text(), Message(), Problem.of(), .of(), .add(severity, key) and help=."""
    keys = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
        if name in ("of", "add") and args[:1] and args[0] in ("error", "warning", "note"):
            args, name = args[1:], "of"  # Problem.of(severity, key, ...), problems.add(severity, key, ...)
        if name in ("text", "_text", "Message", "text_or_none", "of") and args[:1] and args[0]:
            keys.add(args[0])
        for keyword in node.keywords:
            if keyword.arg == "help" and isinstance(keyword.value, ast.Constant) and str(keyword.value.value).startswith("help."):
                keys.add(keyword.value.value)
    return keys


def test_every_key_the_code_uses_is_in_the_catalogue():
    known = set(catalogue("zh-CN"))
    missing = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for key in _keys_used(ast.parse(path.read_text(encoding="utf-8"))):
            if key not in known:
                missing.setdefault(str(path.relative_to(PACKAGE)), []).append(key)
    assert not missing


def test_a_message_is_rendered_in_the_language_current_when_shown():
    message = Message("cli.errors", count=3)
    previous = messages.current_language()
    try:
        messages.set_language("en")
        assert str(message) == "3 error(s): nothing was written."
        messages.set_language("zh-CN")
        assert str(message) == "3 个错误：未写入任何文件。"
    finally:
        messages.set_language(previous)


@pytest.mark.parametrize("value, expected", [("zh_CN.UTF-8", "zh-CN"), ("zh", "zh-CN"), ("zh-Hans", "zh-CN"),
                                             ("en_US.UTF-8", "en"), ("en-GB", "en"), ("C.UTF-8", None),
                                             ("fr_FR", None), ("", None)])
def test_language_names_from_locales(value, expected):
    assert messages.normalise_language(value) == expected


def test_help_follows_lang_then_the_environment(cli):
    from tests.conftest import run_inprocess

    chinese = run_inprocess("evaluate", "--help", "--lang", "zh-CN", env={"LANG": "en_US.UTF-8"}).stdout
    assert "计算最终得分、名次和全部奖项" in chinese and "选项" in chinese and "显示此帮助并退出" in chinese
    english = run_inprocess("--help", "--lang", "en").stdout
    assert "Final scores, ranks and every award" in english and "计算" not in english
    from_locale = run_inprocess("validate", "-h", "--lang=en_US.UTF-8").stdout
    assert "Check a rubric file" in from_locale


def test_help_without_lang_follows_lang_env():
    import subprocess
    import sys

    def helped(lang):
        return subprocess.run([sys.executable, "-m", "rubric_engine", "--help"], capture_output=True, text=True,
                              env={"PATH": "/usr/bin:/bin", "LANG": lang}, timeout=60).stdout

    assert "Run the judging of a contest" in helped("en_US.UTF-8")
    assert "依据评分规则文件完成一次评审" in helped("zh_CN.UTF-8")
    assert "依据评分规则文件完成一次评审" in helped("C.UTF-8")  # no language in the locale: zh-CN


def test_no_key_is_in_two_areas():
    """Each key lives in one .po file: two areas with the same key would let the later file win silently."""
    pytest.importorskip("babel", reason="Babel reads the .po files (pip install -e '.[test]')")
    from babel.messages.pofile import read_po

    for folder in sorted(messages.LOCALE_DIR.glob("*/LC_MESSAGES")):
        where: dict[str, str] = {}
        twice = []
        for po in sorted(folder.glob("*.po")):
            with po.open("rb") as stream:
                for message in read_po(stream):
                    if message.id and message.id in where:
                        twice.append((message.id, where[message.id], po.stem))
                    where.setdefault(message.id, po.stem)
        assert not twice, f"{folder}: {twice}"
