"""The workbook an organiser circulates, opened again with openpyxl after the real CLI wrote it."""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.conftest import MINI_RUBRIC, ROOT, RUBRIC_2018, run_inprocess, run_module

SHEETS = ["结果", "评分组得分", "奖项", "单位", "单位奖得分", "说明"]  # public: no judge's sheet, path or phone
COMMITTEE_SHEETS = ["结果", "评分组得分", "评分明细", "奖项", "单位", "单位奖得分", "说明", "提示", "输入文件", "人工判定",
                    "未评分评委", "联系电话"]
INTERNAL = "内部资料"


def half_up(exact: Fraction, decimals: int) -> float:
    """An independent rounding: the exact value, half-up, to ``decimals`` places."""
    with localcontext() as context:
        context.prec = 60
        value = Decimal(exact.numerator) / Decimal(exact.denominator)
        return float(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def score_format(decimals: int) -> str:
    return "0." + "0" * decimals if decimals else "0"


def table(sheet) -> tuple[list[str], list[tuple]]:
    """Headers and rows; a committee sheet's first row (内部资料) is above its header row."""
    rows = list(sheet.iter_rows())
    top = 1 if str(rows[0][0].value or "").startswith((INTERNAL, "Internal")) else 0
    return [c.value for c in rows[top]], rows[top + 1:]


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def evaluate(cli, rubric, folder, out, *extra):
    """The organiser's workbook: in zh-CN, the rubric's language (the tests' default is English)."""
    code, _, err = cli("evaluate", rubric, folder, "--output", out, "--lang", "zh-CN", *extra)
    assert code == 0, err
    code, text, err = cli("evaluate", rubric, folder, "--format", "json", "--lang", "zh-CN", *extra)
    assert code == 0, err
    return load_workbook(out), json.loads(text)


def assert_results_sheet(workbook, document):
    """Scores in the display decimals' format, stored rounded half-up from the exact value."""
    decimals = document["display_decimals"]
    headers, rows = table(workbook["结果"])
    final, rank = headers.index("最终得分"), headers.index("名次")
    panels = [headers.index(label) for label in document["labels"]["panels"].values()]
    by_id = {e["id"]: e for e in document["entries"]}
    assert len(rows) == len(document["entries"])
    for row in rows:
        entry = by_id[row[1].value]
        assert row[final].value == half_up(Fraction(entry["final_exact"]), decimals)
        assert row[final].number_format == score_format(decimals)
        for column, panel in zip(panels, document["labels"]["panels"]):
            data = entry["panels"][panel]
            exact = Fraction(data["score_exact"]) if "score_exact" in data else Fraction(str(data["points"]))
            assert row[column].value == half_up(exact, decimals) and row[column].data_type == "n"
            assert row[column].number_format == score_format(decimals)
        if entry["rank"] is not None:
            assert row[rank].value == entry["rank"] and row[rank].number_format == "0"
    return headers


def assert_layout(sheet, contest_name: str, internal: bool = False):
    headers, rows = table(sheet)
    top = 2 if internal else 1
    last = get_column_letter(len(headers))
    assert sheet.auto_filter.ref == f"A{top}:{last}{len(rows) + top}"
    frozen = next((headers.index(n) + 1 for n in ("作品名称", "编号", "参赛单位") if n in headers), 0)
    assert sheet.freeze_panes == f"{get_column_letter(frozen + 1)}{top + 1}"
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == ("$1:$2" if internal else "$1:$1")
    assert sheet.oddHeader.center.text == contest_name.replace("&", "&&")
    assert "&P" in sheet.oddFooter.center.text
    # 内部资料 on every committee sheet (a first row, the printed header and footer), on no public one
    assert (str(sheet["A1"].value).startswith(INTERNAL)) == internal, sheet.title
    assert (INTERNAL in (sheet.oddHeader.left.text or "") and INTERNAL in sheet.oddFooter.center.text) == internal
    for column, header in enumerate(headers, start=1):
        texts = [str(header)] + [str(r[column - 1].value) for r in rows
                                 if r[column - 1].value is not None and r[column - 1].data_type == "s"]
        widest = max(width(t) for t in texts)
        assert sheet.column_dimensions[get_column_letter(column)].width >= min(widest, 60), (sheet.title, header)
    for row in rows:
        for cell in row:
            if cell.data_type == "n" and cell.value is not None:
                assert cell.number_format != "General", (sheet.title, cell.coordinate)
            assert cell.data_type != "f"


def test_the_bundled_example_as_an_organiser_circulates_it(tmp_path, cli, checked_example):
    folder, verdicts = checked_example.folder, checked_example.verdicts
    out, audit = tmp_path / "结果.xlsx", tmp_path / "核查.xlsx"
    workbook, document = evaluate(cli, RUBRIC_2018, folder, out, "--verdicts", verdicts, "--audit", audit)
    assert workbook.sheetnames == SHEETS
    headers = assert_results_sheet(workbook, document)
    assert workbook["结果"].freeze_panes == f"{get_column_letter(headers.index('作品名称') + 2)}2"
    for sheet in workbook:
        assert_layout(sheet, document["contest"]["name"])
    committee = load_workbook(audit)
    assert committee.sheetnames == COMMITTEE_SHEETS
    for sheet in committee:
        assert_layout(sheet, document["contest"]["name"], internal=True)

    # the public workbook: nothing of a judge, no path, no phone; every entry sheet names its people and unit
    with open(folder / "scores.csv", encoding="utf-8-sig") as stream:
        lines = list(csv.DictReader(stream))
    judges = {r["评委"] for r in lines}
    with open(folder / "entries.csv", encoding="utf-8-sig") as stream:
        people = {r["编号"]: r for r in csv.DictReader(stream)}
    for sheet in workbook:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not (isinstance(value, str) and (value in judges or "/" in value and ".csv" in value
                                                        or str(folder) in value)), (sheet.title, value)
    for name in ("结果", "评分组得分"):
        sheet_headers, rows = table(workbook[name])
        at = {h: i for i, h in enumerate(sheet_headers)}
        assert {"参赛人员", "参赛单位", "作品名称"} <= set(at), name
        for row in rows:
            source = people[row[at["编号"]].value]
            assert row[at["参赛人员"]].value == source["参赛人员"] and row[at["参赛单位"]].value == source["参赛单位"]

    # 奖项: one row per winner in the award's order, by 作品名称 and names
    award_headers, award_rows = table(workbook["奖项"])
    rows = [dict(zip(award_headers, (c.value for c in row))) for row in award_rows]
    first = [r for r in rows if r["奖项"] == "“最美客服人”一等奖"]
    by_rank = sorted((e for e in document["entries"] if e["rank"] is not None), key=lambda e: e["rank"])
    assert [r["编号"] for r in first] == [e["id"] for e in by_rank[:2]] and [r["序号"] for r in first] == [1, 2]
    assert [r["作品名称"] for r in first] == [people[e["id"]]["作品名称"] for e in by_rank[:2]]
    assert [r["参赛人员"] for r in first] == [people[e["id"]]["参赛人员"] for e in by_rank[:2]]
    third = [r for r in rows if r["奖项"] == "“最美客服人”三等奖"]
    assert len(third) == 13 and [r["编号"] for r in third][-2:] == ["E041", "E060"]
    assert all("并列" in (r["说明"] or "") for r in third[-2:]) and not third[1]["说明"]
    assert "13" in third[0]["说明"] and third[1]["名额"] is None
    team = [r for r in rows if r["奖项"] == "最佳团队奖"]
    assert len(team) == 3 and all(r["编号"] is None and r["序号"] is None and r["参赛单位"] for r in team)
    assert "排名不分先后" in team[0]["说明"] and [r["参赛单位"] for r in team] == sorted(r["参赛单位"] for r in team)

    # 评分明细 (committee only): one judge's marks are exactly the scores.csv rows; the judge's total is
    # SPEC §4.1's: the marks plus 规范性
    judge = lines[0]["评委"]
    expected = {(r["作品编号"], c): int(r[c]) for r in lines if r["评委"] == judge for c in ("内容性", "思想性", "创新性")}
    marks_headers, marks_rows = table(committee["评分明细"])
    conformity = {e["id"]: e["conformity"]["score"] for e in document["entries"]}
    found = {}
    for row in marks_rows:
        values = dict(zip(marks_headers, (c.value for c in row)))
        assert values["参赛人员"] == people[values["编号"]]["参赛人员"]
        if values["评委"] == judge:
            for criterion in ("内容性", "思想性", "创新性"):
                found[(values["编号"], criterion)] = values[criterion]
            assert values["规范性"] == conformity[values["编号"]]
            assert values["评委合计"] == sum(values[c] for c in ("内容性", "思想性", "创新性", "规范性"))
    assert found == expected and len(found) > 30
    assert len(marks_rows) == len(lines)
    warnings_rows = [r[0].value for r in table(committee["提示"])[1]]
    assert any("2018_mzkfr.yaml:" in w for w in warnings_rows)
    assert table(committee["输入文件"])[1][0][1].value.endswith("2018_mzkfr.yaml")

    # 单位奖得分: each unit's shown terms add up exactly to its shown composite (out of 100)
    unit_headers, unit_rows = table(workbook["单位奖得分"])
    composites: dict = {}
    for row in unit_rows:
        values = dict(zip(unit_headers, (c.value for c in row)))
        if values["指标"] is None:
            continue
        key = (values["奖项"], values["参赛单位"])
        assert row[unit_headers.index("折算得分")].number_format == "0.00"
        assert row[unit_headers.index("权重（%）")].data_type == "n"
        composites.setdefault(key, [values["综合得分"], values["结果"], 0])[2] += round(values["折算得分"] * 100)
    decimals = document["display_decimals"]
    awards = [a for a in document["awards"] if a["subject"] == "units"]
    assert awards and {k[0] for k in composites} == {a["name"] for a in awards}
    units = {u["unit"]: u for u in document["units"]}
    for award in awards:
        for unit, reason in award["reasons"].items():
            composite, verdict, terms = composites[(award["name"], unit)]
            assert verdict == "获奖"
            assert composite == half_up(Fraction(units[unit]["composites_exact"][award["id"]]), decimals)
            assert 0 < composite <= 100
        for (name, unit), (composite, verdict, terms) in composites.items():
            if name == award["name"]:
                assert (verdict == "获奖") == (unit in award["winners"])
                assert terms == round(composite * 100), (name, unit)  # the shown terms add up, to the hundredth
    units_headers, units_rows = table(workbook["单位"])
    column = units_headers.index("最佳团队奖综合得分")
    for row in units_rows:  # the same number on both sheets
        if row[column].value is not None:
            assert row[column].value == composites[("最佳团队奖", row[0].value)][0]

    again = tmp_path / "again.xlsx"
    evaluate(cli, RUBRIC_2018, folder, again, "--verdicts", verdicts)
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.parametrize("decimals", [3, 0])
def test_a_contest_with_other_display_decimals(tmp_path, contest, decimals):
    """Thirds and eighths give finals whose display rounding is not the 4-decimal JSON's."""
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("final:\n", f"final:\n  decimals: {decimals}\n")
                      .replace("name: 小型比赛", "name: 小型比赛 & 决赛"), encoding="utf-8")
    for k in range(1, 8):
        contest.entry(f"E{k}", title=f"作品\x1b{k}" if k == 1 else None)
        for judge, marks in (("X1", (20 + k, 40, 5)), ("X2", (21, 41 + k % 3, 6)), ("X3", (25, 44, 7 + k % 2))):
            contest.sheet("experts", judge, f"E{k}", *marks)
        contest.sheet("audience", "A1", f"E{k}", 22, 43, 8).sheet("audience", "A2", f"E{k}", 23 + k % 2, 47, 9)
        contest.vote(f"E{k}", 100 * k + 7)
    contest.units += [["单位A", 10, 2000, 7]]
    folder = contest.write()
    out = tmp_path / "r.xlsx"
    process = run_inprocess("evaluate", rubric, folder, "--output", out, "--quiet", lang=None)
    assert process.returncode == 0, process.stderr
    document = json.loads(run_inprocess("evaluate", rubric, folder, "--format", "json", "--quiet", lang=None).stdout)
    assert document["display_decimals"] == decimals
    workbook = load_workbook(out)
    assert_results_sheet(workbook, document)
    for sheet in workbook:
        assert_layout(sheet, "小型比赛 & 决赛")
    headers, rows = table(workbook["结果"])
    assert rows and any(r[headers.index("作品名称")].value == "作品\\x1b1" for r in rows)  # escaped, not dropped
    run_module("evaluate", rubric, folder, "--output", tmp_path / "r2.xlsx", "--audit", tmp_path / "a.xlsx",
               "--quiet", lang=None)
    marks_headers, marks_rows = table(load_workbook(tmp_path / "a.xlsx")["评分明细"])
    first = next(dict(zip(marks_headers, (c.value for c in r))) for r in marks_rows
                 if r[0].value == "E2" and r[marks_headers.index("评委")].value == "X2")
    assert (first["内容性"], first["思想性"], first["创新性"]) == (21, 43, 6)
    assert all(r[marks_headers.index("内容性")].number_format == "0" for r in marks_rows)
    run_inprocess("evaluate", rubric, folder, "--output", tmp_path / "again.xlsx", "--quiet", lang=None)
    assert (tmp_path / "again.xlsx").read_bytes() == out.read_bytes()


def test_a_table_longer_than_a_sheet_goes_on_in_the_next(tmp_path, contest, mini_rubric, cli, monkeypatch):
    from rubric_engine.render import xlsx

    monkeypatch.setattr(xlsx, "MAX_SHEET_ROWS", 4)
    for k in range(1, 4):
        contest.entry(f"E{k}").marks(f"E{k}", (20, 30, 5)).vote(f"E{k}", k)
    out, audit = tmp_path / "r.xlsx", tmp_path / "a.xlsx"
    code, _, err = cli("evaluate", mini_rubric, contest.write(), "--output", out, "--lang", "zh-CN", "--audit", audit)
    assert code == 0, err
    assert load_workbook(out).sheetnames[:4] == ["结果", "评分组得分", "评分组得分（2）", "评分组得分（3）"]
    workbook = load_workbook(audit)  # the committee's sheets give a row to 内部资料: 3 rows a sheet here
    assert workbook.sheetnames[:6] == ["结果", "评分组得分", "评分组得分（2）", "评分组得分（3）", "评分明细",
                                       "评分明细（2）"]
    parts = [table(workbook[name])[1] for name in workbook.sheetnames if name.startswith("评分明细")]
    assert [len(rows) for rows in parts] == [3, 3]  # 3 entries × 2 judges
    assert sorted(r[0].value for rows in parts for r in rows) == ["E1", "E1", "E2", "E2", "E3", "E3"]
    assert all(table(workbook[name])[0][0] == "编号" for name in workbook.sheetnames if name.startswith("评分"))


def test_the_public_page_never_shows_a_judges_sheet(tmp_path, checked_example):
    for fmt in ("html", "wechat"):
        out = tmp_path / f"r.{fmt}.html"
        process = run_inprocess("evaluate", RUBRIC_2018, checked_example.folder, "--format", fmt, "--output", out,
                             "--verdicts", checked_example.verdicts, "--quiet")
        assert process.returncode == 0, process.stderr
        page = out.read_text(encoding="utf-8")
        assert "专家1" not in page and "评分明细" not in page and "评委" not in page


def test_the_docs_list_the_sheets_the_workbook_has():
    from rubric_engine import messages
    from rubric_engine.render.sections import sections

    text = (ROOT / "docs" / "outputs.md").read_text(encoding="utf-8")
    workbook_part = text.split("## The workbook")[1].split("\n## ")[0]
    public, committee = (re.findall(r"^\| (\S+) \| .+ \| .+ \|$", part, re.M)[1:]  # below the table's header
                         for part in workbook_part.split("### The committee's file")[:2])
    previous = messages.current_language()
    messages.set_language("zh-CN")
    try:
        assert public == [s.title for s in sections("evaluate")] == SHEETS
        audit = [s.title for s in sections("audit")]
        assert audit == COMMITTEE_SHEETS and committee == [t for t in audit if t not in SHEETS or t == "说明"]
    finally:
        messages.set_language(previous)


def test_the_new_sheets_follow_the_language(tmp_path, contest, mini_rubric, cli):
    """With --lang en the sheets this workbook added read in English (the others follow as they move)."""
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 1)
    out, audit = tmp_path / "r.xlsx", tmp_path / "a.xlsx"
    code, _, err = cli("evaluate", mini_rubric, contest.write(), "--output", out, "--audit", audit)
    assert code == 0, err
    workbook = load_workbook(out)
    assert {"Panel scores", "Unit award scores"} <= set(workbook.sheetnames)
    assert table(workbook["Awards"])[0] == ["Award", "Places", "No.", "ID", "Title", "Participants", "Unit", "Notes"]
    assert workbook["Awards"].oddFooter.center.text == "Page &P of &N"
    committee = load_workbook(audit)
    assert table(committee["Marks by judge"])[0][:6] == ["ID", "Title", "Participants", "Unit", "Panel", "Judge"]
    assert str(committee["Marks by judge"]["A1"].value).startswith("Internal: ")
    assert committee["Marks by judge"].oddFooter.center.text == "Internal — page &P of &N"


def test_the_documents_composites_are_what_explain_says_of_each_unit(cli, checked_example):
    """``{**shared, **unit}`` gives back, term by term, the explanation `rubric explain <unit>` prints."""
    folder, verdicts = checked_example.folder, checked_example.verdicts
    code, out, err = cli("evaluate", RUBRIC_2018, folder, "--format", "json", "--verdicts", verdicts)
    assert code == 0, err
    awards = {a["id"]: a for a in json.loads(out)["awards"] if "composites" in a}
    unit = "广州银行信用卡中心"
    code, out, err = cli("explain", RUBRIC_2018, folder, unit, "--format", "json", "--verdicts", verdicts)
    assert code == 0, err
    explained = json.loads(out)["awards"]
    assert {a["award"] for a in explained} == set(awards)
    for award in explained:
        composites = awards[award["award"]]["composites"]
        item = next(u for u in composites["units"] if u["unit"] == unit)
        shared = dict(composites["shared"])
        shared_terms = shared.pop("terms")
        merged = {**shared, **item}
        terms = [{**shared_terms[i], **t} for i, t in enumerate(item["terms"])]
        assert merged["won"] == award["won"] and merged["composite"] == award["composite"]
        assert [{k: t[k] for k in ("metric", "label", "value", "best", "weight", "term")} for t in terms] == \
               [{k: t[k] for k in ("metric", "label", "value", "best", "weight", "term")} for t in award["terms"]]


def test_panes_freeze_by_column_id_in_every_language(tmp_path, cli, checked_example):
    """The identity columns are found by their id, not by their translated header: the English
    workbook freezes the same columns as the Chinese one, sheet by sheet."""
    folder, verdicts = checked_example.folder, checked_example.verdicts
    chinese, _ = evaluate(cli, RUBRIC_2018, folder, tmp_path / "zh.xlsx", "--verdicts", verdicts, "--lang", "zh-CN")
    english, _ = evaluate(cli, RUBRIC_2018, folder, tmp_path / "en.xlsx", "--verdicts", verdicts, "--lang", "en")
    frozen = [sheet.freeze_panes for sheet in chinese]
    assert frozen == [sheet.freeze_panes for sheet in english]
    assert english.worksheets[0].freeze_panes != "A2"  # the results sheet freezes through its Title column
    headers = [cell.value for cell in english.worksheets[0][1]]
    assert english.worksheets[0].freeze_panes == f"{get_column_letter(headers.index('Title') + 2)}2"


def test_a_header_that_only_reads_like_an_identity_column_does_not_freeze():
    """A panel or criterion labelled 编号 is not the id column: only a column's id decides."""
    from openpyxl import Workbook

    from rubric_engine.render.tabular import Column
    from rubric_engine.render.xlsx import _arrange

    sheet = Workbook().active
    _arrange(sheet, ["编号", "作品名称", "分数"], [["E1", "甲", 1]], 2)  # plain text, no ids
    assert sheet.freeze_panes is None or sheet.freeze_panes == "A2"
    _arrange(sheet, [Column("No.", "id"), Column("Name", "title"), "Score"], [["E1", "甲", 1]], 2)
    assert sheet.freeze_panes == "C2"  # right of the title column, found by its id
