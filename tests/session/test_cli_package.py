"""The CLI is a package of thin commands: one module each, shared options declared once, help in the catalogue."""
from __future__ import annotations

import ast
import re

import pytest

from rubric_engine import messages
from rubric_engine.cli import COMMANDS, app
from tests.conftest import ROOT

CLI = ROOT / "rubric_engine" / "cli"


def help_texts():
    """Every ``help=`` written as a literal in the CLI's modules: (file, line, text)."""
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "help" and isinstance(node.value, ast.Constant):
                yield path.name, node.value.lineno, node.value.value


def test_the_cli_has_help_texts_to_check():
    assert len(list(help_texts())) > 20


@pytest.mark.parametrize("where,line,key", list(help_texts()), ids=lambda v: str(v))
def test_every_help_text_is_a_catalogue_key_in_both_languages(where, line, key):
    for language in messages.LANGUAGES:
        assert messages.has(key, language), f"{where}:{line}: help={key!r} is not a key of the {language} catalogue"


@pytest.mark.parametrize("language,said,not_said", [("zh-CN", "把警告当作错误", "Treat warnings as errors"),
                                                    ("en", "Treat warnings as errors", "把警告当作错误")])
def test_validate_help_is_in_the_chosen_language(cli, language, said, not_said):
    code, out, err = cli("validate", "--help", "--lang", language)
    assert code == 0, err
    strict = next(line for line in out.splitlines() if "--strict" in line)
    assert said in strict and not_said not in out


@pytest.mark.parametrize("command,option,chinese", [
    ("check", "--grid", "每项检查一列"), ("check", "--only-problems", "只显示有未通过"),
    ("check", "--format", "输出格式"), ("plugins", "--rubric", "同时加载"), ("plugins", "--format", "table 或 json"),
    ("explain", "ENTRY_ID", "要解释的作品编号")])
def test_the_formerly_english_help_texts_read_in_chinese(cli, command, option, chinese):
    code, out, err = cli(command, "--help", "--lang", "zh-CN")
    assert code == 0, err
    assert chinese in out.split(option, 1)[1][:200]


def test_every_command_module_is_registered_once():
    modules = {path.stem for path in CLI.glob("*.py")
               if re.search(r"^NAME, HELP = ", path.read_text(encoding="utf-8"), re.M)}
    assert {module.__name__.rsplit(".", 1)[1] for module in COMMANDS} == modules
    assert [c.name for c in app.registered_commands] == [module.NAME for module in COMMANDS]


@pytest.mark.parametrize("option", ["--format", "--output", "--plugins-dir", "--trust-plugins", "--jobs", "--no-cache",
                                    "--strict-cache", "--verdicts", "--template", "--audit", "--quiet", "--lang"])
def test_a_shared_option_is_declared_once(option):
    declared = [path.name for path in CLI.glob("*.py")
                for _ in re.finditer(rf'typer\.Option\("{option}"', path.read_text(encoding="utf-8"))]
    assert declared.count("options.py") == 1
    others = [name for name in declared if name != "options.py"]
    # a command's own variant of a shared name says why in its help key: check's and plugins' --format
    # (their own formats), certificates' --output (a folder of PDFs, not a file)
    variants = {"--format": ["check.py", "plugins.py"], "--output": ["certificates.py"]}
    assert sorted(others) == variants.get(option, [])
