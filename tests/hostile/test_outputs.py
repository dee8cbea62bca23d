"""Issue 18, cases 4-6: where ``--output`` writes, with what mode, and what it never replaces."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from tests.conftest import MINI_RUBRIC, ROOT, with_language


def _contest(contest):
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 3)
    return contest.write()


@pytest.mark.parametrize("target", ["/dev/stdout", "-", "/dev/fd/1", "/proc/self/fd/1"])
def test_output_to_stdout_appends_to_a_redirected_log(contest, mini_rubric, tmp_path, target):
    folder = _contest(contest)
    log = tmp_path / "run.log"
    log.write_text("earlier line 1\nearlier line 2\n", encoding="utf-8")
    with open(log, "ab") as stream:  # the shell's `>> run.log`
        done = subprocess.run([sys.executable, "-m", "rubric_engine",
                               *with_language(["evaluate", str(mini_rubric), str(folder), "--format", "json",
                                               "--output", target])],
                              stdout=stream, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    written = log.read_text(encoding="utf-8")
    assert written.startswith("earlier line 1\nearlier line 2\n{"), written[:200]
    assert json.loads(written.split("\n", 2)[2])["entries"][0]["id"] == "E1"
    assert log.is_file() and not log.is_symlink()


def test_output_dash_in_process_writes_to_stdout(contest, mini_rubric, cli):
    folder = _contest(contest)
    code, out, err = cli("evaluate", mini_rubric, folder, "--format", "json", "--output", "-")
    assert code == 0, err
    assert json.loads(out)["entries"][0]["id"] == "E1"


@pytest.fixture
def umask_077():
    old = os.umask(0o077)
    yield
    os.umask(old)


def test_a_new_output_follows_the_umask(contest, mini_rubric, cli, tmp_path, umask_077):
    folder = _contest(contest)
    out = tmp_path / "audit.json"
    code, _, err = cli("evaluate", mini_rubric, folder, "--output", out)
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_replaced_output_keeps_its_mode(contest, mini_rubric, cli, tmp_path, mode):
    folder = _contest(contest)
    out = tmp_path / "result.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(mode)
    code, _, err = cli("evaluate", mini_rubric, folder, "--output", out)
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_output_never_replaces_a_file_of_the_template_folder(contest, mini_rubric, cli, tmp_path):
    folder = _contest(contest)
    templates = tmp_path / "模板"
    (templates / "parts").mkdir(parents=True)
    page = templates / "results.html.j2"
    page.write_text("<p>{{ contest.name }}</p>\n", encoding="utf-8")
    for target, extra in ((page, ["--format", "html"]), (templates / "parts" / "new.html", []),
                          (templates / "results.html.j2", ["--format", "html", "--audit", tmp_path / "audit.html"])):
        code, _, err = cli("evaluate", mini_rubric, folder, "--template", templates, "--output", target, *extra)
        assert code == 2 and "a folder this command reads (--template)" in err, (target, err)
    code, _, err = cli("evaluate", mini_rubric, folder, "--template", templates, "--output", tmp_path / "ok.html",
                       "--audit", page)
    assert code == 2 and "--template" in err
    assert page.read_text(encoding="utf-8") == "<p>{{ contest.name }}</p>\n"
    assert not (templates / "parts" / "new.html").exists()


def test_output_never_replaces_a_plugin_the_rubric_names(contest, cli, tmp_path):
    folder = _contest(contest)
    plugin = tmp_path / "plugins" / "marker.py"
    plugin.parent.mkdir()
    plugin.write_text("x = 1\n", encoding="utf-8")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC + "plugins: [plugins/marker.py]\n", encoding="utf-8")
    for command in (["evaluate", rubric, folder], ["check", rubric, folder], ["explain", rubric, folder, "E1"]):
        code, _, err = cli(*command, "--trust-plugins", "--format", "json", "--output", plugin)
        assert code == 2 and f"a plugin the rubric names: {tmp_path / 'plugins' / 'marker.py'}" in err, err
    assert plugin.read_text(encoding="utf-8") == "x = 1\n"
