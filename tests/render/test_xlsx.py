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

from tests.conftest import MINI_RUBRIC, ROOT, RUBRIC_2018, run_inprocess

SHEETS = ["结果", "评分组得分", "评分明细", "奖项", "单位", "单位奖得分", "说明", "提示"]


def half_up(exact: Fraction, decimals: int) -> float:
    """An independent rounding: the exact value, half-up, to ``decimals`` places."""
    with localcontext() as context:
        context.prec = 60
        value = Decimal(exact.numerator) / Decimal(exact.denominator)
        return float(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def score_format(decimals: int) -> str:
    return "0." + "0" * decimals if decimals else "0"


def table(sheet) -> tuple[list[str], list[tuple]]:
    rows = list(sheet.iter_rows())
    return [c.value for c in rows[0]], rows[1:]


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


def assert_layout(sheet, contest_name: str):
    headers, rows = table(sheet)
    last = get_column_letter(len(headers))
    assert sheet.auto_filter.ref == f"A1:{last}{len(rows) + 1}"
    frozen = next((headers.index(n) + 1 for n in ("作品名称", "编号", "参赛单位") if n in headers), 0)
    assert sheet.freeze_panes == f"{get_column_letter(frozen + 1)}2"
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddHeader.center.text == contest_name.replace("&", "&&")
    assert "&P" in sheet.oddFooter.center.text
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
    out = tmp_path / "结果.xlsx"
    workbook, document = evaluate(cli, RUBRIC_2018, folder, out, "--verdicts", verdicts)
    assert workbook.sheetnames == SHEETS
    headers = assert_results_sheet(workbook, document)
    assert workbook["结果"].freeze_panes == f"{get_column_letter(headers.index('作品名称') + 2)}2"
    for sheet in workbook:
        assert_layout(sheet, document["contest"]["name"])

    # 评分明细: one judge's marks are exactly the scores.csv rows
    with open(folder / "scores.csv", encoding="utf-8-sig") as stream:
        lines = list(csv.DictReader(stream))
    judge = lines[0]["评委"]
    expected = {(r["作品编号"], c): int(r[c]) for r in lines if r["评委"] == judge for c in ("内容性", "思想性", "创新性")}
    marks_headers, marks_rows = table(workbook["评分明细"])
    found = {}
    for row in marks_rows:
        values = dict(zip(marks_headers, (c.value for c in row)))
        if values["评委"] == judge:
            for criterion in ("内容性", "思想性", "创新性"):
                found[(values["编号"], criterion)] = values[criterion]
            assert values["评委小计"] == sum(values[c] for c in ("内容性", "思想性", "创新性"))
    assert found == expected and len(found) > 30
    sheets = sum(len(columns["entry"]) for columns in document["judge_sheets"].values())
    assert len(marks_rows) == sheets == len(lines)
    experts = document["judge_sheets"]["experts"]
    assert list(experts) == ["entry", "judge", "content", "thought", "innovation"]
    first = next(r for r in lines if r["评分组"] == "专家评分")  # the scores file's order, as entered
    assert [experts[c][0] for c in experts] == [first["作品编号"], first["评委"], int(first["内容性"]),
                                                 int(first["思想性"]), int(first["创新性"])]

    # 单位奖得分: each unit's terms add up to its composite; the winners are the awards' winners
    unit_headers, unit_rows = table(workbook["单位奖得分"])
    composites: dict = {}
    for row in unit_rows:
        values = dict(zip(unit_headers, (c.value for c in row)))
        if values["指标"] is None:
            continue
        key = (values["奖项"], values["参赛单位"])
        assert row[unit_headers.index("折算得分")].number_format == "0.00"
        assert row[unit_headers.index("权重（%）")].data_type == "n"
        composites.setdefault(key, [values["综合得分"], values["结果"], 0])[2] += values["折算得分"]
    decimals = document["display_decimals"]
    awards = [a for a in document["awards"] if a["subject"] == "units"]
    assert awards and {k[0] for k in composites} == {a["name"] for a in awards}
    for award in awards:
        for unit, reason in award["reasons"].items():
            composite, verdict, terms = composites[(award["name"], unit)]
            assert verdict == "获奖"
            assert composite == half_up(Fraction(reason["fields"]["score"]), decimals)
        for (name, unit), (composite, verdict, terms) in composites.items():
            if name == award["name"]:
                assert (verdict == "获奖") == (unit in award["winners"])
                assert abs(terms - composite) < 0.01 * 6

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
    marks_headers, marks_rows = table(workbook["评分明细"])
    first = next(dict(zip(marks_headers, (c.value for c in r))) for r in marks_rows
                 if r[0].value == "E2" and r[3].value == "X2")
    assert (first["内容性"], first["思想性"], first["创新性"]) == (21, 43, 6)
    assert all(r[marks_headers.index("内容性")].number_format == "0" for r in marks_rows)
    run_inprocess("evaluate", rubric, folder, "--output", tmp_path / "again.xlsx", "--quiet", lang=None)
    assert (tmp_path / "again.xlsx").read_bytes() == out.read_bytes()


def test_a_table_longer_than_a_sheet_goes_on_in_the_next(tmp_path, contest, mini_rubric, cli, monkeypatch):
    from rubric_engine.render import xlsx

    monkeypatch.setattr(xlsx, "MAX_SHEET_ROWS", 4)
    for k in range(1, 4):
        contest.entry(f"E{k}").marks(f"E{k}", (20, 30, 5)).vote(f"E{k}", k)
    out = tmp_path / "r.xlsx"
    code, _, err = cli("evaluate", mini_rubric, contest.write(), "--output", out, "--lang", "zh-CN")
    assert code == 0, err
    workbook = load_workbook(out)
    assert workbook.sheetnames[:6] == ["结果", "评分组得分", "评分组得分（2）", "评分组得分（3）", "评分明细",
                                       "评分明细（2）"]
    parts = [table(workbook[name])[1] for name in workbook.sheetnames if name.startswith("评分明细")]
    assert [len(rows) for rows in parts] == [4, 2]  # 3 entries × 2 judges
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
    documented = re.findall(r"^\| (\S+) \| .+ \| .+ \|$", text, re.M)[1:]  # below the table's header
    previous = messages.current_language()
    messages.set_language("zh-CN")
    try:
        assert documented == [s.title for s in sections("evaluate")] == SHEETS
    finally:
        messages.set_language(previous)


def test_the_new_sheets_follow_the_language(tmp_path, contest, mini_rubric, cli):
    """With --lang en the sheets this workbook added read in English (the others follow as they move)."""
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 1)
    out = tmp_path / "r.xlsx"
    code, _, err = cli("evaluate", mini_rubric, contest.write(), "--output", out)
    assert code == 0, err
    workbook = load_workbook(out)
    assert {"Panel scores", "Marks by judge", "Unit award scores"} <= set(workbook.sheetnames)
    assert table(workbook["Marks by judge"])[0][:4] == ["ID", "Title", "Panel", "Judge"]
    assert workbook["Marks by judge"].oddFooter.center.text == "Page &P of &N"


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
