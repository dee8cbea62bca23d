"""Each vote rule on a small hand-made log, its answer worked out by hand in the test."""
from __future__ import annotations

import pytest

from tests.votes.helpers import counted

DAY = "2018-10-21"


def vote(voter, entry, time, ip="", device="", category=""):
    return [voter, entry, category, time if " " in time or "T" in time else f"{DAY} {time}", ip, device]


def rule(type_, action="exclude", **params):
    inner = ", ".join(f"{k}: {v}" for k, v in params.items())
    return f"  flags:\n    - {{id: r, type: {type_}, action: {action}, params: {{{inner}}}}}\n"


def caught_lines(count, status="excluded"):
    return [line for (line,) in count.engine.rows(f"SELECT line FROM classified WHERE status = '{status}' ORDER BY line")]


def test_ip_burst_catches_every_vote_of_a_window_over_the_cap(tmp_path):
    rows = [vote("u1", "E1", "10:00", "A"), vote("u2", "E1", "10:03", "A"), vote("u3", "E1", "10:09", "A"),
            vote("u4", "E1", "10:30", "A"), vote("u5", "E1", "10:12", "A"), vote("u6", "E1", "10:01", "B")]
    # [10:00, 10:10) holds u1 u2 u3 (3 > 2); [10:03, 10:13) holds u2 u3 u5: so u1 u2 u3 u5 (rows 2 3 4 6)
    data, count = counted(tmp_path, rows, rule("ip_burst", max_votes=2, within="10 min"))
    assert caught_lines(count) == [2, 3, 4, 6]
    assert data.votes[("E1", "popularity")] == 2
    assert count.of("E1", "popularity").excluded_by == {"r": 4}


def test_ip_burst_windows_are_half_open(tmp_path):
    rows = [vote("u1", "E1", "10:00", "A"), vote("u2", "E1", "10:05", "A"), vote("u3", "E1", "10:10", "A")]
    # [10:00, 10:10) and [10:05, 10:15) hold two votes each: nothing over the cap of 2
    _, count = counted(tmp_path, rows, rule("ip_burst", max_votes=2, within="10 min"))
    assert caught_lines(count) == []


def test_ip_cap_keeps_the_earliest_in_each_clock_hour(tmp_path):
    rows = [vote("u1", "E1", "10:59", "A"), vote("u2", "E1", "10:00", "A"), vote("u3", "E1", "10:20", "A"),
            vote("u4", "E1", "10:10", "A"), vote("u5", "E1", "11:00", "A"), vote("u6", "E1", "10:30", "B")]
    # hour 10 from A: 10:00 (row 3), 10:10 (row 5) kept; 10:20 (row 4), 10:59 (row 2) caught; 11:00 a new hour
    data, count = counted(tmp_path, rows, rule("ip_cap", max_votes=2, per="1 h"))
    assert caught_lines(count) == [2, 4]
    assert data.votes[("E1", "popularity")] == 4


def test_ip_cap_per_day_is_the_contest_day(tmp_path):
    rows = [vote("u1", "E1", "2018-10-21 23:30", "A"), vote("u2", "E1", "2018-10-21T16:10:00Z", "A"),
            vote("u3", "E1", "2018-10-21T15:50:00Z", "A")]
    # 16:10Z is 10-22 00:10 in +08:00 (a new day); 15:50Z is 23:50 on 10-21: 10-21 has u1, u3 -> u3 caught
    _, count = counted(tmp_path, rows, rule("ip_cap", max_votes=1, per="1 day"))
    assert caught_lines(count) == [4]


def test_entry_spike_above_factor_times_the_median_hour(tmp_path):
    times = ["08:10", "09:10", "09:20", "09:30", "10:10", "10:20", "10:30"] + [f"11:{m:02d}" for m in range(0, 49, 7)]
    rows = [vote(f"u{i}", "E1", t) for i, t in enumerate(times)]
    # hours 8, 9, 10, 11 hold 1, 3, 3, 7: median 3, factor 2 allows 6; hour 11's 7th vote (11:42, row 15) caught
    data, count = counted(tmp_path, rows, rule("entry_spike", factor=2))
    assert caught_lines(count) == [15]
    assert data.votes[("E1", "popularity")] == 13


def test_device_voters_catches_every_vote_of_a_crowded_device(tmp_path):
    rows = [vote("u1", "E1", "10:00", device="D"), vote("u2", "E2", "10:00", device="D"),
            vote("u3", "E1", "11:00", device="D"), vote("u4", "E1", "10:00", device="D2"),
            vote("u5", "E2", "10:00", device="D2"), vote("u1", "E2", "12:00", device="D")]
    # D: u1 u2 u3 (3 voters > 2): rows 2 3 4 7; D2 has 2 voters
    data, count = counted(tmp_path, rows, rule("device_voters", max_voters=2))
    assert caught_lines(count) == [2, 3, 4, 7]
    assert data.votes[("E1", "popularity")] == 1 and data.votes[("E2", "popularity")] == 1


def test_ip_hopping_from_the_change_that_passes_the_cap(tmp_path):
    rows = [vote("u1", "E1", "10:00", "A"), vote("u1", "E2", "10:10", "B"), vote("u1", "E3", "10:20", "C"),
            vote("u1", "E1", "2018-10-22 10:00", "C"),
            vote("u2", "E1", "10:00", "A"), vote("u2", "E2", "10:10", "B"), vote("u2", "E3", "12:00", "A")]
    # u1 changes at 10:10 and 10:20 (2 > 1 within 1 h): from 10:20 on, rows 4 and 5; u2's changes are 110 min apart
    _, count = counted(tmp_path, rows, rule("ip_hopping", max_changes=1, within="1 h"))
    assert caught_lines(count) == [4, 5]


def test_after_a_cut_off_in_contest_time(tmp_path):
    rows = [vote("u1", "E1", "12:00"), vote("u2", "E1", "12:01"), vote("u3", "E1", "2018-10-21T04:00:30Z")]
    # 04:00:30Z is 12:00:30 in +08:00: after 12:00
    _, count = counted(tmp_path, rows, rule("after", time='"2018-10-21 12:00"'))
    assert caught_lines(count) == [3, 4]


def test_flag_rules_are_reported_and_still_counted(tmp_path):
    rows = [vote("u1", "E1", "12:00"), vote("u2", "E1", "12:01")]
    extra = ("  flags:\n    - {id: late, type: after, action: flag, params: {time: '2018-10-21 12:00'}}\n"
             "    - {id: cut, type: after, action: exclude, params: {time: '2018-10-21 13:00'}}\n")
    data, count = counted(tmp_path, rows, extra)
    assert data.votes[("E1", "popularity")] == 2
    assert count.of("E1", "popularity").matched_by == {"late": 1}


def test_a_vote_is_attributed_to_the_first_exclude_rule(tmp_path):
    rows = [vote("u1", "E1", "12:30", "A"), vote("u2", "E1", "12:31", "A")]
    extra = ("  flags:\n    - {id: late, type: after, action: exclude, params: {time: '2018-10-21 12:00'}}\n"
             "    - {id: cap, type: ip_cap, action: exclude, params: {max_votes: 1, per: 1 h}}\n")
    _, count = counted(tmp_path, rows, extra)
    votes = count.of("E1", "popularity")
    assert votes.excluded_by == {"late": 2} and votes.matched_by == {"late": 2, "cap": 1}


@pytest.mark.parametrize("params, word", [("{max_votes: -1, within: 10 min}", "max_votes"),
                                          ("{max_votes: 2, within: soon}", "within"),
                                          ("{max_votes: 2}", "within")])
def test_bad_params_point_at_the_rubric(tmp_path, params, word):
    from rubric_engine.errors import RubricInputError
    from rubric_engine import load_rubric
    from tests.votes.helpers import rubric_with

    path = rubric_with(tmp_path, f"  flags:\n    - {{id: r, type: ip_burst, action: exclude, params: {params}}}\n")
    with pytest.raises(RubricInputError) as caught:
        load_rubric(path)
    assert word in str(caught.value) and "rubric.yaml:26:" in str(caught.value)
