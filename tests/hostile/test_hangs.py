"""Issue 8, case 8: a plugin that loops at import and a check that loops never hang the run.

Each test runs the real CLI in a child process of its own session, so that it can look
for leftover processes (and clean them up if the code under test fails to). The 30 s
waits are hang guards, not timing targets.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.checks.test_file_checks import HEADER
from tests.conftest import MINI_RUBRIC, ROOT, write_csv

HANG_GUARD = 30
LOOP_AT_IMPORT = "import sys\nsys.stderr.write('looping\\n'); sys.stderr.flush()\nwhile True:\n    pass\n"
# a check that never returns; it waits instead of spinning, so that the bound it runs into costs no CPU
# (the alarm stops a Python loop the same way either way; LOOP_AT_IMPORT spins)
LOOPING_CHECK = """\
import sys
import time
from rubric_engine import CheckType, hookimpl

def spin(entry, params, context):
    sys.stderr.write('looping\\n'); sys.stderr.flush()
    while True:
        time.sleep(0.01)

@hookimpl
def register_checks(register):
    register(CheckType('spin', spin, needs_files=True))
"""


def contest_with_looping_check(tmp_path, entries: int = 2):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "spin.py").write_text(LOOPING_CHECK, encoding="utf-8")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("checks:\n", "checks:\n  - {id: spin, label: 转圈, type: spin}\n"),
                      encoding="utf-8")
    data = tmp_path / "data"
    rows = []
    for index in range(1, entries + 1):
        rows.append([f"E{index}", f"作品{index}", "单位", "人", "否", "图文", "2018-11-01", "是"])
        (data / "submissions" / f"作品{index}+单位+人").mkdir(parents=True)
    write_csv(data / "entries.csv", [HEADER, *rows])
    return rubric, data, plugins


def start(*args, env=None):
    """The CLI in a session of its own (a process group the test can inspect and clean up)."""
    return subprocess.Popen([sys.executable, "-m", "rubric_engine", *map(str, args)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})},
                            start_new_session=True,
                            # a shell that runs the suite in the background ignores SIGINT for its children
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def group_alive(pgid: int) -> bool:
    """Whether any process is left in the group (zombies are reaped by init once their parent is gone)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def stopped_by(process, signal_number) -> tuple[int, str]:
    """Send the signal to the CLI process alone (as `kill` does); its exit code and stderr."""
    assert process.stderr.readline() == "looping\n"  # the plugin is in its loop now
    process.send_signal(signal_number)
    try:
        code = process.wait(timeout=HANG_GUARD)
        rest = process.stderr.read()
        deadline = time.monotonic() + HANG_GUARD
        while group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = group_alive(process.pid)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # whatever the code under test left behind
        except ProcessLookupError:
            pass
        process.wait()
    assert not left, "a child process outlived the interrupted run"
    return code, rest


@pytest.mark.parametrize("signal_number, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_plugin_looping_at_import_is_stopped_by_a_signal(tmp_path, signal_number, code):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "loops.py").write_text(LOOP_AT_IMPORT, encoding="utf-8")
    process = start("plugins", "--plugins-dir", plugins)
    got, err = stopped_by(process, signal_number)
    assert got == code and "已中断，未写入任何文件" in err and "Traceback" not in err


def test_a_plugin_looping_at_import_is_a_located_error_after_its_time_bound(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "loops.py").write_text(LOOP_AT_IMPORT, encoding="utf-8")
    process = start("plugins", "--plugins-dir", plugins, "--lang", "en", env={"RUBRIC_PLUGIN_IMPORT_SECONDS": "1"})
    try:
        out, err = process.communicate(timeout=HANG_GUARD)
    finally:
        process.kill()
    assert process.returncode == 1, err
    assert "loops.py:3: error: plugin loops.py did not finish loading within 1 s" in err  # the loop's line
    assert "RUBRIC_PLUGIN_IMPORT_SECONDS (now 1)" in err and "Traceback" not in err


@pytest.mark.parametrize("signal_number, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_looping_check_is_stopped_by_a_signal_and_every_child_with_it(tmp_path, signal_number, code, jobs):
    rubric, data, plugins = contest_with_looping_check(tmp_path)
    output = tmp_path / "out.json"
    process = start("check", rubric, data, "--plugins-dir", plugins, "--jobs", jobs, "--output", output)
    got, err = stopped_by(process, signal_number)
    assert got == code and "已中断，未写入任何文件" in err and "Traceback" not in err
    assert not output.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["data", "plugins", "r.yaml"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_check_past_its_time_bound_gives_review(tmp_path, jobs):
    rubric, data, plugins = contest_with_looping_check(tmp_path)
    process = start("check", rubric, data, "--plugins-dir", plugins, "--jobs", jobs, "--format", "json",
                    env={"RUBRIC_CHECK_SECONDS": "1"})
    try:
        out, err = process.communicate(timeout=HANG_GUARD)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert process.returncode == 0, err
    verdicts = [c for e in json.loads(out)["entries"] for c in e["checks"] if c["check"] == "spin"]
    assert len(verdicts) == 2
    for verdict in verdicts:
        assert verdict["status"] == "review"
        assert "未在 1 秒内完成" in verdict["reason"]["text"] and "RUBRIC_CHECK_SECONDS" in verdict["reason"]["text"]
    # a verdict the engine gave up on is not cached: a run with a higher bound looks again
    cached = [p.read_text(encoding="utf-8") for p in (data / ".rubric-cache").glob("*.json")] \
        if (data / ".rubric-cache").is_dir() else []
    assert not any("未在 1 秒内完成" in text for text in cached)


LOOPING_PROBE = """\
import sys
from rubric_engine import CheckType, Verdict, hookimpl
from rubric_engine.inspect.bounded import run_bounded

def spin():
    sys.stderr.write('looping\\n'); sys.stderr.flush()
    while True:
        pass

def probe(entry, params, context):
    run_bounded(spin)
    return Verdict('pass', 'never')

@hookimpl
def register_checks(register):
    register(CheckType('spin', probe, needs_files=True))
"""

# Runs the CLI as its child while being a "subreaper": a process orphaned by the CLI's
# shutdown (a probe whose worker died first) is re-parented here instead of to init, and
# is left unreaped. After the group SIGTERM it prints the children it inherited that way.
SUBREAPER = """\
import ctypes, os, signal, subprocess, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
process = subprocess.Popen([sys.executable, "-m", "rubric_engine", *sys.argv[1:]], stderr=subprocess.PIPE,
                           stdout=subprocess.DEVNULL, text=True, start_new_session=True)
while process.stderr.readline() != "looping\\n":
    pass
time.sleep(0.5)  # with two workers, let the second one's probe start too
os.killpg(process.pid, signal.SIGTERM)  # as `systemctl stop` or `kill -TERM -PGID` does
code = process.wait(timeout=30)
rest = process.stderr.read()
time.sleep(1)
inherited = []
for name in os.listdir("/proc"):
    if name.isdigit():
        try:
            fields = open(f"/proc/{name}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            inherited.append((int(name), fields[0]))
for pid, state in inherited:  # tidy up whatever the code under test left behind
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
print(code, sorted(state for pid, state in inherited), repr(rest))
"""


@pytest.mark.skipif(not os.path.isdir("/proc") or not sys.platform.startswith("linux"),
                    reason="needs Linux (PR_SET_CHILD_SUBREAPER, /proc)")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_group_sigterm_while_probing_leaves_no_orphan_and_no_defunct_process(tmp_path, jobs):
    rubric, data, plugins = contest_with_looping_check(tmp_path)
    (plugins / "spin.py").write_text(LOOPING_PROBE, encoding="utf-8")
    harness = subprocess.run([sys.executable, "-c", SUBREAPER, "check", str(rubric), str(data), "--plugins-dir",
                              str(plugins), "--jobs", jobs, "--format", "json"],
                             capture_output=True, text=True, cwd=ROOT, timeout=3 * HANG_GUARD)
    assert harness.returncode == 0, harness.stderr
    code, inherited, rest = harness.stdout.strip().split(" ", 2)
    assert code == "143" and "已中断，未写入任何文件" in rest and "Traceback" not in rest
    assert inherited == "[]", f"processes orphaned by the run (state Z: defunct): {inherited}"


# --- a time bound is raised from the environment, never by the rubric --------------------------

SLOW_PROBE = """\
import time
from rubric_engine import CheckType, Verdict, hookimpl
from rubric_engine.inspect.bounded import ProbeFailed, run_bounded

def probe(entry, params, context):
    try:
        run_bounded(time.sleep, 60, seconds=params.get('seconds'))
    except ProbeFailed as exc:
        return Verdict('review', exc.reason)
    return Verdict('pass', 'slept a minute')

@hookimpl
def register_checks(register):
    register(CheckType('slow', probe, needs_files=True))
"""


def test_a_rubric_asking_for_more_probe_time_is_capped_and_warned(tmp_path, cli):
    rubric, data, plugins = contest_with_looping_check(tmp_path, entries=1)
    (plugins / "spin.py").write_text(SLOW_PROBE, encoding="utf-8")
    rubric.write_text(MINI_RUBRIC.replace("checks:\n", "checks:\n  - {id: slow, label: 慢, type: slow, "
                                                       "params: {seconds: 600}}\n"), encoding="utf-8")
    process = start("check", rubric, data, "--plugins-dir", plugins, "--format", "json",
                    env={"RUBRIC_PROBE_SECONDS": "1"})
    try:
        out, err = process.communicate(timeout=HANG_GUARD)
    finally:
        process.kill()
    assert process.returncode == 0, err
    verdict = next(c for c in json.loads(out)["entries"][0]["checks"] if c["check"] == "slow")
    assert verdict["status"] == "review" and verdict["reason"]["text"] == "1 秒后放弃"  # zh-CN: the rubric's default
    line = next(i for i, text in enumerate(rubric.read_text(encoding="utf-8").splitlines(), 1) if "600" in text)
    assert f"r.yaml:{line}:56: 警告：检查 slow 的 seconds: 600 超过探测时限 PROBE_SECONDS（1 秒），按 1 秒计" in err  # zh-CN: the rubric's default
    assert "RUBRIC_PROBE_SECONDS=600" in err


def test_the_bundled_checks_seconds_are_capped_too(tmp_path, cli):
    from tests.conftest import RUBRIC_2018

    rubric = tmp_path / "r.yaml"
    text = RUBRIC_2018.read_text(encoding="utf-8")
    params = "    type: video_duration\n    applies_to: [video]\n    description: 时长4-6分钟。\n    params:\n"
    assert params in text
    rubric.write_text(text.replace(params, params + "      seconds: 3600\n"), encoding="utf-8")
    code, out, err = cli("validate", rubric)
    assert code == 0
    assert "check video_duration asks for seconds: 3600, more than the probe bound PROBE_SECONDS (10 s): it gets 10 s" in err


TABLE_CHECK_LOOPING_ON_E1 = """\
from rubric_engine import CheckType, Verdict, hookimpl

def spin(entry, params, context):
    while entry.id == 'E1':
        pass
    return Verdict('pass')

@hookimpl
def register_checks(register):
    register(CheckType('spin', spin))
"""


def test_a_table_check_past_its_bound_on_one_entry_gives_review_for_that_entry_only(tmp_path):
    """Table checks share one alarm for the whole loop, yet each entry has its own bound."""
    rubric, data, plugins = contest_with_looping_check(tmp_path, entries=3)
    (plugins / "spin.py").write_text(TABLE_CHECK_LOOPING_ON_E1, encoding="utf-8")
    process = start("check", rubric, data, "--plugins-dir", plugins, "--format", "json", "--lang", "en",
                    env={"RUBRIC_CHECK_SECONDS": "1"})
    try:
        out, err = process.communicate(timeout=HANG_GUARD)
    finally:
        process.kill()
    assert process.returncode == 0, err
    verdicts = {e["id"]: next(c for c in e["checks"] if c["check"] == "spin") for e in json.loads(out)["entries"]}
    assert verdicts["E1"]["status"] == "review" and "RUBRIC_CHECK_SECONDS" in verdicts["E1"]["reason"]["text"]
    assert verdicts["E2"]["status"] == verdicts["E3"]["status"] == "pass"
