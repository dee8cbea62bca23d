"""register_vote_rules: the docs' example plugin, loaded and used on a log."""
from __future__ import annotations

from rubric_engine.io.data import read_data
from rubric_engine import load_rubric
from tests.test_plugins import doc_example
from tests.votes.helpers import contest_folder, rubric_with


def test_hook_register_vote_rules(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "night.py").write_text(doc_example("register_vote_rules"), encoding="utf-8")
    rubric_path = rubric_with(tmp_path, "  flags:\n    - {id: night, type: night, action: exclude, "
                                        "params: {from_hour: 2, to_hour: 4}}\n")
    rubric = load_rubric(rubric_path, plugin_dirs=[plugins]).rubric
    rows = [["u1", "E1", "", "2018-10-21 01:59", "", ""], ["u2", "E1", "", "2018-10-21 02:00", "", ""],
            ["u3", "E1", "", "2018-10-21 04:59", "", ""], ["u4", "E1", "", "2018-10-21T21:30:00Z", "", ""]]
    # 21:30Z is 05:30 on 10-22 in +08:00: outside the night; 02:00 and 04:59 are inside
    data = read_data(contest_folder(tmp_path, rows), rubric)
    assert data.votes[("E1", "popularity")] == 2
    assert data.vote_count.of("E1", "popularity").excluded_by == {"night": 2}
