"""The layers lean one way: nothing below the CLI imports it, Typer or Rich."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "rubric_engine"
PRESENTATION = {"cli.py", "__main__.py", "localised.py"} | {f"render/{p.name}" for p in (PACKAGE / "render").glob("*.py")}
LOWER = {"messages": {"messages"},
         "language": {"language", "errors", "limits", "messages"},
         "rubric": {"language", "errors", "rubric", "plugins", "schemas", "extension", "limits", "messages"},
         "data": {"data", "errors"},
         "engine": {"language", "errors", "rubric", "engine", "data", "extension", "version", "messages"},
         # result documents: projections of one evaluation
         "results": {"results", "engine", "data", "language", "errors", "rubric", "extension", "version", "messages"},
         "checking": {"engine", "data", "inspect", "extension", "rubric", "language", "errors", "checking", "version",
                      "limits", "messages", "deadline"},
         # readers and outputs' atomic writes; nothing here renders
         "io": {"io", "errors", "limits", "language", "rubric", "data", "inspect", "messages", "votes"},
         # the votes layer: a raw log counted in SQL; it uses the readers' cell parsers
         "votes": {"votes", "io", "errors", "limits", "language", "rubric", "data", "messages", "hookspecs"},
         # rendering reads result documents only: no reader, no engine, no CLI
         "render": {"render", "errors", "language", "rubric", "version", "messages"}}


def imports(path: Path) -> list[str]:
    """Modules imported by ``path``, as absolute names under rubric_engine where relative."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                module = ".".join(base + ([node.module] if node.module else []))
                names += [module] if node.module else [f"{module}.{a.name}" for a in node.names]
            else:
                names.append(node.module)
    return names


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_presentation_imports_the_cli_typer_or_rich(path):
    relative = path.relative_to(PACKAGE).as_posix()
    if relative in PRESENTATION:
        return
    bad = [n for n in imports(path) if n.split(".")[0] in ("typer", "rich") or n == "rubric_engine.cli"]
    assert not bad, f"{relative} imports {bad}"


@pytest.mark.parametrize("layer", sorted(LOWER))
def test_lower_layers_do_not_import_higher_ones(layer):
    for path in (PACKAGE / layer).rglob("*.py"):
        for name in imports(path):
            parts = name.split(".")
            if parts[0] == "rubric_engine" and len(parts) > 1:
                assert parts[1] in LOWER[layer], f"{path.relative_to(PACKAGE)} imports {name}"
