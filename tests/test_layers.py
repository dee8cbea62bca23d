"""The layers lean one way: nothing below the CLI imports it, Typer or Rich; plugins see only the face."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "rubric_engine"
PRESENTATION = ({"__main__.py"} | {f"cli/{p.name}" for p in (PACKAGE / "cli").glob("*.py")}
                | {f"render/{p.name}" for p in (PACKAGE / "render").glob("*.py")})
LOWER = {"messages": {"messages"},
         "language": {"language", "errors", "limits", "messages"},
         # the builder receives a registry (the plugin host) from above: it never loads plugins itself
         "rubric": {"language", "errors", "rubric", "schemas", "extension", "limits", "messages"},
         "data": {"data", "errors"},
         # the face's own light types (awarding, kinds, contexts) sit below the engine: plugins see them
         "engine": {"language", "errors", "rubric", "engine", "data", "extension", "version", "messages", "awarding",
                    "normalising",
                    "kinds"},
         # result documents: projections of one evaluation
         "results": {"results", "engine", "data", "language", "errors", "rubric", "extension", "version", "messages"},
         "checking": {"engine", "data", "inspect", "extension", "rubric", "language", "errors", "checking", "version",
                      "limits", "messages", "deadline", "io"},  # io: reading untrusted files, writing modes
         # readers and outputs' atomic writes; nothing here renders
         "io": {"io", "errors", "limits", "language", "rubric", "data", "inspect", "messages", "votes"},
         # the votes layer: a raw log counted in SQL; it uses the readers' cell parsers
         "votes": {"votes", "io", "errors", "limits", "language", "rubric", "data", "messages", "hookspecs"},
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
    bad = [n for n in imports(path) if n.split(".")[0] in ("typer", "rich") or n.startswith("rubric_engine.cli")]
    assert not bad, f"{relative} imports {bad}"


def test_the_session_imports_no_cli():
    """``Contest`` (session.py), the library's front door, runs every layer below the CLI; the CLI calls it."""
    for name in imports(PACKAGE / "session.py"):
        assert not name.startswith("rubric_engine.cli"), name


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


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module → the modules of rubric_engine it imports, function-level imports included.

    ``from pkg import sub`` (a submodule) counts as an import of ``sub``, not of ``pkg``'s own body
    (Python runs a package before its submodules in any case); ``from pkg import name`` of ``pkg``.
    """
    names = {module_name(p): p for p in MODULES}
    graph = {}
    for name, path in names.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module
                subs = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in names]
                edges.update(subs)
                if len(subs) < len(node.names):
                    edges.add(module)
        if name == "rubric_engine":  # the face's lazy names: imported on first use through _LAZY
            lazy = next(n.value for n in ast.parse(path.read_text(encoding="utf-8")).body
                        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "_LAZY")
            edges.update(f"rubric_engine.{module}" for module, _ in ast.literal_eval(lazy).values())
        graph[name] = {e for e in edges if e in names and e != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_anywhere():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = import_graph()
    graph["rubric_engine.render.rounding"].add("rubric_engine.render.page")  # as templating ↔ page was
    assert any({"rubric_engine.render.page", "rubric_engine.render.rounding"} <= set(c) for c in cycles(graph))


def test_the_graph_sees_function_level_imports():
    graph = import_graph()
    assert "rubric_engine.session" in graph["rubric_engine"]  # Contest, imported lazily through _LAZY
    assert "rubric_engine.session" in graph["rubric_engine.cli.plugins"]  # inside the command's function
