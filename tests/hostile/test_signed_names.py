"""Issue 18, case 15: a unit or author signed by a short name, an abbreviation or in another word order
is `review` with the reason — a person reads them as the same — never `fail`; an unrelated one still fails."""
from __future__ import annotations

from tests.checks.test_article import title

UNIT, PEOPLE = "中国电信股份有限公司广州分公司", "欧阳娜娜"


def signed(author: str, unit: str) -> list:
    return [title(), "好" * 900, f"作者：{author}", "联系电话：13800138000", f"工作单位：{unit}"]


def test_short_names_are_review_and_unrelated_names_fail(tmp_path, cli):
    from tests.checks.test_article import check

    verdicts = check(tmp_path, cli, [
        signed(PEOPLE, "中国电信广州分公司"),               # the unit's everyday short name
        signed("欧阳娜", UNIT),                            # the author's name shortened
        signed(PEOPLE, "广州分公司中国电信股份有限公司"),   # the same characters, another order
        signed(PEOPLE, "中国移动广州分公司"),               # another company: 移动 is not in the unit
        signed("李四", "中国电信广州分公司"),               # another person: fails, the unit's note kept
        signed(PEOPLE, UNIT),
    ], people=PEOPLE, unit=UNIT)
    got = {entry: v["signature"] for entry, v in verdicts.items()}
    assert [got[f"E{n}"]["status"] for n in range(1, 7)] == ["review", "review", "review", "fail", "fail", "pass"]
    assert got["E1"]["reason"].startswith(
        "署名单位「中国电信广州分公司」与参赛单位「中国电信股份有限公司广州分公司」只差简称、缩写或词序：请人工确认是否同一")
    assert got["E2"]["reason"].startswith("署名作者「欧阳娜」与参赛人员「欧阳娜娜」只差简称、缩写或词序")
    assert got["E3"]["reason"].startswith("署名单位「广州分公司中国电信股份有限公司」与参赛单位")
    assert got["E4"]["reason"].startswith("署名单位「中国移动广州分公司」与参赛单位「中国电信股份有限公司广州分公司」不符")
    assert got["E5"]["reason"].startswith("署名作者「李四」不是参赛人员「欧阳娜娜」")
    assert "署名单位「中国电信广州分公司」与参赛单位「中国电信股份有限公司广州分公司」只差简称" in got["E5"]["reason"]


def test_the_rule_by_itself():
    from rubric_engine.builtins.file_checks import _same_name_written_shorter as same

    assert same("中国电信广州分公司", UNIT) and same(UNIT, "中国电信广州分公司")  # either may be the shorter
    assert same("Wang Fang", "fang wang") and same("广州 电信", "电信广州")
    assert not same("中国移动广州分公司", UNIT) and not same("深圳移动", "广州电信")
    assert not same("王", "王芳")  # one character is no name
