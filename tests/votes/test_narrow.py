"""The narrow count (votes7): ranked carries only the log's texts a later stage reads, and the
plain time is told apart by one regular expression; neither changes a count."""
from __future__ import annotations

from types import SimpleNamespace

from rubric_engine import load_rubric
from rubric_engine.io.data import read_data
from rubric_engine.votes.script import carried
from tests.votes.helpers import contest_folder, counted, rubric_with

BOT_DEVICE = '''
from rubric_engine import VoteRule, hookimpl


@hookimpl
def register_vote_rules(register):
    # names device (and ip) but not voter: ranked must carry them for this rule
    register(VoteRule("bots", "SELECT line FROM deduped WHERE device LIKE 'bot%' OR ip = '10.0.0.$last'",
                      {"last": "count"}))
'''


def _flag(sql: str):
    rule = SimpleNamespace(render=lambda bound: sql)
    return SimpleNamespace(rule=rule, bound={})


def _rubric(one_vote_per, *sqls):
    return SimpleNamespace(voting=SimpleNamespace(one_vote_per=one_vote_per, flags=[_flag(s) for s in sqls]))


def test_carried_texts_are_the_keys_the_rules_and_the_reinstatements_ones():
    assert carried(_rubric(["voter", "entry"]), reinstating=False) == ["voter"]
    assert carried(_rubric(["voter", "entry"])) == ["voter", "ip"]  # reinstatements match voter or IP
    assert carried(_rubric(["device", "day"]), reinstating=False) == ["device"]
    # a rule names its columns; a comment or a longer word (ip_count) is not a column
    assert carried(_rubric(["entry"], "-- one device, one ip\nSELECT line FROM deduped WHERE ip_count > 1"),
                   reinstating=False) == []
    assert carried(_rubric(["entry"], "SELECT d.line FROM deduped AS d WHERE d.device <> ''"),
                   reinstating=False) == ["device"]
    # a rule selecting every column gets every text
    assert carried(_rubric(["entry"], "SELECT line FROM (SELECT * FROM deduped) AS d WHERE length(line) > 1"),
                   reinstating=False) == ["voter", "ip", "device"]
    assert carried(_rubric(["entry"], "SELECT line FROM (SELECT d.* FROM deduped AS d) AS e"),
                   reinstating=False) == ["voter", "ip", "device"]


def test_a_plugin_rule_sees_the_device_and_ip_texts(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "bots.py").write_text(BOT_DEVICE, encoding="utf-8")
    rubric_path = rubric_with(tmp_path, "  flags:\n    - {id: bots, type: bots, action: exclude, params: {last: 7}}\n")
    rubric = load_rubric(rubric_path, plugin_dirs=[plugins]).rubric
    rows = [["u1", "E1", "", "2018-10-21 08:00", "10.0.0.1", "bot-1"],   # excluded: device
            ["u2", "E1", "", "2018-10-21 08:00", "10.0.0.7", "phone"],   # excluded: ip
            ["u3", "E1", "", "2018-10-21 08:00", "10.0.0.8", "phone"],   # counted
            ["u4", "E2", "", "2018-10-21 08:00", "10.0.0.70", "robot"]]  # counted: neither matches
    data = read_data(contest_folder(tmp_path, rows), rubric)
    assert data.vote_count.of("E1", "popularity").excluded_by == {"bots": 2}
    assert data.votes[("E1", "popularity")] == 1 and data.votes[("E2", "popularity")] == 1


# time texts on either side of the plain form, and what each becomes (by hand); test_spark reuses them
EDGE_TIMES = [["a", "E1", "", "2018-10-20 08:30", "", ""],      # plain
              ["b", "E1", "", "2018-10-20 08:30:15", "", ""],   # plain, with seconds
              ["c", "E1", "", "2018-10-20 8:30", "", ""],       # one-digit hour: by the pattern
              ["d", "E1", "", "2018-10-2008:30", "", ""],       # no separator: malformed
              ["e", "E1", "", "2018-13-20 08:30", "", ""],      # month 13: malformed
              ["f", "E1", "", "2018-10-20 08:60", "", ""],      # minute 60: malformed
              ["g", "E1", "", "2018-10-26 23:59:59", "", ""],   # plain, the window's last second
              ["h", "E1", "", "2018-10-27 00:00:00", "", ""],   # plain, the day after: outside
              ["i", "E1", "", "2018/10/19 23:59", "", ""],      # by the pattern, the day before: outside
              ["j", "E1", "", "2018-10-20 24:00", "", ""],      # hour 24: malformed (not the next day)
              ["k", "E1", "", "2018-02-29 10:00", "", ""],      # no such day: malformed
              ["l", "E1", "", "2016-02-29 10:00", "", ""],      # a leap day, long before: outside
              ["m", "E1", "", "2018-10-21 07:59:60", "", ""],   # second 60: malformed
              ["n", "E1", "", "0999-10-20 08:00", "", ""]]      # a year before 1000, by the pattern: outside


def test_times_beside_the_plain_form(tmp_path):
    rows = EDGE_TIMES
    data, count = counted(tmp_path, rows)
    statuses = dict(count.engine.rows("SELECT line, status FROM classified"))
    assert statuses == {2: "counted", 3: "counted", 4: "counted", 5: "malformed", 6: "malformed",
                        7: "malformed", 8: "counted", 9: "outside", 10: "outside", 11: "malformed",
                        12: "malformed", 13: "outside", 14: "malformed", 15: "outside"}
    assert data.votes[("E1", "popularity")] == 4 and count.malformed == 6
    assert count.of("E1", "popularity").outside == 4
