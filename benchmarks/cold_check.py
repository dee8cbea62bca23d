"""The first (cold) check of a contest with a submissions folder: linear in entries?

    python benchmarks/cold_check.py --entries 20000

Builds ``--entries`` entries, each with a folder of one small text file (so every file check
of the 2018 rubric runs: located, listed, fingerprinted, cached, but no probe is started),
then runs ``run_checks`` on two processes with the verdict cache cold, and prints the seconds, wall
and CPU (the CPU per entry is what to compare between sizes when other jobs share the machine). ``--plain`` times a plain script instead: list
``submissions/`` and stat each folder's files (the floor any check must pay).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(folder: Path, count: int) -> Path:
    from rubric_engine.samples import write_many_entries

    return write_many_entries(folder, count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--plain", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = build(Path(folder), args.entries)
        if args.plain:
            start = time.perf_counter()
            for item in os.scandir(data / "submissions"):
                for inner in os.scandir(item.path):
                    inner.stat(follow_symlinks=False)
            print(f"plain: {args.entries} folders listed in {time.perf_counter() - start:.2f} s")
            return
        from rubric_engine.checking import VerdictCache, run_checks
        from rubric_engine.io.data import read_data
        from rubric_engine.session import load_rubric

        rubric = load_rubric(ROOT / "rubrics" / "2018_mzkfr.yaml", lint=False).rubric
        contest = read_data(data, rubric)
        start, before = time.perf_counter(), os.times()
        run_checks(rubric, contest, cache=VerdictCache(contest.folder), jobs=int(os.environ.get("JOBS", "2")))
        wall, after = time.perf_counter() - start, os.times()
        # CPU of this process and its (reaped) workers: comparable across sizes on a loaded machine
        cpu = sum(getattr(after, f) - getattr(before, f) for f in ("user", "system", "children_user", "children_system"))
        print(f"cold check: {args.entries} entries in {wall:.2f} s ({wall / args.entries * 1e3:.2f} ms per entry); "
              f"CPU {cpu:.2f} s ({cpu / args.entries * 1e3:.2f} ms per entry); load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
