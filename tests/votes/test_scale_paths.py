"""The shortcuts the counting takes at scale give the plain answers: the rules' pre-filter (only
an IP with more than the cap in all is windowed), the guarded trim of the log's cells."""
from __future__ import annotations

from tests.votes.helpers import counted
from tests.votes.test_rules import caught_lines, rule, vote


def test_ip_burst_many_votes_in_all_but_never_too_many_in_one_window(tmp_path):
    # A: 4 votes for E1 (over the cap of 2 in all), each 10 minutes apart: no [t, t+10 min) holds 3.
    # C: 3 votes in 4 minutes for E1 (caught) and 3 for E2, one per entry and IP pair under the cap.
    rows = [vote(f"a{i}", "E1", f"1{i}:00", "A") for i in range(4)]
    rows += [vote(f"c{i}", "E1", f"09:0{2 * i}", "C") for i in range(3)]
    rows += [vote(f"e{i}", f"E{2 + i % 2}", f"09:0{i}", "C") for i in range(3)]  # E2 E3 E2: 2 and 1 from C
    data, count = counted(tmp_path, rows, rule("ip_burst", max_votes=2, within="10 min"))
    assert caught_lines(count) == [6, 7, 8]  # the header is row 1: C's three for E1 are rows 6 to 8
    assert data.votes[("E1", "popularity")] == 4 and data.votes[("E2", "popularity")] == 2


def test_ip_cap_only_the_crowded_hour_loses_votes(tmp_path):
    # A for E1: 3 votes in hour 10 (cap 2: the latest caught), 2 in hour 11 (none), 1 from B
    rows = [vote("u1", "E1", "10:40", "A"), vote("u2", "E1", "10:05", "A"), vote("u3", "E1", "10:20", "A"),
            vote("u4", "E1", "11:05", "A"), vote("u5", "E1", "11:50", "A"), vote("u6", "E1", "10:45", "B")]
    _, count = counted(tmp_path, rows, rule("ip_cap", max_votes=2, per="1 h"))
    assert caught_lines(count) == [2]  # 10:40 (row 2) is the third of hour 10, after 10:05 and 10:20


def test_cells_padded_with_any_whitespace_are_trimmed_and_the_rest_left_alone(tmp_path):
    rows = [["\u3000u1 ", "E1", "", "2018-10-21 10:00", "", ""],  # full-width space before, space after
            ["u1\t", "\u00a0E1", "", "2018-10-21 11:00", "", ""],  # the same voter and entry: a repeat
            ["u 2", "E1 ", "", "2018-10-21 10:00", "", ""],  # an inner space is kept: u 2 is not u2
            ["u2", "E1", "", "2018-10-21 10:00", "", ""]]
    data, count = counted(tmp_path, rows)
    votes = count.of("E1", "popularity")
    assert (votes.raw, votes.counted, votes.duplicates) == (4, 3, 1) and count.malformed == 0
    voters = sorted(v for (v,) in count.engine.rows("SELECT voter FROM raw_log"))
    assert voters == ["u 2", "u1", "u1", "u2"]


def test_ip_hopping_a_voter_with_just_enough_votes_is_still_looked_at(tmp_path):
    # max_changes 1: v has 3 votes (the fewest that can hold 2 changes), A -> B -> C within the hour:
    # caught from the change that passes the cap (10:20, row 4); w has 2 votes, one change: never caught
    rows = [vote("v", "E1", "10:00", "A"), vote("v", "E2", "10:10", "B"), vote("v", "E3", "10:20", "C"),
            vote("w", "E1", "10:00", "A"), vote("w", "E2", "10:05", "B")]
    _, count = counted(tmp_path, rows, rule("ip_hopping", max_changes=1, within="1 h"))
    assert caught_lines(count) == [4]


def test_duckdb_is_capped_by_vote_memory_and_spills_to_a_private_folder(monkeypatch):
    import os

    import duckdb

    from rubric_engine.io import duck_memory

    monkeypatch.setenv("RUBRIC_VOTE_MEMORY", str(256 * 1024 * 1024))
    assert duck_memory.memory_cap() == 256 * 1024 * 1024  # under half of any machine this suite runs on
    monkeypatch.setattr(duck_memory, "machine_memory", lambda: 300 * 1024 * 1024)
    assert duck_memory.memory_cap() == 150 * 1024 * 1024  # half the machine when that is less
    con = duckdb.connect()
    duck_memory.bound(con)
    (limit,), = con.execute("SELECT current_setting('memory_limit')").fetchall()
    (folder,), = con.execute("SELECT current_setting('temp_directory')").fetchall()
    assert limit.replace(" ", "") in ("150.0MiB", "157.2MB") and os.path.isdir(folder)
    assert os.path.basename(folder).startswith("rubric-votes-spill-")
