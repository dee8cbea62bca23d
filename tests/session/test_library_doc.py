"""docs/library.md's example is real: it runs, as written, on the bundled example."""
from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT

DOC = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")


def test_the_library_example_runs(tmp_path, checked_example):
    [example] = re.findall(r"```python\n(.*?)```", DOC, re.S)
    (tmp_path / "rubrics").symlink_to(ROOT / "rubrics", target_is_directory=True)
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "2018_mzkfr").symlink_to(checked_example.folder, target_is_directory=True)
    (tmp_path / "example.py").write_text(example, encoding="utf-8")
    done = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].endswith("60 entries")
    assert any(line.startswith("first ") for line in lines) and lines[-1].startswith("explained: E")
    assert (tmp_path / "results.html").read_bytes().lstrip().lower().startswith(b"<!doctype html")
