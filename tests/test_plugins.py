"""The plugin host and every hook: docs examples are real plugins, loaded and used."""
from __future__ import annotations

import json
import re

import pytest

from rubric_engine import hookspecs
from tests.conftest import MINI_RUBRIC, ROOT, evaluate_json

DOC = "\n".join((ROOT / "docs" / name).read_text(encoding="utf-8") for name in ("plugins.md", "votes.md"))
HOOKS = sorted(name for name in dir(hookspecs) if name.startswith("register_"))


def doc_section(hook: str) -> str:
    match = re.search(rf"^## {hook}\n(.*?)(?=^## |\Z)", DOC, re.S | re.M)
    assert match, f"docs/plugins.md has no section for {hook}"
    return match.group(1)


def doc_example(hook: str) -> str:
    """The last python block of the hook's section: the worked example."""
    blocks = re.findall(r"```python\n(.*?)```", doc_section(hook), re.S)
    return blocks[-1]


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_with_its_signature(hook):
    section = doc_section(hook)
    assert f"def {hook}(register): ..." in section


def test_every_hook_has_a_test():
    names = set(globals()) | set(re.findall(r"^def (test_hook_\w+)", (ROOT / "tests" / "votes" / "test_hook.py")
                                            .read_text(encoding="utf-8"), re.M))
    missing = [hook for hook in HOOKS if f"test_hook_{hook}" not in names]
    assert not missing, f"hooks without a test_hook_<name>: {missing}"


def plugin_dir(tmp_path, hook: str):
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / f"{hook}.py").write_text(doc_example(hook), encoding="utf-8")
    return folder


def small_contest(contest):
    contest.entry("E1", unit="甲").entry("E2", unit="甲").entry("E3", unit="乙", title="一个相当长的标题超过了二十个字的限制会被扣分")
    contest.sheet("experts", "X1", "E1", 30, 50, 10).sheet("experts", "X2", "E1", 20, 30, 6)
    contest.sheet("experts", "X1", "E2", 25, 40, 8).sheet("experts", "X2", "E2", 25, 40, 8)
    contest.sheet("experts", "X1", "E3", 10, 10, 4).sheet("experts", "X2", "E3", 12, 12, 4)
    for entry in ("E1", "E2", "E3"):
        contest.sheet("audience", "A1", entry, 20, 30, 5).vote(entry, 5)
    return contest.write()


def test_hook_register_checks(tmp_path, contest, cli):
    folder = plugin_dir(tmp_path, "register_checks")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("checks:\n", "plugins: [plugins/register_checks.py]\nchecks:\n"
                                          "  - {id: title_length, label: 标题长度, type: title_length, "
                                          "params: {max_chars: 20}}\n"), encoding="utf-8")
    assert folder.exists()
    result = evaluate_json(rubric, small_contest(contest), "--trust-plugins")
    entries = {e["id"]: e for e in result["entries"]}
    assert entries["E3"]["conformity"]["violations"] == ["title_length"]
    assert entries["E1"]["conformity"]["violations"] == []
    code, out, err = cli("check", rubric, contest.folder, "--format", "json", "--trust-plugins")
    assert code == 0
    verdict = next(c for e in json.loads(out)["entries"] if e["id"] == "E3" for c in e["checks"]
                   if c["check"] == "title_length")
    assert verdict["status"] == "fail" and "超过 20 字" in verdict["reason"]


def test_hook_register_checks_bad_params_point_at_the_rubric(tmp_path, cli):
    plugin_dir(tmp_path, "register_checks")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("checks:\n", "plugins: [plugins/register_checks.py]\nchecks:\n"
                                          "  - {id: title_length, label: 标题长度, type: title_length, "
                                          "params: {max_chars: 0}}\n"), encoding="utf-8")
    code, out, err = cli("validate", rubric, "--trust-plugins")
    line = next(i for i, l in enumerate(rubric.read_text(encoding="utf-8").splitlines(), 1) if "max_chars: 0" in l)
    assert code == 1 and f"r.yaml:{line}:" in err and "max_chars must be a whole number" in err


def test_hook_register_aggregations(tmp_path, contest, cli):
    folder = plugin_dir(tmp_path, "register_aggregations")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace(
        "{id: experts, label: 专家评分, type: judged, weight: 70%, criteria: [conformity, content, thought, innovation]}",
        "{id: experts, label: 专家评分, type: judged, weight: 70%, criteria: [conformity, content, thought, innovation],"
        " aggregation: midrange}"), encoding="utf-8")
    data = small_contest(contest)
    code, out, err = cli("evaluate", rubric, data, "--format", "json", "--plugins-dir", folder)
    assert code == 0, err
    entries = {e["id"]: e for e in json.loads(out)["entries"]}
    # E1: totals 30+50+10+10 = 100 and 20+30+6+10 = 66 -> midrange 83
    assert entries["E1"]["panels"]["experts"]["score"] == 83
    # without the plugin, the rubric names an aggregation nobody provides
    code, out, err = cli("validate", rubric)
    assert code == 1 and "unknown aggregation 'midrange'" in err


def test_a_full_form_aggregation_tells_explain_which_sheet_it_dropped(tmp_path, contest, cli):
    folder = plugin_dir(tmp_path, "register_aggregations")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace(
        "{id: audience, label: 专业观众评分, type: judged, weight: 10%, criteria: [conformity, content, thought, innovation]}",
        "{id: audience, label: 专业观众评分, type: judged, weight: 10%, criteria: [conformity, content, thought, innovation],"
        " aggregation: without_outlier}"), encoding="utf-8")
    contest.entry("E1").entry("E2")
    for entry in ("E1", "E2"):
        contest.sheet("experts", "X1", entry, 20, 30, 5).vote(entry, 5)
    contest.sheet("audience", "A1", "E1", 20, 30, 5).sheet("audience", "A2", "E1", 21, 30, 5)
    contest.sheet("audience", "A3", "E1", 5, 10, 1)
    for judge in ("A1", "A2", "A3"):
        contest.sheet("audience", judge, "E2", 20, 30, 5)
    data = contest.write()
    code, out, err = cli("explain", rubric, data, "E1", "--format", "json", "--plugins-dir", folder)
    assert code == 0, err
    audience = json.loads(out)["panels"]["audience"]
    assert [s["judge"] for s in audience["sheets"] if s.get("dropped")] == ["A3"]
    assert audience["score"] == 65.5  # (55 + 10 + 56 + 10) / 2: A3's 16 + 10 is left out
    code, out, err = cli("evaluate", rubric, data, "--format", "json", "--plugins-dir", folder)
    assert {e["id"]: e["panels"]["audience"]["score"] for e in json.loads(out)["entries"]} == {"E1": 65.5, "E2": 65}


def test_hook_register_award_strategies(tmp_path, contest, cli):
    folder = plugin_dir(tmp_path, "register_award_strategies")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC + "  - {id: newcomer, label: 最佳新人奖, strategy: best_newcomer}\n", encoding="utf-8")
    code, out, err = cli("evaluate", rubric, small_contest(contest), "--format", "json", "--plugins-dir", folder)
    assert code == 0, err
    awards = {a["id"]: a["winners"] for a in json.loads(out)["awards"]}
    assert awards["newcomer"] == ["E3"]


def test_hook_register_output_formats(tmp_path, contest, cli, mini_rubric):
    folder = plugin_dir(tmp_path, "register_output_formats")
    code, out, err = cli("evaluate", mini_rubric, small_contest(contest), "--format", "board", "--plugins-dir", folder)
    assert code == 0, err
    assert out.splitlines()[0].startswith("1. 作品E") and len(out.splitlines()) == 3


def test_rubric_plugins_lists_builtins_and_files(tmp_path, cli):
    folder = plugin_dir(tmp_path, "register_output_formats")
    code, out, err = cli("plugins", "--plugins-dir", folder, "--format", "json")
    assert code == 0
    plugins = {p["name"]: p for p in json.loads(out)}
    assert plugins["rubric_engine.builtins.awards"]["provides"]["award_strategies"] == [
        "rank_tier", "most_votes", "unit_composite"]
    assert plugins["register_output_formats"]["source"].endswith("register_output_formats.py")
    assert plugins["register_output_formats"]["provides"] == {"output_formats": ["board"]}


@pytest.mark.parametrize("source,message", [
    ("def broken(:\n    pass\n", "syntax error"),
    ("import no_such_module_here\n", "failed to load: ModuleNotFoundError"),
    ("from rubric_engine import hookimpl\n\n@hookimpl\ndef register_check(register):\n    pass\n",
     "unknown hook 'register_check'"),
    ("from rubric_engine import hookimpl, Aggregation\n\n@hookimpl\ndef register_aggregations(register):\n"
     "    register(Aggregation('mean', lambda m, p: m[0]))\n", "already provides"),
    ("from rubric_engine import hookimpl\n\n@hookimpl\ndef register_checks(register):\n    register('x')\n",
     "expected a CheckType"),
])
def test_broken_plugins_get_a_clear_error_naming_the_file(tmp_path, cli, source, message):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "bad_plugin.py").write_text(source, encoding="utf-8")
    code, out, err = cli("plugins", "--plugins-dir", folder)
    assert code == 1
    assert "Traceback" not in out + err
    assert "bad_plugin" in err and message in err


def test_syntax_error_is_located(tmp_path, cli):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "bad.py").write_text("x = 1\ndef broken(:\n", encoding="utf-8")
    code, out, err = cli("plugins", "--plugins-dir", folder)
    assert code == 1 and f"{folder / 'bad.py'}:2:" in err


def test_rubric_plugin_file_that_does_not_exist(tmp_path, cli):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC + "plugins: [plugins/nope.py]\n", encoding="utf-8")
    code, out, err = cli("validate", rubric)
    assert code == 1 and "plugin file plugins/nope.py does not exist" in err


def test_installed_plugins_load_from_entry_points(tmp_path):
    """A package that declares an entry point in the group `rubric_engine` is loaded."""
    from tests.conftest import run_module

    site = tmp_path / "site"
    dist = site / "rubric_board-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: rubric-board\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[rubric_engine]\nboard = rubric_board\n", encoding="utf-8")
    (site / "rubric_board.py").write_text(doc_example("register_output_formats"), encoding="utf-8")
    process = run_module("plugins", "--format", "json", env={"PYTHONPATH": str(site)})
    assert process.returncode == 0, process.stderr
    plugins = {p["name"]: p for p in json.loads(process.stdout)}
    assert plugins["board"]["source"] == "entry point rubric_board"
    assert plugins["board"]["provides"] == {"output_formats": ["board"]}
