"""The page, the WeChat fragment and the audit page speak the run's language: the UI words come
from the catalogue (zh-CN or en), the data (names, titles, units, the rubric's labels) stays as written."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rubric_engine.messages import catalogue
from tests.conftest import RUBRIC_2018, ROOT
from tests.render.test_templates_and_audit import private_contest  # noqa: F401 - a fixture

TEMPLATES = ROOT / "rubric_engine" / "render" / "templates"
CHINESE = re.compile(r"[\u4e00-\u9fff]+")


def _render(rubric: Path, folder: Path, verdicts: Path, out: Path, *lang: str) -> dict[str, str]:
    """The page, the fragment, the audit page and the JSON document of one run, as text."""
    from rubric_engine.cli import app

    out.mkdir(parents=True, exist_ok=True)
    made = {}
    for fmt, extra in (("html", ()), ("wechat", ()), ("json", ("--audit", str(out / "audit.html")))):
        path = out / f"{fmt}.out"
        result = CliRunner().invoke(app, ["evaluate", str(rubric), str(folder), "--verdicts", str(verdicts),
                                          "--format", fmt, "--output", str(path), *extra, *lang],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        made[fmt] = path.read_text(encoding="utf-8")
    made["audit"] = (out / "audit.html").read_text(encoding="utf-8")
    return made


@pytest.fixture(scope="module")
def english(checked_example, tmp_path_factory):
    return _render(RUBRIC_2018, checked_example.folder, checked_example.verdicts,
                   tmp_path_factory.mktemp("english"), "--lang", "en")


def _page_keys() -> set[str]:
    """The catalogue keys the shipped templates and the page's Python use."""
    keys = set()
    for template in TEMPLATES.glob("*.j2"):
        keys |= set(re.findall(r'(?<![\w.])t\("([\w.]+)"', template.read_text(encoding="utf-8")))
    return keys | {"page.tie.votes", "page.tie.rank", "page.heading.finals"}


def _chinese_ui_words() -> set[str]:
    zh = catalogue("zh-CN")
    return {word for key in _page_keys() for word in CHINESE.findall(zh[key])}


def test_the_templates_use_only_keys_the_catalogue_has_in_both_languages():
    keys = _page_keys()
    assert len(keys) > 40
    assert not [key for key in keys if key not in catalogue("zh-CN") or key not in catalogue("en")]
    for template in TEMPLATES.glob("*.j2"):  # no Chinese UI word written into a shipped template
        assert not CHINESE.search(template.read_text(encoding="utf-8")), template.name


def test_with_lang_en_the_ui_words_are_english(english):
    page, fragment, audit = english["html"], english["wechat"], english["audit"]
    assert '<html lang="en">' in page and '<html lang="en">' in audit
    for heading in ("Awards", "How the winners' final scores are made up", "Final scores", "Ranking"):
        assert f"<h2>{heading}</h2>" in page
    assert "<th>Rank</th><th>Title</th><th>Participants</th><th>Unit</th>" in page
    assert 'data-label="Final score"' in page and 'content: attr(data-label) ": "' in page
    assert 'aria-label="Final scores"' in page  # the finals chart
    assert "Provisional results: " in page and " <small>to review</small>" in page
    assert "tie-break rule" in page and "网络投票得分 votes" in page  # a vote panel in the chain: its label, English words
    assert re.search(r" · final score <strong>[\d.]+</strong>", page)
    for words in (">Awards</h2>", ">Ranking</h2>", "Provisional results: ", " votes"):
        assert words in fragment
    for words in ("<h2>Input files</h2>", "<td>Rubric</td>", "<h2>Warnings (", "<h2>Manual verdicts (",
                  "<h2>Conformity: violations and waivers</h2>", "<h2>Score details</h2>", "<th>Judge</th>",
                  "<th>Judge's total</th>", "not for publishing", "final score ", "(the mean of the judges' totals)"):
        assert words in html.unescape(audit), words


def test_with_lang_en_no_chinese_ui_word_remains(english):
    """Every Chinese word of the zh-CN texts the pages use is gone, unless the data itself has it
    (a title, a unit, a label of the rubric: the data stays as written)."""
    words = _chinese_ui_words()
    assert {"获奖名单", "成绩排名", "最终得分", "评审委员会核查页", "未评分的评委"} <= words
    data = english["json"] + "".join(path.read_text(encoding="utf-8")
                                     for path in (ROOT / "examples" / "2018_mzkfr").glob("*.csv"))
    for name in ("html", "wechat", "audit"):
        left = sorted(word for word in words if word in english[name] and word not in data)
        assert not left, (name, left)
    document = json.loads(english["json"])
    first_award = document["awards"][0]["name"]
    assert CHINESE.search(first_award) and first_award in english["html"] and first_award in english["wechat"]


def test_the_rubric_language_en_gives_the_english_page(private_contest, tmp_path):
    """No --lang: the rubric's `language: en` chooses English; --lang zh-CN still wins over it."""
    from rubric_engine.cli import app

    rubric, data = private_contest
    rubric.write_text(re.sub(r"^contest:", "language: en\ncontest:", rubric.read_text(encoding="utf-8"), count=1,
                             flags=re.M), encoding="utf-8")
    for lang, words in (((), ('<html lang="en">', "<h2>Ranking</h2>", "<h2>Score details</h2>")),
                        (("--lang", "zh-CN"), ('<html lang="zh-CN">', "<h2>成绩排名</h2>", "<h2>评分明细</h2>"))):
        page, audit = tmp_path / "page.html", tmp_path / "audit.html"
        result = CliRunner().invoke(app, ["evaluate", str(rubric), str(data), "--output", str(page),
                                          "--audit", str(audit), *lang], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        shown = page.read_text(encoding="utf-8") + audit.read_text(encoding="utf-8")
        assert all(word in shown for word in words), (lang, words)


def test_t_escapes_its_fields_and_keeps_the_catalogues_markup(tmp_path):
    from rubric_engine.render.templating import render_template

    (tmp_path / "x.html.j2").write_text('{{ t("page.breakdown.caption", title=title, awards=["一等奖", "优秀奖"] | listed, '
                                        'final="90.00") }}', encoding="utf-8")
    out = render_template("x.html.j2", {"title": "<b>A & B</b>"}, tmp_path)
    assert out == "<strong>&lt;b&gt;A &amp; B&lt;/b&gt;</strong> · 一等奖, 优秀奖 · final score <strong>90.00</strong>"


def test_the_documented_t_calls_say_what_the_catalogue_says():
    docs = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    rows = re.findall(r'^\| `t\("([\w.]+)"(, [^`]*)?\)` \| ([^|]+) \| ([^|]+) \|$', docs, re.M)
    assert len(rows) >= 5
    for key, fields, zh, en in rows:
        assert key in catalogue("zh-CN") and key in catalogue("en"), key
        if not fields:  # a call without fields: the table shows the whole text
            assert (catalogue("zh-CN")[key], catalogue("en")[key]) == (zh.strip(), en.strip()), key
