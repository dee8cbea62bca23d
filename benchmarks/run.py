"""The engine against what a user would write instead, side by side in one run.

    python benchmarks/run.py [--quick] [--sizes 10000,100000,1000000] [--runs 3]

For each size (in score rows; 5 + 5 judges, so entries = rows / 10) a contest is made by
``benchmarks/generate.py`` once and kept in ``benchmarks/.data/`` (git-ignored; made again
when the generator or its parameters change). Then, run after run, in turn, each as a
fresh process:

- the engine: ``rubric evaluate rubrics/2018_mzkfr.yaml DATA --format json --output FILE``;
- baseline (a): ``benchmarks/baseline_script.py DATA`` (csv.reader + float, ~30 lines);
- baseline (b): ``benchmarks/baseline_duckdb.py DATA`` (one DuckDB query; skipped, with a
  note, when duckdb is not installed).

Each command is timed inside a fresh ``python -c`` wrapper that starts it with
subprocess, so the wall time is the command's own (start-up included) and the peak RSS
is ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of that wrapper: one maximum per measurement.
The table shows the median wall time over ``--runs``, the peak RSS (largest over the runs),
the ratios engine / (a) and engine / (b), microseconds per score row, and how the time
grows: the cost per added row between the two largest sizes against the cost between the
two before (linear growth gives a ratio near 1).

Also measured: on ``examples/2018_mzkfr`` (with its ``submissions/``), ``rubric evaluate``
and ``rubric explain ... E042`` against ``rubric validate`` of the same rubric (after one
untimed ``evaluate`` that warms whatever cache the engine keeps), and ``rubric --help``
against a hello-world Typer app. Before any timing the engine's finals are compared with
both baselines at the smallest size, entry by entry.

Nothing here is a pass/fail test: the targets of issue 13 (and issue 6's moonshot, growth and start-up) are printed as met / not met.
``--quick`` (tiny sizes, one run) is what the test suite runs.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RUBRIC = ROOT / "rubrics" / "2018_mzkfr.yaml"
EXAMPLE = ROOT / "examples" / "2018_mzkfr"
EXPLAINED = "E042"
JUDGES = (5, 5)  # experts, audience
QUICK_SIZES = (200, 2000)
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
WIDTH = 100

# Runs one command as a child and reports its wall time, its peak RSS and how it ended.
# A fresh interpreter per measurement, so RUSAGE_CHILDREN holds this command's maximum only.
WRAPPER = r"""
import json, os, resource, signal, subprocess, sys, time
out, limit, command = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
with open(out, "wb") as stream:
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=stream, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = child.communicate(timeout=limit if limit > 0 else None)
        status = child.returncode
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        _, err = child.communicate()
        status = "timeout"
    wall = time.perf_counter() - start
print(json.dumps({"wall": wall, "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "status": status, "stderr": err.decode("utf-8", "replace")[-3000:]}))
"""

HELLO_TYPER = '''import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


if __name__ == "__main__":
    app()
'''


class Measurement:
    def __init__(self) -> None:
        self.walls: list[float] = []
        self.peak_kib = 0
        self.timed_out: float | None = None   # the limit, when a run was stopped

    @property
    def median(self) -> float | None:
        return statistics.median(self.walls) if self.walls and self.timed_out is None else None

    def cell(self) -> str:
        if self.timed_out is not None:
            return f">{self.timed_out:g} stop"
        return f"{self.median:.3f}" if self.walls else "-"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def rubric_command() -> list[str]:
    script = Path(sys.executable).parent / "rubric"
    if script.exists():
        return [str(script)]
    found = shutil.which("rubric")
    return [found] if found else [sys.executable, "-m", "rubric_engine"]


def measure(command: list[str], result: Measurement, limit: float, stdout: Path) -> dict:
    """One timed run of ``command`` in a fresh wrapper process; adds to ``result``."""
    wrapper = subprocess.run([sys.executable, "-c", WRAPPER, str(stdout), str(limit), *command],
                             capture_output=True, text=True, check=True)
    report = json.loads(wrapper.stdout)
    result.peak_kib = max(result.peak_kib, report["maxrss_kib"])
    if report["status"] == "timeout":
        result.timed_out = limit
    elif report["status"] != 0:
        raise SystemExit(f"error: {' '.join(command)} exited with {report['status']}:\n{report['stderr']}")
    else:
        result.walls.append(report["wall"])
    return report


# ---------------------------------------------------------------- data

def generator_params(rows: int, votes: str) -> dict:
    entries = max(1, rows // sum(JUDGES))
    params = {"entries": entries, "experts": JUDGES[0], "audience": JUDGES[1], "categories": 4, "votes": votes,
              "raw_votes": rows if votes == "raw" else None, "seed": 2018}
    source = (HERE / "generate.py").read_bytes()
    return {**params, "generator_sha256": hashlib.sha256(source).hexdigest()}


def contest(cache: Path, rows: int, votes: str) -> tuple[Path, int]:
    """The data folder for ``rows`` score rows, generated once and reused while its parameters hold."""
    params = generator_params(rows, votes)
    folder = cache / f"{rows}-rows-{votes}"
    stamp = folder / "generator.json"
    if stamp.exists() and json.loads(stamp.read_text(encoding="utf-8")) == params:
        return folder, params["entries"]
    if folder.exists():
        shutil.rmtree(folder)
    progress(f"generating {rows:,} score rows into {folder} …")
    sys.path.insert(0, str(HERE))
    from generate import generate

    work = cache / f".{folder.name}.tmp"
    if work.exists():
        shutil.rmtree(work)
    generate(work, params["entries"], experts=params["experts"], audience=params["audience"],
             categories=params["categories"], votes=votes, raw_votes=params["raw_votes"], seed=params["seed"])
    (work / "generator.json").write_text(json.dumps(params, indent=1), encoding="utf-8")
    work.rename(folder)
    return folder, params["entries"]


# ---------------------------------------------------------------- correctness

def engine_finals(path: Path) -> dict[str, float]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return {entry["id"]: round(float(entry["final"]), 4) for entry in document["entries"]}


def compare(engine: dict[str, float], baseline: dict[str, float]) -> tuple[int, int, list[str]]:
    """(entries equal to 4 decimals, entries one unit apart in the 4th decimal, the other differences)."""
    equal, last_digit, other = 0, 0, []
    for entry_id in sorted(set(engine) | set(baseline)):
        a, b = engine.get(entry_id), baseline.get(entry_id)
        if a is None or b is None:
            other.append(f"{entry_id}: engine {a} vs baseline {b}")
        elif a == b:
            equal += 1
        elif abs(a - b) <= 0.0001 + 1e-9:
            last_digit += 1
        else:
            other.append(f"{entry_id}: engine {a} vs baseline {b}")
    return equal, last_digit, other


def check_correctness(data: Path, rows: int, tools: dict, work: Path) -> list[str]:
    lines = []
    outputs = {}
    for name, command in tools.items():
        out = work / f"correctness-{name}.json"
        measure(command(data, out), Measurement(), 0, work / "stdout.txt" if name == "engine" else out)
        outputs[name] = engine_finals(out) if name == "engine" else {
            k: round(float(v), 4) for k, v in json.loads(out.read_text(encoding="utf-8")).items()}
    engine = outputs.pop("engine")
    for name, finals in outputs.items():
        equal, last_digit, other = compare(engine, finals)
        label = {"a": "baseline (a)", "b": "baseline (b)"}[name]
        total = len(set(engine) | set(finals))
        if not other:
            note = f" ({last_digit} differ by 0.0001, rounding)" if last_digit else ""
            lines.append(f"correctness at {rows:,} score rows: engine finals agree with {label} "
                         f"on all {total} entries{note}")
        else:
            lines.append(f"correctness at {rows:,} score rows: engine finals DIFFER from {label}: "
                         f"{len(other)} of {total} entries mismatch ({equal} equal, {last_digit} off by 0.0001); "
                         f"first: {'; '.join(other[:3])}")
    return lines


# ---------------------------------------------------------------- table

def fmt_rows(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def rtext(value: float | None, against: str) -> str:
    return f"{value:.2f}× {against}" if value is not None else ""


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f}" if kib else "-"


def line(case: str, command: str, median: str, peak: str, ratios: str, per_row: str) -> str:
    return f"{case:<24}{command:<22}{median:>10}{peak:>10}  {ratios:<24}{per_row:>8}".rstrip()


def engine_commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h", "--", "rubric_engine"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "rubric_engine"],
                               capture_output=True, text=True).stdout.strip()
        return (head or "unknown") + (" + uncommitted changes" if dirty else "")
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (200 and 2000 score rows), one run")
    parser.add_argument("--sizes", default=None, help="score rows, comma-separated (default 10000,100000,1000000)")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per command (default 3; 1 with --quick)")
    parser.add_argument("--votes", choices=("tallied", "raw"), default="tallied",
                        help="vote tallies, or a raw vote log with as many rows as score rows")
    parser.add_argument("--timeout", type=float, default=0,
                        help="stop a run after this many seconds and show it as stopped (default: no limit)")
    parser.add_argument("--data-dir", type=Path, default=HERE / ".data", help="where generated contests are kept")
    parser.add_argument("--no-example", action="store_true", help="skip the example-contest and --help rows")
    args = parser.parse_args(argv)
    if args.sizes:
        sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    else:
        sizes = list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    runs = args.runs or (1 if args.quick else 3)
    have_duckdb = importlib.util.find_spec("duckdb") is not None
    rubric = rubric_command()
    notes = []
    if not have_duckdb:
        notes.append("note: duckdb is not installed: baseline (b) is skipped "
                     "(pip install duckdb to measure it)")
    args.data_dir.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="rubric-bench-") as temp:
        work = Path(temp)
        tools = {
            "engine": lambda data, out: [*rubric, "evaluate", str(RUBRIC), str(data), "--format", "json",
                                         "--output", str(out)],
            "a": lambda data, out: [sys.executable, str(HERE / "baseline_script.py"), str(data)],
        }
        if have_duckdb:
            tools["b"] = lambda data, out: [sys.executable, str(HERE / "baseline_duckdb.py"), str(data)]
        labels = {"engine": "rubric evaluate", "a": "(a) csv + float", "b": "(b) DuckDB query"}
        folders = {rows: contest(args.data_dir, rows, args.votes) for rows in sizes}

        progress(f"checking the engine's finals against the baselines at {sizes[0]:,} score rows …")
        correctness = check_correctness(folders[sizes[0]][0], sizes[0], tools, work)

        results: dict[int, dict[str, Measurement]] = {}
        for rows in sizes:
            data, entries = folders[rows]
            results[rows] = {name: Measurement() for name in tools}
            for run in range(runs):
                for name, command in tools.items():
                    if results[rows][name].timed_out is not None:
                        continue
                    progress(f"{fmt_rows(rows)} score rows: {labels[name]}, run {run + 1}/{runs}")
                    out = work / f"{name}.json"
                    stdout = work / "stdout.txt" if name == "engine" else out
                    measure(command(data, out), results[rows][name], args.timeout, stdout)
                    out.unlink(missing_ok=True)

        example: dict[str, Measurement] = {}
        help_: dict[str, Measurement] = {}
        if not args.no_example:
            out = work / "example.out"
            progress("example contest: one untimed rubric evaluate to warm any cache …")
            stdout = work / "stdout.txt"
            measure([*rubric, "evaluate", str(RUBRIC), str(EXAMPLE), "--format", "json", "--output", str(out)],
                    Measurement(), 0, stdout)
            commands = {
                "rubric validate": [*rubric, "validate", str(RUBRIC)],
                "rubric evaluate": [*rubric, "evaluate", str(RUBRIC), str(EXAMPLE), "--format", "json",
                                    "--output", str(out)],
                f"rubric explain {EXPLAINED}": [*rubric, "explain", str(RUBRIC), str(EXAMPLE), EXPLAINED],
            }
            example = {name: Measurement() for name in commands}
            hello = work / "hello_typer.py"
            hello.write_text(HELLO_TYPER, encoding="utf-8")
            help_commands = {"hello-world Typer": [sys.executable, str(hello), "--help"],
                             "rubric --help": [*rubric, "--help"]}
            help_ = {name: Measurement() for name in help_commands}
            for run in range(runs):
                for name, command in commands.items():
                    progress(f"example: {name}, run {run + 1}/{runs}")
                    measure(command, example[name], args.timeout, stdout)
                for name, command in help_commands.items():
                    measure(command, help_[name], args.timeout, stdout)

    # ---- the table
    print(f"benchmark — {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, engine at {engine_commit()}")
    print(f"contests: 5 + 5 judges, 4 vote categories, {args.votes} votes; median of {runs} run(s), "
          f"each a fresh process")
    for note in notes:
        print(note)
    for text in correctness:
        print(text)
    print()
    print(line("case", "command", "median s", "peak MiB", "ratio", "µs/row"))
    print("-" * WIDTH)
    for rows in sizes:
        data, entries = folders[rows]
        measured = results[rows]
        engine, a, b = measured["engine"], measured["a"], measured.get("b")
        case = f"{fmt_rows(rows)} rows"
        for name, m in measured.items():
            ratios = ""
            if name == "engine":
                parts = [rtext(ratio(engine.median, a.median), "(a)")]
                if b is not None:
                    parts.append(rtext(ratio(engine.median, b.median), "(b)"))
                ratios = "  ".join(p for p in parts if p)
                if engine.timed_out is not None and a.median:
                    ratios = f">{engine.timed_out / a.median:.0f}× (a)"
                    if b is not None and b.median:
                        ratios += f"  >{engine.timed_out / b.median:.0f}× (b)"
            per_row = f"{m.median / rows * 1e6:.2f}" if m.median is not None else "-"
            print(line(case, labels[name], m.cell(), mib(m.peak_kib), ratios, per_row))
            case = f"({fmt_rows(entries)} entries)" if case.endswith("rows") else ""
    growth: dict[str, float | None] = {}
    growth_bound: dict[str, bool] = {}
    if len(sizes) >= 2:
        print("-" * WIDTH)
        low = sizes[-3] if len(sizes) >= 3 else None
        mid, high = sizes[-2], sizes[-1]
        print(f"growth: µs per added score row, {fmt_rows(mid)}→{fmt_rows(high)} against "
              + (f"{fmt_rows(low)}→{fmt_rows(mid)}" if low else "(needs three sizes)"))
        for name in tools:
            t = {rows: results[rows][name].median for rows in sizes}
            # A run stopped at the limit still bounds the cost from below: it took at least the limit.
            stopped = t[high] is None and results[high][name].timed_out is not None
            t_high = results[high][name].timed_out if stopped else t[high]
            late = (t_high - t[mid]) / (high - mid) * 1e6 if None not in (t_high, t[mid]) else None
            early = (t[mid] - t[low]) / (mid - low) * 1e6 if low and None not in (t[mid], t[low]) else None
            growth[name] = ratio(late, early)
            more = ">" if stopped else ""
            growth_bound[name] = bool(stopped)
            cells = (f"{more}{late:.2f}" if late is not None else "-", f"{early:.2f}" if early is not None else "-")
            print(line("", labels[name], cells[0], cells[1],
                       f"ratio {more}{growth[name]:.2f}" if growth[name] is not None else "", ""))
        print(line("", "", "(late)", "(early)", "", ""))
    if example:
        print("-" * WIDTH)
        validate = example["rubric validate"].median
        case = "example 2018_mzkfr"
        for name, m in example.items():
            r = rtext(ratio(m.median, validate), "validate") if name != "rubric validate" else ""
            print(line(case, name, m.cell(), mib(m.peak_kib), r, ""))
            case = "(submissions/, warm)" if case.startswith("example") else ""
        typer_time = help_["hello-world Typer"].median
        case = "start-up"
        for name, m in help_.items():
            r = rtext(ratio(m.median, typer_time), "Typer") if name == "rubric --help" else ""
            print(line(case, name, m.cell(), mib(m.peak_kib), r, ""))
            case = ""
    print("-" * WIDTH)

    # ---- the targets of issue 13 (4× (a), < 1 GiB, 1.3× validate) and issue 6's others
    print("targets (issue 13):")

    def verdict(value: float | None, limit: float, unit: str = "×", measured: bool = True) -> str:
        if not measured or value is None:
            return "not measured"
        return f"{value:.2f}{unit} → {'met' if value <= limit else 'NOT met'}"

    big = 1_000_000
    if big in results:
        engine, a, b = results[big]["engine"], results[big]["a"], results[big].get("b")
        if engine.timed_out is not None:
            over = f">{engine.timed_out / a.median:.0f}×" if a.median else "stopped"
            print(f"  1 M score rows, engine ≤ 4× (a): {over} (stopped after {engine.timed_out:.0f} s) → NOT met")
        else:
            print(f"  1 M score rows, engine ≤ 4× (a): {verdict(ratio(engine.median, a.median), 4)}")
        peak = engine.peak_kib / 1024 / 1024
        print(f"  1 M score rows, engine peak memory < 1 GiB: {peak:.2f} GiB"
              f"{' (when stopped)' if engine.timed_out is not None else ''} → {'met' if peak < 1 else 'NOT met'}")
        if b is not None:
            moon = ratio(engine.median, b.median)
            print(f"  moonshot, 1 M score rows, engine ≤ 3× (b): "
                  + (verdict(moon, 3) if engine.timed_out is None else "NOT met (stopped)"))
        else:
            print("  moonshot, engine ≤ 3× (b): not measured (no duckdb)")
    else:
        print(f"  1 M score rows (≤ 4× (a), < 1 GiB, moonshot ≤ 3× (b)): not measured "
              f"(largest size {fmt_rows(sizes[-1])})")
    if example:
        validate = example["rubric validate"].median
        print(f"  example, rubric evaluate ≤ 1.3× rubric validate: "
              f"{verdict(ratio(example['rubric evaluate'].median, validate), 1.3)}")
        print(f"  example, rubric explain {EXPLAINED} ≤ 1.3× rubric validate: "
              f"{verdict(ratio(example[f'rubric explain {EXPLAINED}'].median, validate), 1.3)}")
    linear = set(DEFAULT_SIZES) <= set(sizes[-3:]) if len(sizes) >= 3 else False
    label = "10k→100k→1M" if linear else "the three largest sizes" if len(sizes) >= 3 else "needs three sizes"
    growth_text = verdict(growth.get("engine"), 1.3, measured=len(sizes) >= 3)
    if growth_bound.get("engine") and growth.get("engine") is not None:
        bound = growth["engine"]
        growth_text = (f">{bound:.2f}× → NOT met" if bound > 1.3 else f">{bound:.2f}×: unknown") + \
            " (the largest size was stopped: a lower bound)"
    print(f"  growth stays linear ({label}): late ≤ 1.3× early: {growth_text}")
    if help_:
        print(f"  rubric --help ≤ 1.2× hello-world Typer: "
              f"{verdict(ratio(help_['rubric --help'].median, help_['hello-world Typer'].median), 1.2)}")
    print("  the rewrite moves no number (golden JSON): checked by the test suite, not here")
    return 0


if __name__ == "__main__":
    sys.exit(main())
