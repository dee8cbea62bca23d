"""The layers lean one way: nothing below the CLI imports it, Typer or Rich; plugins see only the face."""
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
         # the face's own light types (awarding, kinds, contexts) sit below the engine: plugins see them
         "engine": {"language", "errors", "rubric", "engine", "data", "extension", "version", "messages", "awarding",
                    "kinds"},
         # result documents: projections of one evaluation
         "results": {"results", "engine", "data", "language", "errors", "rubric", "extension", "version", "messages"},
         "checking": {"engine", "data", "inspect", "extension", "rubric", "language", "errors", "checking", "version",
                      "limits", "messages", "deadline"},
         # readers and outputs' atomic writes; nothing here renders
         "io": {"io", "errors", "limits", "language", "rubric", "data", "inspect", "messages"},
         # rendering reads result documents only: no reader, no engine, no CLI
         "render": {"render", "errors", "language", "rubric", "version", "messages", "limits"}}


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


ROOT = PACKAGE.parent
PLUGIN_MODULES = sorted([*(PACKAGE / "builtins").glob("*.py"), *(ROOT / "plugins").glob("*.py")])


def _face_imports(path: Path) -> list[str]:
    """What ``path`` imports of rubric-engine: relative imports count as ``rubric_engine.<module>``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(f"rubric_engine.{node.module or ''}" if node.level else node.module)
    return [n for n in names if n.split(".")[0] == "rubric_engine"]


@pytest.mark.parametrize("path", PLUGIN_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_builtins_and_plugins_import_only_the_face(path):
    """A built-in is a plugin like any other: it imports ``rubric_engine`` (the face) and nothing under it."""
    bad = [name for name in _face_imports(path) if name != "rubric_engine"]
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}: import them from rubric_engine"


def test_the_face_check_sees_a_reach_past_it(tmp_path):
    plugin = tmp_path / "reaching.py"
    plugin.write_text("from rubric_engine import hookimpl\nfrom rubric_engine.engine.awards import pick_top\n"
                      "def f():\n    from ..messages import text\n", encoding="utf-8")
    assert _face_imports(plugin) == ["rubric_engine", "rubric_engine.engine.awards", "rubric_engine.messages"]


def test_the_face_exports_what_it_lists():
    import rubric_engine

    missing = [name for name in rubric_engine.__all__ if not hasattr(rubric_engine, name)]
    assert not missing
