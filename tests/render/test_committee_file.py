"""``--audit FILE`` in any format (issue 17, deliver 4): the committee's file keeps everything and says
内部资料; the ordinary outputs beside it are public (no judge's sheet, no path, no warning)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook


@pytest.fixture
def written(tmp_path, contest, mini_rubric, cli):
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 3)
    contest.entry("E2").marks("E2", (25, 40, 8)).vote("E2", 1)
    folder = contest.write()
    out = {}
    for public, audit in (("r.md", "a.md"), ("r.csv", "a.csv"), ("r.xlsx", "a.json")):
        code, _, err = cli("evaluate", mini_rubric, folder, "--output", tmp_path / public, "--audit", tmp_path / audit,
                           "--lang", "zh-CN")
        assert code == 0, err
        out[public], out[audit] = tmp_path / public, tmp_path / audit
    return folder, out


def test_the_committee_file_in_markdown_csv_and_json(written):
    folder, out = written
    public_md, audit_md = out["r.md"].read_text("utf-8"), out["a.md"].read_text("utf-8")
    assert "内部资料" not in public_md and "## 评分明细" not in public_md and str(folder) not in public_md
    assert "## 提示" not in public_md and "## 奖项" in public_md
    assert audit_md.count("（内部资料）") == audit_md.count("\n## ") and "## 评分明细（内部资料）" in audit_md
    assert "**内部资料：仅供评审委员会使用" in audit_md and "/data/votes.csv | " in audit_md  # the inputs' paths

    public_rows = list(csv.reader(io.StringIO(out["r.csv"].read_text("utf-8-sig"))))
    audit_rows = list(csv.reader(io.StringIO(out["a.csv"].read_text("utf-8-sig"))))
    assert public_rows[0][:5] == ["名次", "编号", "作品名称", "参赛人员", "参赛单位"]
    assert audit_rows[0][0].startswith("内部资料") and audit_rows[1:] == public_rows

    document = json.loads(out["a.json"].read_text("utf-8"))
    assert document["internal"] is True
    sheets = {(e["id"], s["judge"]): s for e in document["audit"]["entries"] for p in e["panels"]
              for s in p["sheets"] if p["panel"] == "experts"}
    conformity = {e["id"]: e["conformity"]["score"] for e in document["entries"]}
    assert sheets and all(s["total"] == sum(s["marks"]) + conformity[entry] for (entry, _), s in sheets.items())
    assert any(str(folder) in i["path"] for i in document["audit"]["inputs"])
    workbook = load_workbook(out["r.xlsx"])
    assert "评分明细" not in workbook.sheetnames and "提示" not in workbook.sheetnames


def test_an_audit_file_of_another_format_is_a_usage_error_before_any_work(tmp_path, contest, mini_rubric, cli):
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 3)
    code, _, err = cli("evaluate", mini_rubric, contest.write(), "--output", tmp_path / "r.xlsx",
                       "--audit", tmp_path / "核查.docx", "--lang", "zh-CN")
    assert code == 2 and "--audit 核查.docx" in err and ".xlsx" in err and ".docx" in err
    assert not (tmp_path / "r.xlsx").exists() and not (tmp_path / "核查.docx").exists()
