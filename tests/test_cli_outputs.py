"""The real CLI on the bundled example: every format, determinism, atomic output, exit codes."""
from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLE, RUBRIC_2018, run_inprocess, run_module


@pytest.fixture(scope="module")
def result_json(checked_example):
    process = run_inprocess("evaluate", RUBRIC_2018, EXAMPLE, "--format", "json", "--verdicts", checked_example.verdicts)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


def test_json_keeps_the_spec_keys(result_json):
    assert set(result_json) >= {"contest", "rubric_sha256", "entries", "awards", "units", "warnings"}
    assert result_json["rubric_sha256"] == hashlib.sha256(RUBRIC_2018.read_bytes()).hexdigest()
    assert set(result_json["inputs_sha256"]) == {"entries.csv", "scores.csv", "votes.csv", "units.csv", "checks.csv"}
    entry = result_json["entries"][0]
    assert set(entry) >= {"id", "title", "unit", "final", "rank", "disqualified", "panels", "conformity", "awards"}
    assert set(entry["panels"]["online"]) == {"votes", "rank", "points"}
    assert set(entry["conformity"]) >= {"score", "violations"}
    ranks = [e["rank"] for e in result_json["entries"] if e["rank"] is not None]
    assert ranks == sorted(ranks)


def test_example_has_a_shared_tier_at_the_boundary(result_json):
    third = next(a for a in result_json["awards"] if a["id"] == "third")
    assert len(third["winners"]) > third["count"]
    award_ids = [a["id"] for a in result_json["awards"]]
    assert award_ids == ["first", "second", "third", "popularity", "style", "image", "creativity",
                         "best_team", "best_organization", "most_cohesive"]
    vote_winners = [w for a in result_json["awards"][3:7] for w in a["winners"]]
    assert len(vote_winners) == len(set(vote_winners)) == 4  # one exclusive group


# every format from one Python process (the CLI through typer's runner): the start-up is paid once per
# hash seed, not once per format and seed
EVERY_FORMAT = """
import sys
from typer.testing import CliRunner
from rubric_engine.cli import app
rubric, tables, out = sys.argv[1:]
for fmt in ("json", "csv", "xlsx", "md", "html"):
    result = CliRunner().invoke(app, ["evaluate", rubric, tables, "--format", fmt, "--output", out + "." + fmt,
                                      "--lang", "en"])
    assert result.exit_code == 0, result.output
"""


def test_output_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    import shutil
    import subprocess
    import sys

    tables = tmp_path / "tables"  # the example without its submissions: every format, quickly
    tables.mkdir()
    for path in EXAMPLE.glob("*.csv"):
        shutil.copy(path, tables)
    digests = set()
    for seed in ("0", "12345"):
        out = tmp_path / f"r{seed}"
        process = subprocess.run([sys.executable, "-c", EVERY_FORMAT, str(RUBRIC_2018), str(tables), str(out)],
                                 capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed},
                                 timeout=120)
        assert process.returncode == 0, process.stderr
        for fmt in ("json", "csv", "xlsx", "md", "html"):
            digests.add((fmt, hashlib.sha256(Path(f"{out}.{fmt}").read_bytes()).hexdigest()))
    assert len(digests) == 5


def test_file_checks_are_identical_serial_and_parallel(checked_example, tmp_path):
    """The session's verdicts were probed with --jobs 2 in this process; probed again here with --jobs 1
    in another process with another hash seed, they are the same bytes."""
    serial = tmp_path / "serial.json"
    seed = "777" if os.environ.get("PYTHONHASHSEED") != "777" else "0"
    process = run_module("check", RUBRIC_2018, checked_example.folder, "--jobs", "1", "--no-cache",
                         "--output", serial, "-q", env={"PYTHONHASHSEED": seed})
    assert process.returncode == 0, process.stderr
    assert serial.read_bytes() == checked_example.verdicts.read_bytes()


def test_xlsx_has_one_sheet_per_table_and_no_formulas(tmp_path, contest, mini_rubric, cli):
    contest.entry("E1", title="=HYPERLINK(\"http://x\")").entry("E2", title="+1", unit="@单位")
    contest.marks("E1", (20, 30, 5)).marks("E2", (20, 30, 5)).vote("E1", 1).vote("E2", 2)
    out = tmp_path / "r.xlsx"
    code, _, err = cli("evaluate", mini_rubric, contest.write(), "--format", "xlsx", "--output", out,
                       "--lang", "zh-CN")
    assert code == 0, err
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["结果", "评分组得分", "奖项", "单位", "单位奖得分", "说明"]  # public (--audit: all)
    titles = {row[1]: row[2] for row in workbook["结果"].iter_rows(min_row=2, values_only=True)}
    assert titles == {"E1": "=HYPERLINK(\"http://x\")", "E2": "+1"}
    with zipfile.ZipFile(out) as package:
        sheet = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # stored as text, never as a formula


def test_csv_escapes_formula_text_and_opens_in_excel(tmp_path, contest, mini_rubric, cli):
    contest.entry("E1", title="=1+1").marks("E1", (20, 30, 5)).vote("E1", 1)
    code, out, err = cli("evaluate", mini_rubric, contest.write(), "--format", "csv")
    assert code == 0
    lines = out.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Rank,ID,Title")
    assert ",'=1+1," in lines[1]


def test_html_is_one_self_contained_page(tmp_path, checked_example):
    out = tmp_path / "r.html"
    process = run_inprocess("evaluate", RUBRIC_2018, EXAMPLE, "--format", "html", "--output", out,
                            "--verdicts", checked_example.verdicts)
    assert process.returncode == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "2018年度“最美客服人”征文大赛" in page
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")
    assert page.count('<td data-label="Rank">') == 60  # one row per ranked entry; no per-entry audit details


def test_markdown_lists_results_and_awards(tmp_path, cli, checked_example):
    code, out, err = cli("evaluate", RUBRIC_2018, EXAMPLE, "--format", "md", "--verdicts", checked_example.verdicts)
    assert code == 0
    assert "## Results" in out and "## Awards" in out and "| 1 | E" in out


def test_bad_input_leaves_the_previous_output_untouched(tmp_path, cli, mini_rubric):
    out = tmp_path / "r.json"
    out.write_text("previous", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "entries.csv").write_text("id,title\n", encoding="utf-8")
    code, stdout, err = cli("evaluate", mini_rubric, tmp_path / "data", "--format", "json", "--output", out)
    assert code == 1
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.json")] == []


def test_usage_errors_exit_2(cli):
    assert cli("evaluate")[0] == 2
    assert cli("evaluate", RUBRIC_2018, EXAMPLE, "--format", "pdf")[0] == 2
    assert cli("no-such-command")[0] == 2


def test_explain_answers_why(cli, checked_example):
    code, out, err = cli("explain", RUBRIC_2018, EXAMPLE, "E005", "--format", "json",
                         "--verdicts", checked_example.verdicts)
    assert code == 0, err
    document = json.loads(out)
    assert document["conformity"]["score"] == 9
    failed = [c for c in document["conformity"]["checks"] if c["status"] == "fail"]
    assert [(c["check"], c["note"]) for c in failed] == [("work_photo", "照片为生活照，非工作照片")]
    experts = document["panels"]["experts"]
    assert len(experts["sheets"]) == 5 and all(s["conformity"] == 9 for s in experts["sheets"])
    terms = document["final"]["terms"]
    assert sum(t["value"] for t in terms) == pytest.approx(document["final"]["final"])
    assert document["awards"]


def test_explain_a_tie_that_survives_the_chain(cli, result_json, checked_example):
    third = next(a for a in result_json["awards"] if a["id"] == "third")
    tied = [e for e in result_json["entries"] if e["id"] in third["winners"] and e["rank"] == 20]
    saved = ("--verdicts", checked_example.verdicts)
    code, out, err = cli("explain", RUBRIC_2018, EXAMPLE, tied[0]["id"], "--format", "json", *saved)
    rank = json.loads(out)["rank"]
    assert rank["same_final_score"][0]["decided_by"] is None
    code, out, err = cli("explain", RUBRIC_2018, EXAMPLE, tied[0]["id"], *saved)
    assert "and the same on every tie-break" in " ".join(out.split()) and ": tied" in out
    code, out, err = cli("explain", RUBRIC_2018, EXAMPLE, tied[0]["id"], *saved, "--lang", "zh-CN")
    flat = "".join(line.strip("│ ") for line in out.splitlines()).replace(" ", "")
    assert "也全部相同：并列" in flat and "专家评分→专业观众评分" in flat  # the tie-break chain by its labels


def test_explain_unknown_entry(cli, checked_example):
    code, out, err = cli("explain", RUBRIC_2018, EXAMPLE, "E999", "--verdicts", checked_example.verdicts)
    assert code == 1 and "no entry or unit E999" in err


def test_check_command_grid(cli, checked_example):
    code, out, err = cli("check", RUBRIC_2018, checked_example.folder, "--format", "json")
    assert code == 0
    document = json.loads(out)
    late = {e["id"]: e for e in document["entries"]}["E044"]
    deadline = next(c for c in late["checks"] if c["check"] == "deadline")
    assert deadline["status"] == "fail" and "after the deadline 2018-11-10" in deadline["reason"]["text"]
    code, out, err = cli("check", RUBRIC_2018, checked_example.folder, "--grid")
    assert code == 0 and "✗" in out and "✓" in out


def test_show_and_schema(cli):
    code, out, err = cli("show", RUBRIC_2018)
    assert code == 0
    for text in ("有你，世界变更美", "专家评分", "ranks 21 and beyond", "Highest possible", "最佳人气奖", "推荐函"):
        assert text in out
    code, out, err = cli("schema")
    assert json.loads(out)["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_packaged_schema_is_the_committed_one():
    from importlib import resources

    from tests.conftest import ROOT

    packaged = resources.files("rubric_engine.schemas").joinpath("rubric.schema.json").read_text("utf-8")
    assert packaged == (ROOT / "schemas" / "rubric.schema.json").read_text(encoding="utf-8")


def test_module_entry_point_and_no_traceback_on_bad_input(tmp_path):
    process = run_module("validate", tmp_path / "missing.yaml")
    assert process.returncode == 1 and "Traceback" not in process.stderr and "does not exist" in process.stderr


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "md", "html"])
def test_check_results_in_every_format(tmp_path, cli, fmt, checked_example):
    out = tmp_path / f"check.{fmt}"
    code, _, err = cli("check", RUBRIC_2018, checked_example.folder, "--format", fmt, "--output", out)
    assert code == 0, err
    if fmt == "xlsx":
        workbook = load_workbook(out)
        assert workbook.sheetnames == ["Checks", "Reasons", "Legend", "Warnings"]
        header = [c.value for c in next(workbook["Checks"].iter_rows(max_row=1))]
        assert header[:4] == ["ID", "Title", "Unit", "推荐函"] and "规范性" in header
    else:
        text = out.read_text(encoding="utf-8-sig")
        assert "文章字数" in text and "fail" in text and "not recorded (a pass)" in text


def test_warnings_are_also_data_with_codes_and_locations(result_json):
    details = result_json["warning_details"]
    assert len(details) == len(result_json["warnings"])
    gap = next(d for d in details if d["code"] == "lint.band_gap")
    assert gap["location"]["file"].endswith("2018_mzkfr.yaml") and gap["location"]["line"] > 0
    assert {d["code"] for d in details} >= {"lint.band_gap", "award.note"}


def test_explain_a_unit_award_metric_by_metric(cli, checked_example):
    code, out, err = cli("explain", RUBRIC_2018, checked_example.folder, "广州银行信用卡中心", "--format", "json",
                         "--verdicts", checked_example.verdicts)
    assert code == 0, err
    document = json.loads(out)
    assert document["unit"]["name"] == "广州银行信用卡中心" and len(document["unit"]["entries"]) == 5
    evaluated = json.loads(cli("evaluate", RUBRIC_2018, checked_example.folder, "--format", "json",
                               "--verdicts", checked_example.verdicts)[1])
    won = {a["id"] for a in evaluated["awards"] if "广州银行信用卡中心" in a["winners"]}
    for award in document["awards"]:
        assert award["won"] == (award["award"] in won)
        assert abs(sum(t["term"] for t in award["terms"]) - award["composite"]) < 0.001
    code, out, err = cli("explain", RUBRIC_2018, checked_example.folder, "广州银行信用卡中心",
                         "--verdicts", checked_example.verdicts, "--lang", "zh-CN")
    assert code == 0 and "推荐作品数 5 ÷ 最高 5 × 权重 20% × 100 = 20.00" in out and "综合得分 73.29（满分 100）" in out
    code, out, err = cli("explain", RUBRIC_2018, checked_example.folder, "广州银行", "--verdicts",
                         checked_example.verdicts)
    assert code == 1 and "广州银行信用卡中心" in err  # a suggestion
