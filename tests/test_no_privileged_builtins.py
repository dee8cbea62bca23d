"""No core code names a built-in: the built-in plugins are found through the registry like anyone's.

Every module outside ``rubric_engine/builtins/`` is read as Python, and no string literal may be
the name of a built-in award strategy, aggregation or check type; what a built-in says (its
why/why-not, its places, its labels, its being the default) it declares on its registration.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "rubric_engine"

# names only the built-ins use (words such as "deadline", "signature" or "mean" are also rubric
# keys and data columns, and stay out of this list)
BUILTIN_NAMES = {
    "rank_tier", "most_votes", "unit_composite", "nominations", "entry_ranks",  # award strategies, unit metrics
    "median", "trimmed_mean", "trimmed_sum",  # aggregations
    "article_files", "article_length", "docx_font", "photo_size", "submission_format", "unit_quota",  # check types
    "video_file", "manual",
    "ip_burst", "ip_cap", "entry_spike", "device_voters", "ip_hopping",  # vote rules
}

# "manual" as a word that is not the check type: a catalogue key (rubric show's 人工判定) and
# VerdictSource.PERSON's value (who gave a verdict, a word the JSON has always used)
KNOWN = {("render/rubric_view.py", "manual"), ("kinds.py", "manual")}

MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "builtins" not in p.relative_to(PACKAGE).parts)


def named_builtins(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sorted({(node.value, node.lineno) for node in ast.walk(tree)
                   if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in BUILTIN_NAMES})


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_core_module_names_a_builtin(path):
    relative = path.relative_to(PACKAGE).as_posix()
    found = [(name, line) for name, line in named_builtins(path) if (relative, name) not in KNOWN]
    assert not found, f"{relative} names built-ins {found}: ask the registered object instead"


def test_the_grep_finds_a_builtin_name(tmp_path):
    module = tmp_path / "core.py"
    module.write_text('if award.strategy == "rank_tier":\n    pass\nkey = "rank_tier_x"\n', encoding="utf-8")
    assert named_builtins(module) == [("rank_tier", 1)]


def test_defaults_are_declared_by_the_registered_objects():
    from rubric_engine.plugins import load_host

    host = load_host(entry_points=False)
    defaults = [name for name in host.names("aggregations") if host.get("aggregations", name).default]
    assert defaults == ["mean"] and host.default("aggregations") == "mean"
