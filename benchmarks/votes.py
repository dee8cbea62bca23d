"""A raw vote log at scale: the engine's whole ``evaluate`` against a bare DuckDB script.

    python benchmarks/votes.py [--sizes 1000000,10000000] [--runs 1]

For each size a log is made once by DuckDB itself (deterministic, kept in
``benchmarks/.data/votes-N/``, git-ignored): 200 entries, ``N`` rows of 投票人, 作品编号,
类别, 投票时间, IP, 设备 over the 2018 window (and a day either side), about 1 in 8 rows a
repeat, plus an injected burst: 5 000 votes for E0007 from one IP within five minutes. The
rubric is ``rubrics/2018_mzkfr.yaml`` with one rule added, ``ip_burst`` (exclude, more than
200 votes in 10 min from one IP for one entry).

Timed, each as a fresh process (start-up included; peak RSS of the child, as in run.py):

- the engine: ``rubric evaluate RUBRIC DATA --format json --output FILE``;
- the baseline: ``python -c`` running one DuckDB query, the plain deduplicated count (one
  vote per voter, entry, category and day, inside the window).

Checked: the burst is excluded (E0007's count is the baseline's less the burst's votes)
and every other entry's count equals the baseline's. Not a test: targets printed as met
or not (within 2x the baseline, peak under 2 GiB).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BURST = 5_000
BURST_ENTRY = "E0007"
ENTRIES = 200
RULE = "  flags:\n    - {id: burst, type: ip_burst, action: exclude, params: {max_votes: 200, within: 10 min}}\n"


BASELINE = r"""
import sys, duckdb
duckdb.sql('SET enable_progress_bar = false')
rows = duckdb.sql('''
    SELECT 作品编号, count(*) FROM (
        SELECT DISTINCT 投票人, 作品编号, coalesce(nullif(类别, ''), '人气') AS 类别, CAST(投票时间 AS DATE) AS day
        FROM read_csv(?, header = true, all_varchar = true)
        WHERE CAST(投票时间 AS DATE) BETWEEN DATE '2018-10-20' AND DATE '2018-10-26'
              AND coalesce(nullif(类别, ''), '人气') = '人气'
    ) GROUP BY 作品编号 ORDER BY 作品编号''', params=[sys.argv[1]]).fetchall()
print("\n".join(f"{e}\t{n}" for e, n in rows))
"""


def make(size: int) -> Path:
    import duckdb

    folder = HERE / ".data" / f"votes-{size}"
    done = folder / "done"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "entries.csv").open("w", encoding="utf-8") as out:
        out.write("编号,作品名称,参赛单位\n")
        for n in range(1, ENTRIES + 1):
            out.write(f"E{n:04d},作品{n},单位{n % 40}\n")
    plain = size - BURST
    duckdb.sql(f"""
    COPY (
        SELECT 投票人, 作品编号, 类别, 投票时间, IP, 设备 FROM (
            SELECT i,
                   'wx_' || lpad(CAST(hash(i, 1) % {max(plain // 6, 1000)} AS VARCHAR), 8, '0') AS 投票人,
                   'E' || lpad(CAST(1 + hash(i, 2) % {ENTRIES} AS VARCHAR), 4, '0') AS 作品编号,
                   CASE hash(i, 3) % 6 WHEN 0 THEN '风采' WHEN 1 THEN '形象' ELSE '' END AS 类别,
                   strftime(TIMESTAMP '2018-10-19 00:00:00' + to_seconds(CAST(hash(i, 4) % (9 * 86400) AS BIGINT)),
                            '%Y-%m-%d %H:%M:%S') AS 投票时间,
                   '10.' || CAST(hash(i, 5) % 256 AS VARCHAR) || '.' || CAST(hash(i, 6) % 256 AS VARCHAR) || '.'
                       || CAST(hash(i, 7) % 256 AS VARCHAR) AS IP,
                   'dev' || CAST(hash(i, 8) % 1000000 AS VARCHAR) AS 设备
            FROM range({plain}) AS t(i)
            UNION ALL
            SELECT {plain} + i, 'burst_' || CAST(i AS VARCHAR), '{BURST_ENTRY}', '',
                   strftime(TIMESTAMP '2018-10-23 03:00:00' + to_seconds(CAST(i * 300 // {BURST} AS BIGINT)),
                            '%Y-%m-%d %H:%M:%S'), '192.0.2.66', 'burst'
            FROM range({BURST}) AS t(i)
        ) ORDER BY hash(i, 9)
    ) TO '{folder / "votes.csv"}' (HEADER true)
    """)
    done.write_text("ok")
    return folder


def rubric(work: Path) -> Path:
    text = (ROOT / "rubrics" / "2018_mzkfr.yaml").read_text(encoding="utf-8")
    anchor = "  one_vote_per: [voter, entry, category, day]\n"
    path = work / "votes-rubric.yaml"
    path.write_text(text.replace(anchor, anchor + RULE), encoding="utf-8")
    return path


def _run_module():
    spec = importlib.util.spec_from_file_location("bench_run", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(command: list[str], out: Path) -> dict:
    run = _run_module()
    report = subprocess.run([sys.executable, "-c", run.WRAPPER, str(out), "0", *command], capture_output=True,
                            text=True, check=True)
    result = json.loads(report.stdout)
    if result["status"] != 0:
        raise SystemExit(f"{command[:3]} failed: {result['stderr']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    work = HERE / ".data"
    work.mkdir(exist_ok=True)
    rubric_path = rubric(work)
    rubric_cmd = [str(Path(sys.executable).with_name("rubric"))]
    print("| case | command | median s | peak MiB | ratio |\n|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        folder = make(size)
        engine_out, base_out = work / f"votes-{size}.json", work / f"votes-{size}.baseline.tsv"
        engine, base = [], []
        for _ in range(args.runs):
            engine.append(timed([*rubric_cmd, "evaluate", str(rubric_path), str(folder), "--format", "json",
                                 "--output", str(engine_out), "--quiet"], work / "votes-stdout.txt"))
            base.append(timed([sys.executable, "-c", BASELINE, str(folder / "votes.csv")], base_out))
        document = json.loads(engine_out.read_text(encoding="utf-8"))
        counted = {e["id"]: e["panels"]["online"]["votes"] for e in document["entries"]}
        expected = dict(line.split("\t") for line in base_out.read_text(encoding="utf-8").split("\n") if line)
        expected = {k: int(v) for k, v in expected.items()}
        wrong = [k for k in counted if k != BURST_ENTRY and counted[k] != expected.get(k, 0)]
        burst_ok = counted[BURST_ENTRY] == expected[BURST_ENTRY] - BURST
        e_wall = statistics.median(r["wall"] for r in engine)
        b_wall = statistics.median(r["wall"] for r in base)
        e_peak = max(r["maxrss_kib"] for r in engine) / 1024
        b_peak = max(r["maxrss_kib"] for r in base) / 1024
        print(f"| {size:,} log rows | rubric evaluate | {e_wall:.2f} | {e_peak:.0f} | {e_wall / b_wall:.2f}× |")
        print(f"| | bare DuckDB dedup count | {b_wall:.2f} | {b_peak:.0f} | |")
        print(f"  counts: {'every other count exact' if not wrong else f'{len(wrong)} differ: {wrong[:5]}'}; "
              f"burst {'excluded' if burst_ok else 'NOT excluded'}; "
              f"2x target {'met' if e_wall <= 2 * b_wall else 'not met'}; "
              f"peak < 2 GiB {'met' if e_peak < 2048 else 'not met'}")


if __name__ == "__main__":
    main()
