"""Ready to publish (issue 17): award lists in rank order, the notice with its 公示 block, winners only.

On the bundled example in zh-CN (what an organiser publishes), with the English twins.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import RUBRIC_2018

FIRST, SECOND = ["E055", "E018"], ["E005", "E057", "E045", "E048", "E009", "E038"]  # by rank, not by id


def _run(*args):
    from rubric_engine.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def published(checked_example, tmp_path_factory):
    """The example's page, fragment, JSON and terminal table in zh-CN (and the page in English)."""
    out = tmp_path_factory.mktemp("publish")
    common = [RUBRIC_2018, checked_example.folder, "--verdicts", checked_example.verdicts]
    made = {}
    for fmt, name, lang in (("html", "page.html", "zh-CN"), ("wechat", "wechat.html", "zh-CN"),
                            ("json", "result.json", "zh-CN"), ("html", "page-en.html", "en"),
                            ("wechat", "wechat-en.html", "en")):
        result = _run("evaluate", *common, "--format", fmt, "--output", out / name, "--lang", lang)
        assert result.exit_code == 0, result.stderr
        made[name] = (out / name).read_text(encoding="utf-8")
    made["document"] = json.loads(made["result.json"])
    made["table"] = _run("evaluate", *common, "--lang", "zh-CN").stdout
    return made


def _awards_part(page: str) -> str:
    return page.split('<section class="notice">')[0]


def test_json_winners_are_in_rank_order_then_id(published):
    awards = {a["id"]: a for a in published["document"]["awards"]}
    ranks = {e["id"]: e["rank"] for e in published["document"]["entries"]}
    assert awards["first"]["winners"] == FIRST and awards["second"]["winners"] == SECOND
    third = awards["third"]["winners"]
    assert [ranks[w] for w in third] == sorted(ranks[w] for w in third)
    assert third[-2:] == ["E041", "E060"] and ranks["E041"] == ranks["E060"] == 20  # the tie: by id
    assert awards["third"]["tied"] == ["E041", "E060"] and awards["first"]["tied"] == []
    assert all(a["ordered"] for a in awards.values() if a["subject"] == "entries")


def test_unit_awards_marked_unordered_list_their_winners_by_id(published):
    units = [a for a in published["document"]["awards"] if a["subject"] == "units"]
    assert units and all(a["ordered"] is False and a["winners"] == sorted(a["winners"]) for a in units)
    for page in (published["page.html"], published["wechat.html"]):
        assert page.count("（排名不分先后）") == len(units)
    assert published["page-en.html"].count("(in no particular order)") == len(units)


def test_the_page_and_the_fragment_list_winners_in_rank_order(published):
    document = published["document"]
    titles = {e["id"]: e["title"] for e in document["entries"]}
    for name in ("page.html", "wechat.html"):
        part = _awards_part(published[name]).split("获奖作品得分构成")[0]
        for winners in (FIRST, SECOND):
            positions = [part.index(f"<strong>{titles[w]}</strong>") for w in winners]
            assert positions == sorted(positions), (name, winners)


def test_the_terminal_awards_table_lists_winners_in_rank_order(published):
    assert "E055、E018" in published["table"] or re.search(r"E055\s*、?\s*\n?.*E018", published["table"])
    assert "E018、E055" not in published["table"]


def test_a_tie_is_marked_and_said(published):
    page = published["page.html"]
    third = _awards_part(page).split("“最美客服人”三等奖")[1].split('<section class="award">')[0]
    assert third.count('<span class="tied">并列</span>') == 2
    assert "“最美客服人”三等奖设12名，因末位并列，共13名获奖。" in page
    assert "“最美客服人”三等奖设12名，因末位并列，共13名获奖。" in published["wechat.html"]
    assert "13 winners because of a tie at the last place" in published["page-en.html"]
    assert ">tied</span>" in published["page-en.html"]


def test_the_notice_names_the_organisers_the_date_the_objection_period_and_who_signs(published):
    for name in ("page.html", "wechat.html"):
        page = published[name]
        assert "主办单位：广东省服务外包产业促进会" in page
        assert "承办单位：广州服务贸易与服务外包行业协会呼叫中心与客户关系管理专业委员会、佛山市服务贸易和外包协会" in page
        assert "公布日期：2018年11月26日" in page
        # 5 working days from the day after Monday 26 November: Tue 27 … Mon 3 December (the weekend skipped)
        assert "公示期为5个工作日，自2018年11月27日至2018年12月3日。" in page
        assert "公示期内如有异议，请向大赛组委会（邮箱 gzsoa2010@vip.163.com）提出。" in page
        assert "单位提出的异议须加盖本单位公章；个人提出的异议须署真实姓名并注明联系方式。" in page
        signed = page.split("广东省服务外包产业促进会<br>")[-1]
        assert signed.startswith("2018年11月26日")  # 落款: the 主办单位, then the date
    english = published["page-en.html"]
    assert "Published 2018-11-26" in english and "from 2018-11-27 to 2018-12-03" in english
    assert "5 working days" in english


def test_no_process_notes_on_a_public_page(published):
    for name in ("page.html", "wechat.html", "page-en.html", "wechat-en.html"):
        page = published[name]
        assert "人工判定" not in page and "manual verdict" not in page  # the counts stay on the audit page
        assert "取整" not in page and "rounded to the shown decimals" not in page


def test_a_vote_count_is_labelled_as_votes_not_as_a_score(published):
    page = published["page.html"]
    header = page.split("<thead>")[1].split("</thead>")[0]
    assert "<th>得票数</th>" in header and "网络投票得分（票数）" not in page
    assert re.search(r'data-label="得票数">\d+<', page)
    rows = published["wechat.html"].split("成绩排名")[1].split("＊ ")[0]
    assert "得票数 " in rows and "网络投票得分 " not in rows
    assert "<th>Votes</th>" in published["page-en.html"]


def _variant(tmp_path: Path, **publication) -> Path:
    data = yaml.safe_load(RUBRIC_2018.read_text(encoding="utf-8"))
    if publication.pop("drop", False):
        data.pop("publication", None)
    else:
        data["publication"] = {**data["publication"], **publication}
    path = tmp_path / "rubric.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_date_option_overrides_the_rubric_and_final_warns_without_a_date(checked_example, tmp_path):
    rubric = _variant(tmp_path, drop=True)
    common = [rubric, checked_example.folder, "--lang", "zh-CN"]  # its own rubric: the checks run (cache warm)
    out = tmp_path / "page.html"
    undated = _run("evaluate", *common, "--final", "--output", out)
    assert "没有公布日期" in undated.stderr and "publication.date" in undated.stderr and "--date" in undated.stderr
    dated = _run("evaluate", *common, "--date", "2018-11-30", "--output", out)
    assert "没有公布日期" not in dated.stderr
    page = out.read_text(encoding="utf-8")
    assert "公布日期：2018年11月30日" in page and "公示期" not in page  # no publication: key, no 公示 block
    assert "主办单位：广东省服务外包产业促进会" in page and "广东省服务外包产业促进会<br>2018年11月30日" in page
    bad = _run("evaluate", *common, "--date", "2018-13-01", "--output", out)
    assert bad.exit_code == 2 and "2018-13-01" in bad.stderr and "YYYY-MM-DD" in bad.stderr
    english = _run("evaluate", rubric, checked_example.folder,
                   "--final", "--output", out, "--lang", "en")
    assert "no publication date" in english.stderr


def test_the_same_inputs_give_the_same_bytes_whatever_the_day(checked_example, tmp_path):
    common = [RUBRIC_2018, checked_example.folder, "--verdicts", checked_example.verdicts, "--lang", "zh-CN"]
    one, two = tmp_path / "one.html", tmp_path / "two.html"
    assert _run("evaluate", *common, "--output", one).exit_code == 0
    assert _run("evaluate", *common, "--output", two).exit_code == 0
    assert one.read_bytes() == two.read_bytes()
    assert dt.date.today().strftime("%Y年%-m月%-d日") not in one.read_text(encoding="utf-8") \
        or dt.date.today() == dt.date(2018, 11, 26)


def test_winners_only_leaves_out_the_entries_that_won_nothing(published, checked_example, tmp_path):
    document = published["document"]
    losers = [e for e in document["entries"] if not e["awards"]]
    winners = [e for e in document["entries"] if e["awards"]]
    out = tmp_path / "winners.html"
    result = _run("evaluate", RUBRIC_2018, checked_example.folder, "--verdicts", checked_example.verdicts,
                  "--winners-only", "--output", out, "--lang", "zh-CN")
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    ranking = page.split("<h2>成绩排名</h2>")[1]
    assert all(e["title"] in ranking for e in winners)
    assert not [e["id"] for e in losers if f">{e['title']}<" in page]
    assert 'class="chart"' not in page  # the finals of every entry: not when only the winners are published


def test_the_rubric_schema_takes_publication_and_ordered(tmp_path):
    from rubric_engine.errors import RubricEngineError
    from rubric_engine import load_rubric

    rubric = load_rubric(_variant(tmp_path, holidays=["2018-11-29"], workdays=["2018-12-01"],
                                  signed_by=["大赛组委会"])).rubric
    assert rubric.publication.days == 5 and rubric.publication.working_days
    assert rubric.publication.holidays == {dt.date(2018, 11, 29)} and rubric.publication.signed_by == ("大赛组委会",)
    assert [a.ordered for a in rubric.awards if a.subject == "units"] == [False] * 3
    with pytest.raises(RubricEngineError) as raised:
        load_rubric(_variant(tmp_path, day=3))
    assert "rubric.yaml:" in str(raised.value) and "'day'" in str(raised.value)  # located, the key named


@pytest.fixture(scope="module")
def page_files(published, tmp_path_factory):
    out = tmp_path_factory.mktemp("shots")
    files = {}
    for name in ("page.html", "wechat.html"):
        (out / name).write_text(published[name], encoding="utf-8")
        files[name] = out / name
    return files


@pytest.mark.skipif(__import__("shutil").which("chromium") is None and __import__("shutil").which("chromium-browser")
                    is None, reason="headless Chromium is not installed (Debian: apt-get install chromium "
                                    "fonts-noto-cjk; .ci/run installs it)")
@pytest.mark.parametrize("width", [390, 1280])
def test_in_chromium_the_notice_and_its_signature_fit_the_screen(page_files, tmp_path, width):
    from tests.render.test_page import measure

    layout = measure(page_files["page.html"], width, tmp_path, winner=".notice .signed")
    assert layout["scroll"] <= layout["inner"] == width, layout
    assert layout["winnerVisible"] and "广东省服务外包产业促进会" in layout["winner"], layout
    fragment = measure(page_files["wechat.html"], width, tmp_path, winner="section section p[style*='right']",
                       shot="wechat")
    assert fragment["scroll"] <= width and "2018年11月26日" in fragment["winner"], fragment
