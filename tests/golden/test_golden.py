"""Golden outputs: today's JSON of `rubric evaluate`, `check` and `explain`, frozen.

Each test builds one contest (tests/golden/contests.py) under tmp_path, runs the real
CLI, and compares the parsed JSON with tests/golden/expected/. The only normalisation
is the temporary folder's path, shown as <DATA>; hashes of the inputs, warnings and
every number must be the same. When an output change is intended, run
tests/golden/regenerate.py and say why in the commit.
"""
from __future__ import annotations

import json

import pytest

from tests.golden.contests import build
from tests.golden.outputs import canonical, cases, expected_path, normalise, run


def _id(case) -> str:
    name, command, entry = case
    return f"{name}-{command}" + (f"-{entry}" if entry else "")


@pytest.mark.parametrize("case", cases(), ids=_id)
def test_golden(tmp_path, case):
    name, command, entry = case
    path = expected_path(name, command, entry)
    assert path.is_file(), f"{path} is missing: run tests/golden/regenerate.py {name}"
    expected = json.loads(path.read_text(encoding="utf-8"))
    rubric, data = build(name, tmp_path)
    actual = normalise(run(rubric, data, command, entry), tmp_path)
    assert actual == expected
    assert canonical(actual) == canonical(expected), "same values, but a JSON type changed (int/float/bool)"


def test_every_golden_file_is_used():
    """No stale file in expected/: each one belongs to a case above."""
    used = {expected_path(*case).name for case in cases()}
    present = {p.name for p in expected_path("x", "check", None).parent.glob("*.json")}
    assert present == used
