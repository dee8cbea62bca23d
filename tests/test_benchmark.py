"""The folder-checking benchmark runs and reports its rates (no timing is asserted)."""
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_inprocess


def test_benchmark_reports_folders_per_second():
    process = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "check_folders.py"), "--entries", "6",
                              "--units", "3"], capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr
    assert re.search(r"1 process: +[\d.]+ folders/s", process.stdout)
    assert re.search(r"speed-up: [\d.]+x", process.stdout)


@pytest.mark.long
def test_engine_benchmark_prints_the_table_and_agreeing_finals(tmp_path):
    """``benchmarks/run.py --quick`` measures the engine against both baselines and checks the finals first.

    Only the report is checked, never a time. Without duckdb the DuckDB column is skipped with a note.
    """
    process = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick",
                              "--data-dir", str(tmp_path / "data"), "--no-example"], capture_output=True, text=True)
    assert process.returncode == 0, process.stderr
    out = process.stdout
    assert re.search(r"^case +command +median s +peak MiB +ratio +µs/row$", out, re.M), out
    assert re.search(r"^200 rows +rubric evaluate +[\d.]+ +[\d.]+ +[\d.]+× \(a\)", out, re.M), out
    assert re.search(r"^\(20 entries\) +\(a\) csv \+ float +[\d.]+", out, re.M), out
    assert re.search(r"^2 000 rows +rubric evaluate +[\d.]+", out, re.M), out
    assert "targets (issue 13):" in out
    assert "DIFFER" not in out, out
    assert re.search(r"^correctness at 200 score rows: engine finals agree with baseline \(a\) on all 20 entries",
                     out, re.M), out
    try:
        import duckdb  # noqa: F401
    except ImportError:
        assert "duckdb is not installed" in out
    else:
        assert re.search(r"engine finals agree with baseline \(b\) on all 20 entries", out), out
        assert re.search(r"^ +\(b\) DuckDB query +[\d.]+", out, re.M), out
    for line in out.splitlines():
        assert len(line) <= 100, line


def test_generator_is_deterministic_and_valid_for_the_2018_rubric(tmp_path):
    """Same seed, same bytes; the engine accepts the contest with no data warning (each panel, raw votes)."""
    import csv
    import json

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    for votes in ("tallied", "raw"):
        first, second = tmp_path / f"{votes}-1", tmp_path / f"{votes}-2"
        generate(first, 60, experts=3, audience=4, votes=votes, raw_votes=500, seed=7)
        generate(second, 60, experts=3, audience=4, votes=votes, raw_votes=500, seed=7)
        for name in ("entries.csv", "scores.csv", "votes.csv", "units.csv"):
            assert (first / name).read_bytes() == (second / name).read_bytes(), name
        with open(first / "scores.csv", encoding="utf-8") as stream:
            rows = list(csv.reader(stream))
        assert rows[0] == ["评分组", "评委", "作品编号", "内容性", "思想性", "创新性"]
        assert len(rows) == 1 + 60 * 7
        sheets = {}
        for _panel, _judge, entry, *marks in rows[1:]:
            sheets.setdefault(entry, []).append(marks)
        assert len({tuple(map(tuple, s)) for s in sheets.values()}) < len(sheets)   # twins: real ties
        process = run_inprocess("evaluate", ROOT / "rubrics" / "2018_mzkfr.yaml", first, "--format", "json",
                                lang=None)  # the engine's reading is the subject, not its process
        assert process.returncode == 0, process.stderr
        document = json.loads(process.stdout)
        assert all(e["conformity"]["score"] == 10 for e in document["entries"])
        data_warnings = [w for w in document["warnings"] if "2018_mzkfr.yaml:" not in w]   # the rubric's band gaps
        if votes == "tallied":
            assert data_warnings == []
        else:   # repeats within a day are counted once, and said so; some entries may get no vote
            assert any("repeat" in w or "重复" in w for w in data_warnings), data_warnings
