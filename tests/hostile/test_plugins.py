"""Issue 8: plugins that are not what they should be give a located error naming them."""
from __future__ import annotations

import json

import pytest

from tests.conftest import MINI_RUBRIC, evaluate_json  # noqa: F401
from tests.test_plugins import small_contest

HEAD = "from fractions import Fraction\nfrom rubric_engine import hookimpl, Aggregation, CheckType, Verdict\n\n"


def plugins_dir(tmp_path, source: str, name: str = "bad_plugin.py"):
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(HEAD + source, encoding="utf-8")
    return folder


def run(cli, *args):
    code, out, err = cli(*args)
    assert "Traceback" not in out + err and "internal error" not in err
    return code, out, err


def test_a_rubric_plugin_without_py_is_a_located_error(tmp_path, cli):
    plugins_dir(tmp_path, "x = 1\n", name="myplugin")
    (tmp_path / "plugins" / "other.py").write_text("x = 1\n", encoding="utf-8")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC + "plugins: [plugins/myplugin, plugins/other]\n", encoding="utf-8")
    code, out, err = run(cli, "validate", rubric)
    line = MINI_RUBRIC.count("\n") + 1
    assert code == 1
    assert f"r.yaml:{line}:" in err and "plugin file plugins/myplugin is not a Python file (.py)" in err
    assert "plugin file plugins/other does not exist" in err and "did you mean 'plugins/other.py'?" in err


def test_sys_exit_at_import_is_an_error_not_a_silent_exit_0(tmp_path, cli):
    folder = plugins_dir(tmp_path, "import sys\nsys.exit()\n")
    code, out, err = run(cli, "plugins", "--plugins-dir", folder)
    assert code == 1 and "bad_plugin.py:5: error: plugin bad_plugin.py failed to load: called sys.exit(None)" in err


def test_sys_exit_in_a_registration_hook_is_an_error(tmp_path, cli):
    folder = plugins_dir(tmp_path, "@hookimpl\ndef register_checks(register):\n    raise SystemExit(0)\n")
    code, out, err = run(cli, "plugins", "--plugins-dir", folder)
    assert code == 1 and "plugin 'bad_plugin' failed in register_checks: called sys.exit(0)" in err


def test_a_registration_hook_returning_its_items_is_an_error(tmp_path, cli):
    folder = plugins_dir(tmp_path, "@hookimpl\ndef register_aggregations(register):\n"
                                   "    return [Aggregation('first', lambda totals, params: totals[0])]\n")
    code, out, err = run(cli, "plugins", "--plugins-dir", folder)
    assert code == 1 and "register_aggregations returned a list" in err and "call register(Aggregation(...))" in err


def _with_aggregation(tmp_path, body: str):
    plugins_dir(tmp_path, "@hookimpl\ndef register_aggregations(register):\n"
                          f"    register(Aggregation('odd', {body}))\n")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("criteria: [conformity, content, thought, innovation]}",
                                          "criteria: [conformity, content, thought, innovation], aggregation: odd}", 1)
                      + "plugins: [plugins/bad_plugin.py]\n", encoding="utf-8")
    return rubric


def test_an_aggregation_returning_text_is_an_error_naming_the_plugin(tmp_path, cli, contest):
    rubric = _with_aggregation(tmp_path, "lambda totals, params: 'high'")
    code, out, err = run(cli, "evaluate", rubric, small_contest(contest), "--format", "json", "--trust-plugins")
    assert code == 1 and "plugin 'bad_plugin' (Aggregation 'odd', fn) returned a str; expected a number" in err


def test_sys_exit_in_an_aggregation_is_an_error_not_exit_0(tmp_path, cli, contest):
    rubric = _with_aggregation(tmp_path, "lambda totals, params: exit()")
    code, out, err = run(cli, "evaluate", rubric, small_contest(contest), "--format", "json", "--trust-plugins")
    assert code == 1 and "plugin 'bad_plugin' (Aggregation 'odd', fn) called sys.exit(None)" in err


def test_sys_exit_in_a_check_gives_review_and_the_run_goes_on(tmp_path, cli, contest):
    plugins_dir(tmp_path, "def run(entry, params, context):\n    raise SystemExit(3)\n\n"
                          "@hookimpl\ndef register_checks(register):\n    register(CheckType('quits', run))\n")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("checks:\n", "plugins: [plugins/bad_plugin.py]\nchecks:\n"
                                          "  - {id: quits, label: 退出, type: quits}\n"), encoding="utf-8")
    code, out, err = run(cli, "check", rubric, small_contest(contest), "--format", "json", "--jobs", "1",
                         "--trust-plugins")
    assert code == 0, err
    verdicts = [c for e in json.loads(out)["entries"] for c in e["checks"] if c["check"] == "quits"]
    assert verdicts and all(v["status"] == "review" and "sys.exit(3)" in v["reason"]["text"] for v in verdicts)


# --- case 12: a rubric's plugins run only with the organiser's consent ----------------------------

MARKER_PLUGIN = "import pathlib\npathlib.Path(__file__).with_name('ran.txt').write_text('the plugin ran')\n"


def rubric_naming_a_plugin(tmp_path, entry: str = "plugins/marker.py"):
    folder = plugins_dir(tmp_path, MARKER_PLUGIN, name="marker.py")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC + f"plugins: [{entry}]\n", encoding="utf-8")
    return rubric, folder


def sha256_of(path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", ["validate", "show", "check", "evaluate", "explain", "plugins"])
def test_a_rubric_plugin_without_consent_is_refused_before_it_runs(tmp_path, cli, contest, command):
    rubric, folder = rubric_naming_a_plugin(tmp_path)
    args = {"validate": [rubric], "show": [rubric], "plugins": ["--rubric", rubric],
            "check": [rubric, small_contest(contest)], "evaluate": [rubric, contest.folder],
            "explain": [rubric, contest.folder, "E1"]}[command]
    code, out, err = run(cli, command, *args)
    assert code == 1, err
    assert not (folder / "ran.txt").exists(), "the rubric's plugin ran without consent"
    line = MINI_RUBRIC.count("\n") + 1
    sha = sha256_of(folder / "marker.py")
    assert f"r.yaml:{line}:11: error: the rubric asks to run the code of plugin plugins/marker.py (sha256 {sha})" in err
    assert f"plugins: [{{path: plugins/marker.py, sha256: {sha}}}]" in err and "--trust-plugins" in err


def test_trust_plugins_runs_the_rubric_plugin(tmp_path, cli):
    rubric, folder = rubric_naming_a_plugin(tmp_path)
    code, out, err = run(cli, "validate", rubric, "--trust-plugins")
    assert code == 0, err
    assert (folder / "ran.txt").read_text() == "the plugin ran"


def test_a_plugins_dir_given_on_the_command_line_is_consent(tmp_path, cli):
    rubric, folder = rubric_naming_a_plugin(tmp_path)
    code, out, err = run(cli, "validate", rubric, "--plugins-dir", folder)
    assert code == 0, err
    assert (folder / "ran.txt").exists()


def test_a_pinned_plugin_runs_without_the_flag(tmp_path, cli):
    rubric, folder = rubric_naming_a_plugin(tmp_path)
    rubric.write_text(MINI_RUBRIC + f"plugins:\n  - {{path: plugins/marker.py, sha256: {sha256_of(folder / 'marker.py')}}}\n",
                      encoding="utf-8")
    code, out, err = run(cli, "validate", rubric)
    assert code == 0, err
    assert (folder / "ran.txt").exists()


@pytest.mark.parametrize("flags", [[], ["--trust-plugins"]])
def test_a_plugin_changed_after_pinning_is_refused_even_when_trusted(tmp_path, cli, flags):
    rubric, folder = rubric_naming_a_plugin(tmp_path)
    pinned = sha256_of(folder / "marker.py")
    rubric.write_text(MINI_RUBRIC + f"plugins:\n  - {{path: plugins/marker.py, sha256: {pinned}}}\n",
                      encoding="utf-8")
    (folder / "marker.py").write_text(MARKER_PLUGIN + "import os  # slipped in later\n", encoding="utf-8")
    code, out, err = run(cli, "validate", rubric, *flags)
    assert code == 1 and not (folder / "ran.txt").exists()
    line = MINI_RUBRIC.count("\n") + 2
    actual = sha256_of(folder / "marker.py")
    assert f"r.yaml:{line}:39: error: plugin plugins/marker.py has sha256 {actual}, not the {pinned} the rubric pins" in err


def test_a_malformed_pin_is_a_schema_error(tmp_path, cli):
    rubric, folder = rubric_naming_a_plugin(tmp_path)
    rubric.write_text(MINI_RUBRIC + "plugins:\n  - {path: plugins/marker.py, sha256: abc}\n", encoding="utf-8")
    code, out, err = run(cli, "validate", rubric)
    assert code == 1 and f"r.yaml:{MINI_RUBRIC.count(chr(10)) + 2}:" in err and not (folder / "ran.txt").exists()


def test_the_pinned_example_in_the_docs_is_the_bundled_plugin(tmp_path, cli):
    import re

    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "rubric-language.md").read_text(encoding="utf-8")
    pinned = re.search(r"\{path: plugins/best_newcomer.py, sha256: ([0-9a-f]{64})\}", doc).group(1)
    assert pinned == sha256_of(ROOT / "plugins" / "best_newcomer.py"), "re-pin the example in docs/rubric-language.md"
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC + f"plugins:\n  - {{path: {ROOT / 'plugins' / 'best_newcomer.py'}, "
                                    f"sha256: {pinned}}}\n", encoding="utf-8")
    code, out, err = run(cli, "plugins", "--rubric", rubric, "--format", "json")
    assert code == 0, err
    assert "best_newcomer" in out
