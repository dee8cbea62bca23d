"""Issue 18, case 17: next year's edits of a rubric never pass silently (rubric/lint_next_year.py)."""
from __future__ import annotations

import pytest

from tests.conftest import MINI_RUBRIC, RUBRIC_2018


def validate(cli, tmp_path, text: str, *extra):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("validate", path, *extra)
    assert "Traceback" not in out + err and "internal error" not in err
    return code, err


def next_year(text: str) -> str:
    """What an organiser does first: the new deadline, nothing else."""
    return text.replace('deadline: "2018-11-10"   #', 'deadline: "2019-11-10"   #', 1)


def test_the_2018_rubric_has_none_of_these_problems(cli, tmp_path):
    code, err = validate(cli, tmp_path, RUBRIC_2018.read_text(encoding="utf-8"))
    assert code == 0, err
    assert "contest year" not in err and "stated twice" not in err and "not 100:" not in err


def test_a_deadline_changed_in_one_place_only_is_an_error(cli, tmp_path):
    text = next_year(RUBRIC_2018.read_text(encoding="utf-8"))
    code, err = validate(cli, tmp_path, text)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.strip() == 'deadline: "2018-11-10"')
    assert code == 1
    assert (f"r.yaml:{line}:17: error: check deadline has the deadline 2018-11-10, but contest.submission.deadline "
            "says 2019-11-10: one fact stated twice, changed in one place only?") in err, err
    code, err = validate(cli, tmp_path, text, "--lang", "zh-CN")
    assert "错误：检查 deadline 的截止日期 2018-11-10 与 contest.submission.deadline（2019-11-10）不一致" in err


def test_the_years_left_behind_are_warnings(cli, tmp_path):
    text = next_year(RUBRIC_2018.read_text(encoding="utf-8")).replace(
        'deadline: "2018-11-10"\n', 'deadline: "2019-11-10"\n')  # the check too: the error is gone
    code, err = validate(cli, tmp_path, text)
    assert code == 0, err
    lines = text.splitlines()

    def at(needle: str) -> int:
        return next(i for i, l in enumerate(lines, 1) if needle in l)

    for needle, what in (('opens: "2018-10-20"', "this date is in 2018"), ('closes: "2018-10-26"', "this date is in 2018"),
                         ("于2018年11月10日前提交作品", "this text mentions 2018"),
                         ("period: 2018年9月-11月", "this text mentions 2018")):
        assert f"r.yaml:{at(needle)}:" in err and what in err, (needle, err)
    assert "but the contest year is 2019 (the year of contest.submission.deadline)" in err
    assert "800字-1200字" in text and "mentions 1200" not in err  # a word count is not a year
    code, err = validate(cli, tmp_path, text, "--strict")
    assert code == 1


def test_a_year_in_the_schedule_and_notes_is_checked(cli, tmp_path):
    text = MINI_RUBRIC.replace('submission: {deadline: "2018-11-10"}}',
                               'submission: {deadline: "2018-11-10"}, notes: [2017年的获奖作品不得参赛],'
                               ' schedule: [{item: 颁奖, when: 2019年1月}]}')
    code, err = validate(cli, tmp_path, text)
    assert code == 0 and "mentions 2017" in err and "mentions 2019" in err, err


def test_a_voting_window_outside_the_contest_period_is_a_warning(cli, tmp_path):
    text = MINI_RUBRIC.replace('timezone: "+08:00",', 'timezone: "+08:00", period: 2018年9月-11月,').replace(
        'closes: "2018-10-26"', 'closes: "2018-12-26"')
    code, err = validate(cli, tmp_path, text)
    assert code == 0
    assert "the voting date 2018-12-26 is outside the contest period (2018-09-01 to 2018-11-30)" in err, err


def test_a_panel_maximum_other_than_100_is_a_note_in_validate_and_show(cli, tmp_path):
    text = MINI_RUBRIC.replace("  - {id: innovation, label: 创新性, max: 10}\n",
                               "  - {id: innovation, label: 创新性, max: 10}\n  - {id: style, label: 文采, max: 10}\n"
                               ).replace("criteria: [conformity, content, thought, innovation]}",
                                         "criteria: [conformity, content, thought, innovation, style]}", 1)
    code, err = validate(cli, tmp_path, text)
    assert code == 0
    assert "r.yaml:13:5: note: 专家评分's highest score is 110, not 100: the final scales it (÷ 110 × 100)" in err, err
    assert "declare max: 110" in err and "专业观众评分's highest" not in err  # that one is still 100
    code, out, err = cli("show", tmp_path / "r.yaml")
    assert code == 0 and "专家评分's highest score is 110" in err
    declared = text.replace("criteria: [conformity, content, thought, innovation, style]}",
                            "criteria: [conformity, content, thought, innovation, style], max: 110}", 1)
    code, err = validate(cli, tmp_path, declared)
    assert code == 0 and "highest score is 110" not in err


def test_a_declared_maximum_that_is_not_the_derived_one_is_an_error(cli, tmp_path):
    text = MINI_RUBRIC.replace("criteria: [conformity, content, thought, innovation]}",
                               "criteria: [conformity, content, thought, innovation], max: 100}", 1).replace(
        "{id: innovation, label: 创新性, max: 10}", "{id: innovation, label: 创新性, max: 20}")
    code, err = validate(cli, tmp_path, text)
    assert code == 1 and "error: 专家评分 declares max: 100, but its criteria add up to 110" in err, err


def test_vote_panels_get_no_maximum_note(cli, tmp_path):
    code, err = validate(cli, tmp_path, MINI_RUBRIC)  # the vote panel's maximum is 20
    assert code == 0 and "highest score" not in err


@pytest.mark.parametrize("table,words", [
    ('"1 -> 20; 2..4 -> 18; 5..7 -> 16; 8..10 -> 14; 11..14 -> 10; 16.. -> 9"', "no points for rank 15"),
    ('"1 -> 20; 2..4 -> 18; 4..7 -> 16; 8..10 -> 14; 11..20 -> 10; 21.. -> 9"', "rank 4 is covered by more than one"),
])
def test_a_rank_table_gap_or_overlap_is_an_error(cli, tmp_path, table, words):
    text = MINI_RUBRIC.replace('"1 -> 20; 2..4 -> 18; 5..7 -> 16; 8..10 -> 14; 11..20 -> 10; 21.. -> 9"', table)
    code, err = validate(cli, tmp_path, text)
    assert code == 1 and f"error: 网络投票得分: {words}" in err, err


def test_a_rank_table_without_an_open_last_rule_warns_and_later_ranks_get_0(cli, tmp_path, contest):
    text = MINI_RUBRIC.replace('"1 -> 20; 2..4 -> 18; 5..7 -> 16; 8..10 -> 14; 11..20 -> 10; 21.. -> 9"', '"1 -> 20; 2 -> 10"')
    code, err = validate(cli, tmp_path, text)
    assert code == 0 and "warning: 网络投票得分: no points for ranks 3 and beyond" in err, err
    from rubric_engine.language import compile_rank_table

    table = compile_rank_table("1 -> 20; 2 -> 10")
    assert [table.points(rank) for rank in (1, 2, 3, 99)] == [20, 10, 0, 0]
