"""The bundled example contests are what their generators write (so they can be regenerated)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import EXAMPLE


@pytest.mark.long
def test_2018_example_regenerates_identically(tmp_path):
    process = subprocess.run([sys.executable, str(EXAMPLE / "generate.py"), "--out", str(tmp_path)],
                             capture_output=True, text=True, timeout=120)
    assert process.returncode == 0, process.stderr
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(EXAMPLE) for p in EXAMPLE.rglob("*") if p.is_file() and p.suffix != ".py"
                       and "__pycache__" not in p.parts and ".rubric-cache" not in p.parts)
    assert generated == committed
    for relative in generated:
        assert (tmp_path / relative).read_bytes() == (EXAMPLE / relative).read_bytes(), relative


def test_2018_example_scales(tmp_path):
    process = subprocess.run([sys.executable, str(EXAMPLE / "generate.py"), "--out", str(tmp_path),
                              "--entries", "150", "--units", "40", "--seed", "7", "--no-submissions"],
                             capture_output=True, text=True, timeout=120)
    assert process.returncode == 0, process.stderr
    lines = (tmp_path / "entries.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 151
    assert len({line.split(",")[2] for line in lines[1:]}) <= 40
