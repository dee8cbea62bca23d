"""``--output 公告.docx``: the results notice as Word, titled in 黑体 and set in 仿宋, reopened with python-docx."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.conftest import RUBRIC_2018


@pytest.fixture(scope="module")
def notices(checked_example, tmp_path_factory):
    from rubric_engine.cli import app

    out = tmp_path_factory.mktemp("docx")
    made = {}
    for name, lang in (("公告.docx", "zh-CN"), ("again.docx", "zh-CN"), ("notice-en.docx", "en")):
        result = CliRunner().invoke(app, ["evaluate", str(RUBRIC_2018), str(checked_example.folder), "--verdicts",
                                          str(checked_example.verdicts), "--output", str(out / name), "--lang", lang],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        made[name] = out / name
    return made


def _east_asian(run) -> str:
    from docx.oxml.ns import qn

    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_notice_reads_back_with_its_title_winners_in_rank_order_and_the_objection_period(notices):
    from docx import Document

    doc = Document(str(notices["公告.docx"]))
    lines = [p.text for p in doc.paragraphs]
    text = "\n".join(lines)
    assert lines[0] == "2018年度“最美客服人”征文大赛获奖名单公告"
    assert "主办单位：广东省服务外包产业促进会" in lines
    first = lines.index("“最美客服人”一等奖（2名）")
    assert lines[first + 1].startswith("1. 《不挂断的坚守的守望一》") and lines[first + 2].startswith("2. 《那一声谢谢世界变更美》")
    assert "《坐席上的青春的故事》　周雨　广州移动客户服务中心（并列）" in text
    assert "“最美客服人”三等奖设12名，因末位并列，共13名获奖。" in lines
    assert "最佳团队奖（3名）（排名不分先后）" in lines
    assert "公示期为5个工作日，自2018年11月27日至2018年12月3日。公示期内如有异议，请向大赛组委会（邮箱 gzsoa2010@vip.163.com）提出。" in lines
    assert lines[-2:] == ["广东省服务外包产业促进会", "2018年11月26日"]
    assert "人工判定" not in text and "取整" not in text


def test_the_title_is_in_heiti_and_the_body_in_fangsong(notices):
    from docx import Document

    doc = Document(str(notices["公告.docx"]))
    paragraphs = [p for p in doc.paragraphs if p.runs]
    title = paragraphs[0].runs[0]
    assert _east_asian(title) == "黑体" and title.font.size.pt == 22
    body = [p for p in paragraphs if p.text.startswith("经评审")][0].runs[0]
    assert _east_asian(body) == "仿宋" and body.font.size.pt == 16  # 仿宋 三号, as the plan asks of an article
    headings = [p.runs[0] for p in paragraphs if p.text.startswith("“最美客服人”一等奖（")]
    assert headings and _east_asian(headings[0]) == "黑体"
    assert {_east_asian(p.runs[0]) for p in paragraphs} == {"黑体", "仿宋"}


def test_the_same_inputs_give_the_same_bytes(notices):
    assert notices["公告.docx"].read_bytes() == notices["again.docx"].read_bytes()


def test_the_english_twin(notices):
    from docx import Document

    text = "\n".join(p.text for p in Document(str(notices["notice-en.docx"])).paragraphs)
    assert "2018年度“最美客服人”征文大赛: the winners" in text
    assert "Objections may be raised for 5 working days, from 2018-11-27 to 2018-12-03." in text
    assert "(in no particular order)" in text and " (tied)" in text
