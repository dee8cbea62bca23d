"""Running the real CLI on a golden contest, and the one normalisation the golden files allow.

Shared by ``test_golden.py`` (compare) and ``regenerate.py`` (write), so both see the
same bytes through the same path.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT
from tests.golden.contests import BUILDERS, EXPLAIN

EXPECTED = Path(__file__).resolve().parent / "expected"
PLACEHOLDER = "<DATA>"


def cases() -> list[tuple[str, str, str | None]]:
    """(contest, command, entry or None) for every golden file."""
    result = []
    for name in BUILDERS:
        result.append((name, "evaluate", None))
        result.append((name, "check", None))
        result.extend((name, "explain", entry) for entry in EXPLAIN[name])
    return result


def expected_path(name: str, command: str, entry: str | None) -> Path:
    suffix = f"explain.{entry}" if command == "explain" else command
    return EXPECTED / f"{name}.{suffix}.json"


@contextmanager
def _cwd(path: Path):
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run(rubric: Path, data: Path, command: str, entry: str | None = None) -> dict:
    """``rubric COMMAND RUBRIC DATA [ENTRY] --format json`` through typer's CliRunner.

    It runs from the repository root, and a rubric of the repository is named by its
    relative path (``rubrics/2018_mzkfr.yaml``), as the README runs it: so the locations
    of its lint warnings do not depend on where the repository is checked out.
    """
    from typer.testing import CliRunner

    from rubric_engine.cli import app

    rubric = Path(rubric)
    try:
        rubric_arg = str(rubric.resolve().relative_to(ROOT))
    except ValueError:
        rubric_arg = str(rubric)
    # --trust-plugins: a golden contest's rubric names the worked plugin beside it (consent changes no output)
    args = [command, rubric_arg, str(data), *([entry] if entry else []), "--format", "json", "--trust-plugins"]
    with _cwd(ROOT):
        result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, f"rubric {' '.join(args)} exited {result.exit_code}:\n{result.stderr}"
    return json.loads(result.stdout)


def normalise(value, base: Path):
    """Replace the temporary folder ``base`` by ``<DATA>`` in every string (keys too).
    Nothing else is touched: hashes, warnings and numbers must match as they are."""
    prefix = str(base)
    if isinstance(value, str):
        return value.replace(prefix, PLACEHOLDER)
    if isinstance(value, list):
        return [normalise(v, base) for v in value]
    if isinstance(value, dict):
        return {normalise(k, base): normalise(v, base) for k, v in value.items()}
    return value


def canonical(value) -> str:
    """The JSON text with sorted keys: tells 92 from 92.0 and true from 1, which == does not."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
