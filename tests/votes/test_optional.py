"""No votes file with a vote panel (an error unless voting: {optional: true}), a table name no
reader knows (a warning), and ``evaluate --final`` with a judged panel that has no marks."""
from __future__ import annotations

import pytest

from rubric_engine import load_rubric
from rubric_engine.errors import DataInputError
from rubric_engine.io.data import read_data
from tests.conftest import MINI_RUBRIC, evaluate_json, write_csv

OPTIONAL = MINI_RUBRIC.replace('voting:\n  opens: "2018-10-20"\n', 'voting:\n  optional: true\n  opens: "2018-10-20"\n')


def two_entries(contest):
    # experts 25+40+8 = 73 and 20+30+5 = 55; audience the same
    return contest.entry("E1").marks("E1", (25, 40, 8)).entry("E2").marks("E2", (20, 30, 5)).write()


def rubric_file(tmp_path, text):
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_votes_file_with_a_vote_panel_is_an_error_naming_the_folder_and_the_fix(tmp_path, contest):
    from rubric_engine.engine.scoring import require_votes

    folder = two_entries(contest)
    rubric = load_rubric(rubric_file(tmp_path, MINI_RUBRIC)).rubric
    data = read_data(folder, rubric)  # reading (and so `check`) is fine: checks run before the vote closes
    with pytest.raises(DataInputError) as caught:
        require_votes(rubric, data)  # what evaluate asks first
    (problem,) = caught.value.problems
    assert problem.code.startswith("data.votes_file")
    assert problem.location.file == str(folder)
    assert "网络投票得分" in problem.text and "votes.csv" in problem.text and "投票.xlsx" in problem.text
    assert "optional: true" in str(problem.hint)


def test_the_cli_says_it_without_a_traceback_and_check_still_runs(tmp_path, contest, cli):
    folder = two_entries(contest)
    rubric = rubric_file(tmp_path, MINI_RUBRIC)
    for command in (("evaluate",), ("explain", "E1")):
        code, out, err = cli(command[0], rubric, folder, *command[1:])
        assert code != 0 and "Traceback" not in err
        assert str(folder) in err and "votes.csv" in err and "optional: true" in err
    code, _, err = cli("check", rubric, folder)
    assert code == 0, err


def test_optional_voting_gives_every_entry_0_vote_points_and_leaves_the_vote_awards_vacant(tmp_path, contest):
    folder = two_entries(contest)
    document = evaluate_json(rubric_file(tmp_path, OPTIONAL), folder)
    finals = {e["id"]: (e["panels"]["online"]["points"], e["final"]) for e in document["entries"]}
    assert {entry: points for entry, (points, _) in finals.items()} == {"E1": 0, "E2": 0}
    expert = {e["id"]: e["panels"]["experts"]["score"] for e in document["entries"]}
    # final = 70 % × experts + 10 % × audience (the same sheets) + 20 % × 0 vote points
    assert finals["E1"][1] == pytest.approx(0.8 * expert["E1"]) and finals["E2"][1] == pytest.approx(0.8 * expert["E2"])
    awards = {a["id"]: a for a in document["awards"]}
    for award in ("popularity", "style", "image", "creativity"):
        assert awards[award]["winners"] == []
        assert [n["code"] for n in awards[award]["notes"]] == ["plugins.most_votes.no_votes_file"]
    assert any("网络投票得分" in warning and "optional" in warning for warning in map(str, document["warnings"]))


def test_a_table_under_a_name_no_reader_knows_is_a_warning_listing_the_accepted_names(tmp_path, contest):
    folder = two_entries(contest)
    write_csv(folder / "votes.csv", [["entry", "votes"], ["E1", 3], ["E2", 1]])
    write_csv(folder / "网络投票.csv", [["entry", "votes"], ["E1", 1], ["E2", 9]])
    (folder / "notes.txt").write_text("not a table", encoding="utf-8")
    data = read_data(folder, load_rubric(rubric_file(tmp_path, MINI_RUBRIC)).rubric)
    (warning,) = [w for w in data.warnings if w.code.startswith("data.table")]
    assert warning.location.file == str(folder / "网络投票.csv")
    assert "网络投票.csv" in warning.text and "投票.xlsx" in warning.text and "entries.csv" in warning.text
    assert data.votes == {("E1", "popularity"): 3, ("E2", "popularity"): 1}  # the recognised file only


def test_final_refuses_a_judged_panel_without_any_marks(tmp_path, contest, cli):
    contest.entry("E1").sheet("experts", "X1", "E1", 25, 40, 8).entry("E2").sheet("experts", "X1", "E2", 20, 30, 5)
    contest.vote("E1", 3).vote("E2", 1)
    folder = contest.write()
    rubric = rubric_file(tmp_path, MINI_RUBRIC)
    output = tmp_path / "out.json"
    code, _, err = cli("evaluate", rubric, folder, "--final", "--output", output)
    assert code == 1 and not output.exists()
    assert "专业观众评分" in err and "no marks" in err
    code, _, err = cli("evaluate", rubric, folder, "--output", output)  # not final: provisional, written
    assert code == 0 and output.exists()



def test_final_says_open_reviews_and_unmarked_panels_together(tmp_path, cli, checked_example):
    """An organiser fixes both before the next try: the refusal names both reasons at once (the
    example has entries whose article only a person can read; here its audience sheets are gone).
    The example's tables are copied and its submissions linked; the session's verdicts say which
    checks are open (probing the 60 folders again is the file checks' tests' subject, not this one's)."""
    import shutil

    from tests.conftest import RUBRIC_2018

    folder = tmp_path / "example"
    shutil.copytree(checked_example.folder, folder, symlinks=True, ignore=shutil.ignore_patterns(".rubric-cache"))
    scores = folder / "scores.csv"
    lines = scores.read_text(encoding="utf-8").splitlines(keepends=True)
    scores.write_text("".join(line for line in lines if not line.startswith("专业观众评分,")), encoding="utf-8")
    output = tmp_path / "out.json"
    code, _, err = cli("evaluate", RUBRIC_2018, folder, "--final", "--output", output,
                       "--verdicts", checked_example.verdicts)
    assert code == 1 and not output.exists()
    assert "still have checks that need review" in err  # the open reviews, each by id …
    assert "the judged panel 专业观众评分 has no marks at all" in err  # … and the panel with no marks


def test_no_votes_file_but_a_table_under_an_unknown_name_names_that_file(tmp_path, contest, cli):
    """网络投票.csv is ignored (not a name the readers know): the refusal says which file to rename."""
    folder = two_entries(contest)
    write_csv(folder / "网络投票.csv", [["entry", "votes"], ["E1", 1], ["E2", 9]])
    code, _, err = cli("evaluate", rubric_file(tmp_path, MINI_RUBRIC), folder, "--lang", "zh-CN")
    assert code == 1
    assert "网络投票.csv 不是可识别的表名" in err and "投票.xlsx" in err and "把该文件改为" in err
