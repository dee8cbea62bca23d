"""--template DIR overrides the shipped templates; --audit FILE is the committee's page, and only it
holds what the public page must not show."""
from __future__ import annotations

import hashlib
import html
import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

from tests.conftest import MINI_RUBRIC, ROOT, write_csv
from tests.render.test_page import NEEDS_CHROMIUM, measure

DOCS = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
PHONES = ("13912345678", "020-87654321", "13700001111")


@pytest.fixture
def private_contest(tmp_path):
    """A contest whose data holds what must stay private: phones, judges' names, notes, a skipped judge."""
    rubric = tmp_path / "规则" / "mini.yaml"
    rubric.parent.mkdir()
    rubric.write_text(MINI_RUBRIC, encoding="utf-8")
    data = tmp_path / "数据"
    entries = [["编号", "作品名称", "参赛单位", "参赛人员", "团队", "形式", "提交时间", "推荐函", "联系电话"],
               ["E1", "晨光里的声音", "甲单位", "李明", "否", "图文", "2018-11-01", "是", PHONES[0]],
               ["E2", "耳边的守望", "乙单位", "王芳", "否", "图文", "2018-11-01", "是", PHONES[1]],
               ["E3", "一通电话", "甲单位", "赵强", "否", "视频", "2018-11-01", "是", ""],
               ["E4", "夜班的灯", "丙单位", "陈静", "否", "图文", "2018-11-12", "是", ""]]
    write_csv(data / "entries.csv", entries)
    scores = [["panel", "judge", "entry", "content", "thought", "innovation"]]
    for entry, marks in (("E1", (28, 45, 9)), ("E2", (25, 40, 8)), ("E3", (22, 38, 7)), ("E4", (20, 35, 6))):
        scores.append(["experts", "评委甲一号", entry, *marks])
        if entry != "E3":  # 评委乙二号 skipped E3
            scores.append(["experts", "评委乙二号", entry, marks[0] - 1, marks[1] - 2, marks[2]])
        scores.append(["audience", "观众丙三号", entry, *marks])
    write_csv(data / "scores.csv", scores)
    write_csv(data / "votes.csv", [["entry", "category", "votes"], ["E1", "popularity", 120], ["E2", "popularity", 90],
                                   ["E3", "popularity", 60], ["E4", "popularity", 30]])
    write_csv(data / "checks.csv", [["entry", "check", "result", "note"],
                                    ["E2", "work_photo", "fail", f"生活照，已致电 {PHONES[2]} 核实"],
                                    ["E4", "deadline", "pass", "组委会同意延期两天提交"]])
    return rubric, data


def _evaluate(cli, rubric, data, out: Path, *args):
    return cli("evaluate", rubric, data, *args)


def test_the_public_page_never_shows_what_only_the_audit_page_may(cli, private_contest, tmp_path):
    rubric, data = private_contest
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = cli("evaluate", rubric, data, "--format", "html", "--output", out / "page.html",
                       "--audit", out / "audit.html")
    assert code == 0, err
    code, _, err = cli("evaluate", rubric, data, "--format", "wechat", "--output", out / "wechat.html")
    assert code == 0, err
    code, document, err = cli("evaluate", rubric, data, "--format", "json")
    document = json.loads(document)
    assert any("评委乙二号" in w for w in document["warnings"])  # the skipped judge is a warning
    private = [*PHONES, str(data), str(rubric), "mini.yaml", "entries.csv", "scores.csv", document["rubric_sha256"],
               *document["inputs_sha256"].values(), "评委甲一号", "评委乙二号", "观众丙三号",
               "生活照", "组委会同意延期两天提交", *document["warnings"]]
    for name in ("page.html", "wechat.html"):
        page = html.unescape((out / name).read_text(encoding="utf-8"))
        assert "晨光里的声音" in page and "李明" in page  # the public part is there
        leaked = [text for text in private if text in page]
        assert not leaked, (name, leaked)
        assert not re.search(r"1[3-9]\d{9}", page)
    audit = html.unescape((out / "audit.html").read_text(encoding="utf-8"))
    missing = [text for text in private if text not in audit]
    assert not missing, missing
    assert "To review (" in audit and "Manual verdicts (2)" in audit and "judges who did not score it: 评委乙二号" in audit
    assert hashlib.sha256(rubric.read_bytes()).hexdigest() == document["rubric_sha256"]


def test_the_audit_page_shows_every_judges_sheet_with_the_dropped_ones_marked(cli, private_contest, tmp_path):
    rubric, data = private_contest
    trimmed = rubric.with_name("trimmed.yaml")
    trimmed.write_text(MINI_RUBRIC.replace("weight: 70%, criteria:", "weight: 70%, aggregation: trimmed_mean, "
                                                                     "criteria:", 1), encoding="utf-8")
    scores = (data / "scores.csv").read_text(encoding="utf-8")
    extra = "".join(f"experts,评委丁四号,{e},20,30,5\nexperts,评委戊五号,{e},29,48,10\n" for e in ("E1", "E2", "E3", "E4"))
    (data / "scores.csv").write_text(scores + extra, encoding="utf-8")
    code, _, err = cli("evaluate", trimmed, data, "--format", "json", "--audit", tmp_path / "audit.html")
    assert code == 0, err
    audit = (tmp_path / "audit.html").read_text(encoding="utf-8")
    e1 = audit.split("<summary>E1 ")[1].split("</details>")[0]
    for judge, marks in (("评委甲一号", ("28", "45", "9")), ("评委乙二号", ("27", "43", "9")),
                         ("评委丁四号", ("20", "30", "5")), ("评委戊五号", ("29", "48", "10"))):
        row = re.search(rf"<tr( class=\"dropped\")?><td>{judge}</td>(.*?)</tr>", e1)
        assert row and re.findall(r'<td class="num">([^<]*)</td>', row.group(2))[:3] == list(marks)
    dropped = re.findall(r'<tr class="dropped"><td>(.*?)</td>', e1)
    assert dropped == ["评委丁四号", "评委戊五号"]  # the lowest and the highest total; the middle two counted
    e3 = audit.split("<summary>E3 ")[1].split("</details>")[0]
    assert "judges who did not score it: 评委乙二号" in e3


def test_audit_refuses_to_overwrite_the_public_page_or_an_input(cli, private_contest, tmp_path):
    rubric, data = private_contest
    page = tmp_path / "page.html"
    code, _, err = cli("evaluate", rubric, data, "--output", page, "--audit", page)
    assert code == 2 and "--audit" in err and not page.exists()
    code, _, err = cli("evaluate", rubric, data, "--format", "json", "--audit", data / "entries.csv")
    assert code == 2 and "entries.csv" in err


def _docs_example() -> str:
    blocks = re.findall(r"```jinja\n(.*?)```", DOCS, re.S)
    assert len(blocks) == 1 and blocks[0].startswith("{# results.html.j2")
    return blocks[0]


def test_the_documented_example_template_replaces_the_page(cli, private_contest, tmp_path):
    rubric, data = private_contest
    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "results.html.j2").write_text(_docs_example(), encoding="utf-8")
    code, _, err = cli("evaluate", rubric, data, "--template", folder, "--output", tmp_path / "page.html")
    assert code == 0, err
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "<h1>小型比赛 获奖名单</h1>" in page and "晨光里的声音（李明，甲单位）" in page
    assert '<html lang="en">' in page  # t("page.lang"): the run's language (the tests run in English)
    assert "<svg class=\"breakdown\"" in page and "Ranking" not in page  # the shipped page is gone
    code, _, err = cli("evaluate", rubric, data, "--template", folder, "--format", "wechat",
                       "--output", tmp_path / "wechat.html")
    assert code == 0, err  # no wechat.html.j2 in the folder: the shipped one
    assert "Ranking" in (tmp_path / "wechat.html").read_text(encoding="utf-8")


def test_a_template_can_extend_a_shipped_one_and_override_the_audit_page(cli, private_contest, tmp_path):
    rubric, data = private_contest
    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "audit.html.j2").write_text("<p>核查 {{ rubric.sha256 }} {{ entries | length }} 件</p>\n",
                                          encoding="utf-8")
    code, _, err = cli("evaluate", rubric, data, "--template", folder, "--format", "html",
                       "--output", tmp_path / "page.html", "--audit", tmp_path / "audit.html")
    assert code == 0, err
    sha = hashlib.sha256(rubric.read_bytes()).hexdigest()
    assert (tmp_path / "audit.html").read_text(encoding="utf-8") == f"<p>核查 {sha} 4 件</p>\n"
    assert "<h2>Ranking</h2>" in (tmp_path / "page.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("template,line,words", [
    ("<html>\n<body>\n<h1>{{ contest.name | }}</h1>\n</body>\n", 3, "does not parse"),
    ("<html>\n{% for row in rows %}\n<p>{{ row.final }}</p>\n{% endif %}\n", 4, "endif"),
    ("<html>\n<body>\n<h1>{{ contest.titel }}</h1>\n</body>\n", 3, "a name the page does not give: 'dict object' "
                                                                   "has no attribute 'titel'"),
    ("<html>\n{% for row in rows %}\n<p>{{ row.entry.phone }}</p>\n{% endfor %}\n", 3, "phone"),
    ("<html>\n\n{{ no_such_thing }}\n", 3, "no_such_thing"),
    ("<p>\n{{ contest.name.__class__.__mro__ }}\n", 2, "__class__"),  # the sandbox: no way out to Python
    ("<p>\n{{ rows.append(1) }}\n", 2, "append"),
])
def test_a_broken_template_is_a_located_error_and_nothing_is_written(cli, private_contest, tmp_path, template, line,
                                                                       words):
    rubric, data = private_contest
    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "results.html.j2").write_text(template, encoding="utf-8")
    page, audit = tmp_path / "page.html", tmp_path / "audit.html"
    code, _, err = cli("evaluate", rubric, data, "--template", folder, "--output", page, "--audit", audit)
    assert code == 1, err
    assert f"{folder / 'results.html.j2'}:{line}: error:" in err and words in err, err
    assert "docs/templates.md" in err and "Traceback" not in err
    assert not page.exists() and not audit.exists()


def test_a_broken_template_is_reported_in_chinese_by_default(cli, private_contest, tmp_path):
    rubric, data = private_contest
    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "wechat.html.j2").write_text("<p>\n{{ contest.titel }}\n", encoding="utf-8")
    code, _, err = cli("evaluate", rubric, data, "--template", folder, "--format", "wechat", "--lang", "zh-CN")
    assert code == 1
    assert (f"{folder / 'wechat.html.j2'}:2: 错误：模板引用了页面没有的变量：'dict object' has no attribute 'titel'"
            in err), err
    assert "提示：模板可用的变量见 docs/templates.md" in err


def test_template_is_refused_for_a_format_without_templates(cli, private_contest, tmp_path):
    rubric, data = private_contest
    code, _, err = cli("evaluate", rubric, data, "--template", tmp_path, "--format", "csv")
    assert code == 2 and "--template" in err
    code, _, err = cli("evaluate", rubric, data, "--template", tmp_path / "nowhere", "--format", "html")
    assert code == 2


def _shown_breakdowns(page: str) -> list[tuple[str, str, list[str]]]:
    """(title, shown final, shown terms) of each winner's chart on the page."""
    found = []
    for figure in re.findall(r'<figure class="breakdown-entry">(.*?)</figure>', page, re.S):
        title = re.search(r"<strong>(.*?)</strong>", figure).group(1)
        final = re.search(r"final score <strong>([\d.]+)</strong>", figure).group(1)
        found.append((title, final, re.findall(r'<tspan font-weight="bold">([\d.]+)</tspan>', figure)))
    return found


def test_the_shown_terms_add_up_to_the_shown_final(cli, private_contest, tmp_path):
    rubric, data = private_contest
    code, document, err = cli("evaluate", rubric, data, "--format", "json")
    document = json.loads(document)
    code, page, err = cli("evaluate", rubric, data, "--format", "html")
    entries = {e["id"]: e for e in document["entries"]}
    charts = _shown_breakdowns(page)
    assert len(charts) == len(document["final_terms"]) == 4
    by_title = {e["title"]: e for e in document["entries"]}
    for title, final, terms in charts:
        entry = by_title[html.unescape(title)]
        exact_terms = [Fraction(t["value_exact"]) for t in document["final_terms"][entry["id"]]]
        assert sum(exact_terms) == Fraction(entry["final_exact"])  # the document's terms are exact
        assert [t["label"] for t in document["final_terms"][entry["id"]]][-1] == "规范性"
        assert len(terms) == len(exact_terms) and all(re.fullmatch(r"\d+\.\d{2}", t) for t in terms)
        assert sum(Fraction(t) for t in terms) == Fraction(final)  # shown terms add up to the shown final
        assert all(abs(Fraction(t) - e) < Fraction(1, 100) for t, e in zip(terms, exact_terms))
        assert entries[entry["id"]]["awards"]
    code, fragment, err = cli("evaluate", rubric, data, "--format", "wechat")
    for title, final, terms in charts:
        assert all(f"<strong>{t}</strong>" in fragment for t in terms)
    assert "<svg" not in fragment and "<style" not in fragment


def test_terms_are_rounded_to_sum_to_the_rounded_final():
    from rubric_engine.render.page import shown_parts

    thirds = [Fraction(1, 3)] * 3  # 0.33 + 0.33 + 0.33 would show 0.99 beside a final of 1.00
    assert shown_parts(thirds, Fraction(1), 2) == ["0.34", "0.33", "0.33"]
    assert shown_parts([Fraction(5615, 100), Fraction(8, 1), Fraction(2, 3)], Fraction(5615, 100) + 8 + Fraction(2, 3),
                       1) == ["56.1", "8.0", "0.7"]  # 64.8166… shows 64.8: the floors (64.7) lack one tenth,
    # which goes to the term that lost most (0.666… → 0.6 lost more than 56.15 → 56.1)
    assert shown_parts([Fraction(1, 8), Fraction(1, 8)], Fraction(1, 4), 0) == ["0", "0"]


@NEEDS_CHROMIUM
@pytest.mark.parametrize("width", [390, 1280])
def test_in_chromium_the_override_and_the_audit_page_fit(cli, private_contest, tmp_path, width):
    rubric, data = private_contest
    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "results.html.j2").write_text(_docs_example(), encoding="utf-8")
    page, audit = tmp_path / "custom.html", tmp_path / "audit.html"
    code, _, err = cli("evaluate", rubric, data, "--template", folder, "--output", page, "--audit", audit)
    assert code == 0, err
    layout = measure(page, width, tmp_path, winner="ol li")
    assert layout["inner"] == width and layout["scroll"] <= width, layout
    assert layout["winnerVisible"] and "晨光里的声音" in layout["winner"], layout
    assert layout["charts"] and all(c["inside"] and c["smallest"] >= 11 for c in layout["charts"]), layout
    layout = measure(audit, width, tmp_path, winner="table td", shot="audit")
    assert layout["inner"] == width and layout["scroll"] <= width, layout  # wide tables scroll in their box
    assert layout["winnerVisible"], layout


def test_a_long_panel_label_gets_a_line_of_its_own_and_markup_stays_text(cli, private_contest, tmp_path):
    rubric, data = private_contest
    rubric.write_text(MINI_RUBRIC.replace("label: 专业观众评分", "label: 专业观众与行业代表联合评分"), encoding="utf-8")
    entries = (data / "entries.csv").read_text(encoding="utf-8")
    (data / "entries.csv").write_text(entries.replace("一通电话", "<img src=x onerror=alert(1)>"), encoding="utf-8")
    code, page, err = cli("evaluate", rubric, data, "--format", "html")
    assert code == 0, err
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    chart = page.split('<svg class="breakdown"')[1].split("</svg>")[0]
    xs = {float(x) for x in re.findall(r'<text x="([\d.]+)"', chart)}
    assert xs == {14.0}  # one column: the long label does not run into its neighbour
    assert "专业观众与行业代表联合评分 <tspan" in chart
