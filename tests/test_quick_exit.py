"""The console script leaves without freeing its objects (cli/quick_exit.py): what a normal exit does
still happens — atexit handlers run, stdout reaches a pipe whole, the exit code is the command's."""
from __future__ import annotations

import json
import sys
import textwrap

from tests.conftest import run_module
from tests.golden.contests import build

PLUGIN = textwrap.dedent('''
    import atexit
    import os
    from pathlib import Path

    atexit.register(lambda: Path(os.environ["MARKER"]).write_text("ran", encoding="utf-8"))


    class Freed:
        def __del__(self):  # run when the module is torn down: never, since the process leaves at once
            Path(os.environ["MARKER"] + ".freed").write_text("freed", encoding="utf-8")


    KEPT = Freed()
''')


def test_the_console_script_runs_atexit_handlers_and_flushes_stdout(tmp_path):
    rubric, data = build("mini", tmp_path)
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "at_exit.py").write_text(PLUGIN, encoding="utf-8")
    marker = tmp_path / "marker.txt"
    done = run_module("evaluate", str(rubric), str(data), "--format", "json", "--plugins-dir", str(plugins),
                      env={"MARKER": str(marker)})
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)  # the whole document reached the pipe
    assert document["entries"] and document["awards"]
    assert marker.read_text(encoding="utf-8") == "ran"
    assert not (tmp_path / "marker.txt.freed").exists()  # left without tearing the modules down


def test_the_console_script_keeps_the_commands_exit_code(tmp_path):
    rubric, data = build("mini", tmp_path)
    missing = run_module("evaluate", str(rubric), str(tmp_path / "no such folder"), "--format", "json")
    assert missing.returncode != 0 and missing.stdout == ""


def test_leave_does_nothing_unless_armed(monkeypatch):
    """In the library and under CliRunner nothing is kept and the process is never left from here."""
    from rubric_engine.cli import quick_exit

    monkeypatch.setattr(quick_exit, "_KEPT", None)
    quick_exit.keep(object())
    assert quick_exit._KEPT is None
    quick_exit.leave(0)  # returns: the test process goes on
    assert sys.exc_info() == (None, None, None)
