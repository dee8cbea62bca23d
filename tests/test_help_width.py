"""Help pages by display width, in the catalogue, in both languages (issue 17, deliver 6)."""
from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from rubric_engine.cli import app

WORD = r"[A-Za-z][A-Za-z'’-]*"


def _catalogue_words(language: str) -> set[str]:
    from rubric_engine import messages

    texts = [messages.catalogue(language)[key] for key in messages.catalogue(language)]
    return {w for t in texts for w in re.findall(WORD, t)} | {"OPTIONS", "COMMAND", "ARGS", "RUBRIC", "DATA"}


WORDS = {language: _catalogue_words(language) for language in ("zh-CN", "en")}
COMMANDS = ([], ["check"], ["evaluate"], ["plugins"], ["certificates"], ["explain"], ["show"])


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_help_fits_80_columns_and_speaks_the_language(language):
    runner = CliRunner()
    for command in COMMANDS:
        result = runner.invoke(app, [*command, "-h", "--lang", language], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        page = result.stdout
        for line in page.splitlines():
            assert cell_len(line) <= 80, (command, line)
        assert not re.search(r"<(str|path|int)>|\[x[<>]=", page), command
        for line in page.splitlines():  # a Latin word is never cut at a line's end ("wecha" / "t")
            ending = re.findall(WORD, line)
            if ending and re.search(r"[A-Za-z]$", line.rstrip()):
                assert ending[-1] in WORDS[language], (command, line)
        if language == "zh-CN":
            assert page.startswith("用法：rubric") and "Usage" not in page and "Options" not in page
            assert "选项：" in page and "[选项]" in page
        else:
            assert page.startswith("Usage: rubric") and "Options:" in page
    jobs = runner.invoke(app, ["check", "-h", "--lang", language], env={"COLUMNS": "80"}).stdout
    flat = "".join(jobs.split())
    assert ("[至少1]" if language == "zh-CN" else "[atleast1]") in flat and "-f, --format FORMAT" in jobs


def test_every_help_text_is_a_key_of_both_catalogues():
    import typer.main

    from rubric_engine import messages

    missing = []

    def walk(command, path):
        for obj, name in [(command, path)] + [(p, f"{path} {p.name}") for p in command.params]:
            key = getattr(obj, "_help_key", None) or getattr(obj, "help", None)
            if name.endswith(" help"):
                continue  # -h: the messages area's help.opt.help, set when the page is made
            if not key or not all(messages.has(key, language) for language in ("zh-CN", "en")):
                missing.append((name, key))
        for sub_name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {sub_name}")

    walk(typer.main.get_command(app), "rubric")
    assert missing == []
