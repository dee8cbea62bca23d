"""The folder-checking benchmark runs and reports its rates (no timing is asserted)."""
import re
import subprocess
import sys

from tests.conftest import ROOT


def test_benchmark_reports_folders_per_second():
    process = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "check_folders.py"), "--entries", "6",
                              "--units", "3"], capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr
    assert re.search(r"1 process: +[\d.]+ folders/s", process.stdout)
    assert re.search(r"speed-up: [\d.]+x", process.stdout)
