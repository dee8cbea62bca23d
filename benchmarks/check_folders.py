"""How many submission folders `rubric check` inspects per second, one process vs all cores.

    python benchmarks/check_folders.py [--entries 60]

Generates a contest of ``--entries`` entries with the example generator (in a temporary
folder), then runs every check of the 2018 rubric serially and in parallel, side by side
in one run, and prints folders per second for both and their ratio.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def measure(rubric, data, jobs: int) -> float:
    from rubric_engine.checking import run_checks

    start = time.perf_counter()
    run_checks(rubric, data, jobs=jobs)
    return time.perf_counter() - start


def main() -> None:
    from rubric_engine.checking.pool import default_jobs
    from rubric_engine.io.data import read_data
    from rubric_engine.plugins import load_host
    from rubric_engine.session import load_rubric

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=60)
    parser.add_argument("--units", type=int, default=15)
    args = parser.parse_args()
    rubric_path = ROOT / "rubrics" / "2018_mzkfr.yaml"
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, str(ROOT / "examples" / "2018_mzkfr" / "generate.py"), "--out", folder,
                        "--entries", str(args.entries), "--units", str(args.units)], check=True,
                       stdout=subprocess.DEVNULL)
        host = load_host()
        rubric = load_rubric(rubric_path, host=host, lint=False).rubric
        data = read_data(folder, rubric)
        cores = default_jobs()
        serial = measure(rubric, data, 1)
        parallel = measure(rubric, data, cores)
    count = len(data.entries)
    print(f"folders: {count}, checks per folder: {len(rubric.checks)}")
    print(f"1 process:  {count / serial:8.1f} folders/s")
    print(f"{cores} processes: {count / parallel:8.1f} folders/s")
    print(f"speed-up: {serial / parallel:.2f}x")


if __name__ == "__main__":
    main()
