"""Vote-log keys folded as every other table's keys (NFKC, format characters removed)."""
from __future__ import annotations

from tests.votes.helpers import counted


def test_a_zero_width_voter_and_full_width_entry_are_the_same_voter_and_entry(tmp_path):
    rows = [["u1", "E1", "", "2018-10-20 08:00", "", ""],
            ["u1\u200b", "Ｅ1", "", "2018-10-20 09:00", "", ""],  # the same voter, the same entry, the same day
            ["u2", "Ｅ2", "", "2018-10-20 09:00", "", ""]]
    data, count = counted(tmp_path, rows)
    assert count.malformed == 0  # Ｅ2 is E2, not an unknown entry
    assert data.votes[("E1", "popularity")] == 1  # u1 and u1\u200b are one voter: one vote a day
    assert data.votes[("E2", "popularity")] == 1
    assert count.of("E1", "popularity").duplicates == 1
    folded = [w for w in data.warnings if w.code == "data.key_folded"]
    texts = sorted(str(w.message) for w in folded)
    assert len(folded) == 2, texts  # the voter at row 3 and the entry Ｅ1 at row 3; Ｅ2 merged nothing
    assert all(w.location.line == 3 for w in folded)
    assert any("u1\\u200b" in text for text in texts)  # the invisible character written out


def test_an_ascii_log_is_left_as_it_is(tmp_path):
    rows = [["u1", "E1", "", "2018-10-20 08:00", "1.2.3.4", "d1"], ["u1", "E1", "", "2018-10-21 08:00", "", ""]]
    data, count = counted(tmp_path, rows)
    assert data.votes[("E1", "popularity")] == 2
    assert not [w for w in data.warnings if w.code == "data.key_folded"]
    assert count.engine.rows("SELECT voter, ip FROM raw_log ORDER BY line") == [("u1", "1.2.3.4"), ("u1", "")]
