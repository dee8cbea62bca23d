"""Shared helpers: the real CLI, real files, small contests built by hand."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import typer.testing
from typer.testing import CliRunner

_BUILT: dict[int, tuple] = {}


def _built_once(app):
    """The Click command of a Typer ``app``, built once per test process instead of at each
    ``CliRunner().invoke`` (typer rebuilds it every time: ~14 ms of CPU, paid by ~1 500 invocations).
    A Click command is reusable across invocations; what one command line adds (plugin commands,
    hosts) lives in its context, and help texts are translated again at each ``--help``."""
    if id(app) not in _BUILT:
        _BUILT[id(app)] = (app, _build(app))  # holding ``app`` keeps its id unique
    return _BUILT[id(app)][1]


_build, typer.testing._get_command = typer.testing._get_command, _built_once  # noqa: SLF001


def pytest_collection_modifyitems(items):
    """The ``long`` tests first (order kept otherwise): the other worker runs the rest beside them,
    and the idle one steals from the far end of the queue. Last in a queue, a 40 s test ran alone."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config):
    """The project's own modules compiled once, in the controller, before any worker starts: where the
    environment sets PYTHONDONTWRITEBYTECODE (this machine and CI do), the editable install's modules
    were otherwise compiled from source by every ``python -m rubric_engine`` a test starts (~80 ms
    each, a few hundred times). The bytecode files are what a first import would have written."""
    if not hasattr(config, "workerinput"):
        import compileall

        for folder in ("rubric_engine", "plugins"):
            compileall.compile_dir(ROOT / folder, quiet=1)


RUBRIC_2018 = ROOT / "rubrics" / "2018_mzkfr.yaml"
EXAMPLE = ROOT / "examples" / "2018_mzkfr"


# Tests assert the English catalogue's texts unless they say otherwise: the CLI helpers add
# `--lang en` when a test gives no --lang, and library-level tests run with English current.
# The zh-CN default (what an organiser sees) has its own tests in tests/messages/.
TEST_LANGUAGE = "en"

# Hypothesis' default 200 ms deadline per example is a wall-clock limit: on a loaded two-core
# machine it fails tests whose answers are right. The examples' number stays bounded.
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("rubric", deadline=None)
    _hypothesis_settings.load_profile("rubric")
except ImportError:  # pragma: no cover - hypothesis is in .[test]
    pass


def with_language(args, language: str | None = TEST_LANGUAGE) -> list[str]:
    args = [str(a) for a in args]
    given = any(a == "--lang" or a.startswith("--lang=") for a in args)
    if language and not given and args[:1] not in (["--version"], []):
        args += ["--lang", language]
    return args


@pytest.fixture(autouse=True)
def english_messages():
    from rubric_engine import messages

    previous = messages.current_language()
    messages.set_language(TEST_LANGUAGE)
    yield
    messages.set_language(previous)


@pytest.fixture(autouse=True)
def plugin_messages_restored():
    """A plugin a test loads adds its messages to the process-wide catalogue (the CLI's process ends
    with its command; a test's does not): restored after each test so none leaks into the next."""
    from rubric_engine import messages

    before = dict(messages._PLUGIN_MESSAGES)  # noqa: SLF001
    yield
    if messages._PLUGIN_MESSAGES != before:  # noqa: SLF001
        messages._PLUGIN_MESSAGES.clear()  # noqa: SLF001
        messages._PLUGIN_MESSAGES.update(before)  # noqa: SLF001
        messages.catalogue.cache_clear()


@pytest.fixture
def cli():
    """Invoke the real Typer app; returns (exit code, stdout, stderr)."""
    from rubric_engine.cli import app

    runner = CliRunner()

    def run(*args: str):
        result = runner.invoke(app, with_language(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture(scope="session")
def checked_example(tmp_path_factory):
    """The bundled example, its folders probed once for the whole session.

    ``folder`` is a copy of the example (its submissions linked, not copied) whose verdict
    cache is warm; ``verdicts`` is the verdicts file `rubric check --jobs 2 --output` wrote. Tests
    whose subject is not the file checks use one or the other instead of probing again.
    """
    import fcntl

    from rubric_engine.cli import app

    # made once for the whole run: the xdist workers share their parent temporary folder, the first to
    # come makes it under a lock, the others use it (probing the example costs ~6 s of CPU)
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    root, done = shared / "checked_example", shared / "checked_example.done"
    folder, verdicts = root / "2018_mzkfr", root / "verdicts.json"
    with open(shared / "checked_example.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(root, ignore_errors=True)  # a worker that failed half-way
            shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("submissions", "*.py", "__pycache__", ".*"))
            (folder / "submissions").symlink_to(EXAMPLE / "submissions", target_is_directory=True)
            result = CliRunner().invoke(app, with_language(["check", RUBRIC_2018, folder, "--output", verdicts,
                                                            "--jobs", "2"]),
                                        catch_exceptions=False)  # the tests' language: their runs find the cache warm
            assert result.exit_code == 0, result.stderr
            done.touch()
    return SimpleNamespace(folder=folder, verdicts=verdicts)


def run_module(*args: str, env: dict | None = None, cwd: Path | None = None,
               lang: str | None = TEST_LANGUAGE) -> subprocess.CompletedProcess:
    """``python -m rubric_engine ...`` in a subprocess, as a user runs it (``lang=None``: no --lang)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "rubric_engine", *with_language(args, lang)], capture_output=True,
                          text=True, env=full_env, cwd=cwd or ROOT, timeout=120)


def run_inprocess(*args: str, env: dict | None = None, lang: str | None = TEST_LANGUAGE) -> subprocess.CompletedProcess:
    """The same command as ``run_module`` (same arguments, same result shape), in this process with
    typer's CliRunner: for tests whose subject is the output, not the process (no hash seed, signal,
    descriptor or start-up under test), so that they do not pay a Python start-up per command."""
    from rubric_engine.cli import app

    argv = with_language(args, lang)
    result = CliRunner().invoke(app, argv, env=env, catch_exceptions=False)
    return subprocess.CompletedProcess(argv, result.exit_code, result.stdout, result.stderr)


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


MINI_RUBRIC = """\
rubric_version: 1
contest: {id: mini, name: 小型比赛, timezone: "+08:00", submission: {deadline: "2018-11-10"}}
formats:
  - {id: article, label: 图文}
  - {id: video, label: 视频}
criteria:
  - {id: conformity, label: 规范性, max: 10, scored_by: checks, deduction: 1}
  - {id: content, label: 内容性, max: 30}
  - {id: thought, label: 思想性, max: 50}
  - {id: innovation, label: 创新性, max: 10}
panels:
  - {id: experts, label: 专家评分, type: judged, weight: 70%, criteria: [conformity, content, thought, innovation]}
  - {id: audience, label: 专业观众评分, type: judged, weight: 10%, criteria: [conformity, content, thought, innovation]}
  - id: online
    label: 网络投票得分
    type: votes
    weight: 20%
    category: popularity
    rank_table: "1 -> 20; 2..4 -> 18; 5..7 -> 16; 8..10 -> 14; 11..20 -> 10; 21.. -> 9"
final:
  tie_break: [experts, audience, online.votes]
voting:
  opens: "2018-10-20"
  closes: "2018-10-26"
  categories:
    - {id: popularity, label: 人气, default: true}
    - {id: style, label: 风采}
    - {id: image, label: 形象}
    - {id: creativity, label: 创意}
unit_metrics:
  - {id: shares, label: 转发次数}
  - {id: reads, label: 阅读量}
  - {id: guidance, label: 指导评分}
checks:
  - {id: recommendation_letter, label: 推荐函, type: recommendation_letter}
  - {id: deadline, label: 提交时间, type: deadline}
  - {id: unit_quota, label: 推荐名额, type: unit_quota, params: {max_entries: 5}}
  - {id: work_photo, label: 工作照片, type: manual}
  - {id: not_poem, label: 非诗歌, type: manual}
awards:
  - {id: first, label: 一等奖, strategy: rank_tier, count: 2}
  - {id: second, label: 二等奖, strategy: rank_tier, count: 6}
  - {id: third, label: 三等奖, strategy: rank_tier, count: 12}
  - {id: popularity, label: 最佳人气奖, strategy: most_votes, exclusive_group: online, params: {category: popularity}}
  - {id: style, label: 最佳风采奖, strategy: most_votes, exclusive_group: online, params: {category: style}}
  - {id: image, label: 最佳形象奖, strategy: most_votes, exclusive_group: online, params: {category: image}}
  - {id: creativity, label: 最佳创意奖, strategy: most_votes, exclusive_group: online, params: {category: creativity}}
  - id: best_team
    label: 最佳团队奖
    strategy: unit_composite
    count: 1
    params: {weights: {nominations: 50%, entry_ranks: 50%}}
"""


@pytest.fixture
def mini_rubric(tmp_path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_RUBRIC, encoding="utf-8")
    return path


class Contest:
    """Builds a data folder: entries, judge sheets, votes, verdicts — as real CSV files."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.entries: list[list] = []
        self.scores: list[list] = []
        self.votes: list[list] = []
        self.verdicts: list[list] = []
        self.units: list[list] = []

    def entry(self, entry_id: str, unit: str = "单位A", *, letter: str = "是", submitted: str = "2018-11-01",
              team: str = "否", fmt: str = "图文", title: str | None = None) -> "Contest":
        self.entries.append([entry_id, title or f"作品{entry_id}", unit, f"人{entry_id}", team, fmt, submitted,
                             letter])
        return self

    def sheet(self, panel: str, judge: str, entry_id: str, content, thought, innovation) -> "Contest":
        self.scores.append([panel, judge, entry_id, content, thought, innovation])
        return self

    def marks(self, entry_id: str, experts: tuple, audience: tuple | None = None) -> "Contest":
        """One expert and one audience judge giving these (content, thought, innovation)."""
        self.sheet("experts", "X1", entry_id, *experts)
        self.sheet("audience", "A1", entry_id, *(audience or experts))
        return self

    def vote(self, entry_id: str, votes: int, category: str = "popularity") -> "Contest":
        self.votes.append([entry_id, category, votes])
        return self

    def verdict(self, entry_id: str, check: str, result: str, note: str = "") -> "Contest":
        self.verdicts.append([entry_id, check, result, note])
        return self

    def write(self) -> Path:
        write_csv(self.folder / "entries.csv", [["id", "title", "unit", "participants", "team", "format",
                                                  "submitted_at", "recommendation_letter"], *self.entries])
        if self.scores:
            write_csv(self.folder / "scores.csv", [["panel", "judge", "entry", "content", "thought", "innovation"],
                                                    *self.scores])
        if self.votes:
            write_csv(self.folder / "votes.csv", [["entry", "category", "votes"], *self.votes])
        if self.verdicts:
            write_csv(self.folder / "checks.csv", [["entry", "check", "result", "note"], *self.verdicts])
        if self.units:
            write_csv(self.folder / "units.csv", [["unit", "shares", "reads", "guidance"], *self.units])
        return self.folder


@pytest.fixture
def contest(tmp_path) -> Contest:
    return Contest(tmp_path / "data")


def evaluate_json(rubric: Path, folder: Path, *options: str) -> dict:
    """Run `rubric evaluate --format json [OPTIONS]` through the CLI and parse it."""
    import json

    from rubric_engine.cli import app

    result = CliRunner().invoke(app, with_language(["evaluate", str(rubric), str(folder), "--format", "json", *options]),
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)
