"""votes_reinstated (恢复投票): votes an exclude rule set aside, counted again after an appeal."""
from __future__ import annotations

import json

import pytest

from rubric_engine import load_rubric
from rubric_engine.errors import DataInputError
from rubric_engine.io.data import read_data
from tests.conftest import write_csv
from tests.votes.helpers import contest_folder, rubric_with

FLAGS = """\
  flags:
    - {id: burst, type: ip_burst, action: exclude, params: {max_votes: 2, within: 10 min}}
    - {id: farm, type: device_voters, action: exclude, params: {max_voters: 2}}
    - {id: late, type: after, action: flag, params: {time: "2018-10-25 12:00"}}
"""


def log() -> list[list]:
    # voter, entry, category, time, ip, device
    rows = [[f"b{i}", "E1", "", f"2018-10-21 10:0{2 * i}", "A", ""] for i in range(3)]  # burst: 4 votes from A
    rows.append(["b3", "E1", "", "2018-10-21 10:06", "A", "DEV"])  # ... the 4th also from the farmed device
    rows += [[f"d{i}", "E2", "", f"2018-10-22 09:0{i}", "", "DEV"] for i in range(3)]  # DEV: b3, d0, d1, d2
    rows.append(["ok", "E2", "", "2018-10-22 11:00", "B", ""])
    return rows


REINSTATED = [["规则", "作品编号", "投票人", "IP"],
              ["burst", "E1", "", "A"],  # 2: b0, b1, b2 count again; b3 is still caught by farm
              ["farm", "E2", "d0", ""],  # 3: d0 counts again
              ["burst", "E2", "zz", ""]]  # 4: takes back nothing: a warning


def setup(tmp_path, reinstated=REINSTATED):
    rubric = rubric_with(tmp_path, FLAGS)
    folder = contest_folder(tmp_path, log())
    write_csv(folder / "恢复投票.csv", reinstated)
    return rubric, folder


def test_reinstated_votes_count_again_and_conservation_holds(tmp_path):
    rubric, folder = setup(tmp_path)
    data = read_data(folder, load_rubric(rubric).rubric)
    e1, e2 = data.vote_count.of("E1", "popularity"), data.vote_count.of("E2", "popularity")
    assert (e1.raw, e1.counted, e1.excluded, e1.excluded_by) == (4, 3, 1, {"farm": 1})
    assert (e1.reinstated, e1.reinstated_by) == (3, {"burst": 3})
    assert (e2.raw, e2.counted, e2.excluded, e2.excluded_by) == (4, 2, 2, {"farm": 2})
    assert (e2.reinstated, e2.reinstated_by) == (1, {"farm": 1})
    assert e1.matched_by == {"burst": 4, "farm": 1}  # what the rules caught is still reported
    assert data.votes == {("E1", "popularity"): 3, ("E2", "popularity"): 2}
    for votes in (e1, e2):
        assert votes.raw == votes.counted + votes.duplicates + votes.outside + votes.excluded
    (unused,) = [w for w in data.warnings if w.code.startswith("votes.reinstated")]
    assert unused.location.file == str(folder / "恢复投票.csv") and unused.location.line == 4


def test_without_the_table_the_same_log_excludes_them(tmp_path):
    rubric = rubric_with(tmp_path, FLAGS)
    data = read_data(contest_folder(tmp_path, log()), load_rubric(rubric).rubric)
    e1 = data.vote_count.of("E1", "popularity")
    assert (e1.counted, e1.excluded_by, e1.reinstated) == (0, {"burst": 4}, 0)
    assert "reinstated" not in e1.to_data()


def test_the_report_and_explain_show_the_reinstated_votes(tmp_path, cli):
    rubric, folder = setup(tmp_path)
    code, out, err = cli("votes", rubric, folder, "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    e1 = next(r for r in document["entries"] if r["entry"] == "E1")
    assert (e1["counted"], e1["reinstated"], e1["reinstated_by"]) == (3, 3, {"burst": 3})
    assert [(r["row"], r["rule"], r["entry"], r["used"]) for r in document["reinstatements"]] == [
        (2, "burst", "E1", True), (3, "farm", "E2", True), (4, "burst", "E2", False)]
    assert "A" not in {r["ip"] for r in document["reinstatements"]}  # masked outside the committee's file
    code, out, _ = cli("votes", rubric, folder, "--format", "csv", "-q")
    assert out.splitlines()[0].endswith("reinstated (by rule)") and "burst 3" in out.splitlines()[1]
    code, out, err = cli("explain", rubric, folder, "E1", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["panels"]["online"]["vote_log"]["reinstated_by"] == {"burst": 3}
    code, out, _ = cli("explain", rubric, folder, "E1")
    assert "3 reinstated after an appeal: burst 3" in out


@pytest.mark.parametrize("row, column, words", [
    (["spike", "E1", "", "A"], "rule", "not a vote rule"),
    (["late", "E1", "", "A"], "rule", "not a vote rule"),  # a flag rule excludes nothing
    (["burst", "E9", "", "A"], "entry", "E9"),
    (["burst", "E1", "", ""], None, "neither a voter nor an IP"),
])
def test_a_bad_row_is_a_located_error(tmp_path, row, column, words):
    rubric, folder = setup(tmp_path, [REINSTATED[0], row])
    with pytest.raises(DataInputError) as caught:
        read_data(folder, load_rubric(rubric).rubric)
    (problem,) = caught.value.problems
    assert problem.location.file == str(folder / "恢复投票.csv") and problem.location.line == 2
    if column:
        assert problem.location.column
    assert words in problem.text
