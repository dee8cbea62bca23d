"""The bundled example contests are what their generators write (so they can be regenerated)."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLE, ROOT


def test_2018_example_regenerates_identically(tmp_path):
    process = subprocess.run([sys.executable, str(EXAMPLE / "generate.py"), "--out", str(tmp_path)],
                             capture_output=True, text=True, timeout=120)
    assert process.returncode == 0, process.stderr
    for path in sorted(tmp_path.glob("*.csv")):
        assert path.read_bytes() == (EXAMPLE / path.name).read_bytes(), path.name


def test_2018_example_scales(tmp_path):
    process = subprocess.run([sys.executable, str(EXAMPLE / "generate.py"), "--out", str(tmp_path),
                              "--entries", "150", "--units", "40", "--seed", "7"],
                             capture_output=True, text=True, timeout=120)
    assert process.returncode == 0, process.stderr
    lines = (tmp_path / "entries.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 151
    assert len({line.split(",")[2] for line in lines[1:]}) <= 40
