"""Issue 18, case 12: judge, panel and entry keys are folded (NFKC, format characters removed), a merge
is a warning naming both spellings, and a judge spelt two ways gets a did-you-mean."""
from __future__ import annotations

import json

import pytest

from rubric_engine.io.keys import FORMAT_CHARACTERS, escaped, fold_key
from tests.conftest import write_csv


def _evaluate(cli, mini_rubric, folder):
    code, out, err = cli("evaluate", mini_rubric, folder, "--format", "json")
    assert "Traceback" not in err and "internal error" not in err
    return code, out, err


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u2060", "\u200d"])
def test_a_judge_differing_by_an_invisible_character_is_the_same_judge(contest, mini_rubric, cli, invisible):
    contest.entry("E1").entry("E2").vote("E1", 3).vote("E2", 2)
    contest.sheet("experts", "专家3", "E1", 20, 30, 5).sheet("experts", f"专家3{invisible}", "E1", 28, 45, 9)
    contest.sheet("experts", "专家3", "E2", 20, 30, 5)
    contest.marks("E1", (20, 30, 5)).marks("E2", (20, 30, 5))
    code, out, err = _evaluate(cli, mini_rubric, contest.write())
    # one judge's two sheets of one entry: a located error, never a second judge moving the mean
    assert code == 1 and "scores.csv:3:" in err, err
    assert f"专家3{escaped(invisible)}" in err and invisible not in err


def test_a_full_width_digit_merges_with_a_warning_naming_both(contest, mini_rubric, cli):
    contest.entry("E1").entry("E2").vote("E1", 3).vote("E2", 2)
    contest.sheet("experts", "专家3", "E1", 20, 30, 5).sheet("experts", "专家３", "E2", 20, 30, 5)
    contest.sheet("audience", "A1", "E1", 20, 30, 5).sheet("audience", "A1", "E2", 20, 30, 5)
    code, out, err = _evaluate(cli, mini_rubric, contest.write())
    assert code == 0, err
    assert ("scores.csv:3:2: warning: judge '专家３' differs from the earlier '专家3' only by invisible characters "
            "or full-width forms: both count as '专家3'") in err, err


def test_an_entry_key_with_a_zero_width_space_is_the_entry(contest, mini_rubric, cli):
    contest.entry("E1").vote("E1", 3)
    contest.sheet("experts", "X1", "E1\u200b", 20, 30, 5).sheet("audience", "A1", "\uff25\uff11", 20, 30, 5)
    code, out, err = _evaluate(cli, mini_rubric, contest.write())
    assert code == 0, err
    entry = json.loads(out)["entries"][0]
    assert entry["id"] == "E1" and entry["panels"]["experts"]["score_exact"] != "0"


def test_a_judge_spelt_differently_on_one_row_gets_a_did_you_mean(contest, mini_rubric, cli):
    for entry_id in ("E1", "E2", "E3", "E4"):
        contest.entry(entry_id).vote(entry_id, 3)
        for judge in ("专家1", "专家2"):
            contest.sheet("experts", judge, entry_id, 20, 30, 5)
        contest.sheet("experts", "专家三" if entry_id == "E4" else "专家3", entry_id, 20, 30, 5)
        contest.sheet("audience", "A1", entry_id, 20, 30, 5)
    code, out, err = _evaluate(cli, mini_rubric, contest.write())
    assert code == 0, err
    assert ("warning: 专家评分: judge '专家三' scored 1 entries, exactly those judge '专家3' did not: "
            "one judge spelt two ways?") in err, err
    assert "did you mean '专家3'?" in err


def test_a_checks_table_entry_key_is_folded(contest, mini_rubric, cli):
    contest.entry("E1").vote("E1", 3).marks("E1", (20, 30, 5)).verdict("E1\u2060", "work_photo", "fail", "生活照")
    code, out, err = _evaluate(cli, mini_rubric, contest.write())
    assert code == 0, err
    assert json.loads(out)["entries"][0]["conformity"]["violations"] == ["work_photo"]


def test_fold_key_removes_every_format_character():
    import unicodedata

    missing = [hex(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"
               and not FORMAT_CHARACTERS.match(chr(c))]
    assert missing == []
    assert fold_key("专家\u200b３\ufeff") == "专家3" and fold_key("E1") == "E1"


def test_the_terminal_writes_invisible_characters_out():
    from rubric_engine.render.terminal import visible

    assert visible("专家3\u200b") == "专家3\\u200b" and visible("a\ufeffb\u2060") == "a\\ufeffb\\u2060"
