"""The earliest vote counts, the window and day edges in contest time, conservation, malformed rows."""
from __future__ import annotations

import pytest

from rubric_engine.votes.count import ConservationError, check_conservation
from tests.votes.helpers import HEADER, contest_folder, counted, rubric_with

AFTER_NOON = "  flags:\n    - {id: late, type: after, action: exclude, params: {time: '2018-10-20 12:00'}}\n"


def statuses(count):
    return dict(count.engine.rows("SELECT line, status FROM classified"))


def test_the_earliest_vote_counts_not_the_first_row(tmp_path):
    rows = [["u1", "E1", "", "2018-10-20 18:00", "", ""], ["u1", "E1", "", "2018-10-20 08:00", "", ""]]
    data, count = counted(tmp_path, rows, AFTER_NOON)
    assert statuses(count) == {2: "duplicate", 3: "counted"}  # 08:00 counts; 18:00 would have been cut
    assert data.votes[("E1", "popularity")] == 1


def test_equal_times_the_earlier_row_counts_and_an_excluded_vote_is_not_replaced(tmp_path):
    rows = [["u2", "E1", "", "2018-10-20 14:00", "", ""], ["u2", "E1", "", "2018-10-20 13:00", "", ""],
            ["u3", "E2", "", "2018-10-20 09:00", "B", ""], ["u3", "E2", "", "2018-10-20 09:00", "A", ""]]
    data, count = counted(tmp_path, rows, AFTER_NOON)
    assert statuses(count) == {2: "duplicate", 3: "excluded", 4: "counted", 5: "duplicate"}
    assert data.votes[("E1", "popularity")] == 0
    assert not any(w.code == "data.no_votes" for w in data.warnings)


def test_window_and_days_are_contest_time(tmp_path):
    rows = [["a", "E1", "", "2018-10-19T23:30:00Z", "", ""],     # 10-20 07:30 +08: inside
            ["b", "E1", "", "2018-10-19 23:59:59", "", ""],      # naive = contest time: outside
            ["c", "E1", "", "2018-10-26 23:59:59", "", ""],      # inside
            ["d", "E1", "", "2018-10-26T16:00:00Z", "", ""],     # 10-27 00:00 +08: outside
            ["e", "E1", "", "2018-10-20T15:59:00Z", "", ""],     # 10-20 23:59 +08
            ["e", "E1", "", "2018-10-20 23:00", "", ""],         # the same contest day: one vote (23:00 counts)
            ["f", "E1", "", "2018/10/21 0:01", "", ""],
            ["f", "E1", "", "2018-10-20 23:59", "", ""]]         # two days: two votes
    data, count = counted(tmp_path, rows)
    assert statuses(count) == {2: "counted", 3: "outside", 4: "counted", 5: "outside", 6: "duplicate",
                               7: "counted", 8: "counted", 9: "counted"}
    assert data.votes[("E1", "popularity")] == 5


def test_conservation_per_entry_and_file(tmp_path):
    rows = [["u1", "E1", "", "2018-10-20 08:00", "A", ""], ["u1", "E1", "", "2018-10-20 09:00", "A", ""],
            ["u2", "E1", "风采", "2018-10-28 08:00", "A", ""], ["u3", "E1", "", "2018-10-20 13:00", "A", ""],
            ["u4", "E9", "", "2018-10-20 08:00", "", ""], ["u5", "E2", "", "soon", "", ""]]
    _, count = counted(tmp_path, rows, AFTER_NOON)
    e1 = count.of("E1", "popularity")
    assert (e1.raw, e1.counted, e1.duplicates, e1.outside, e1.excluded) == (3, 1, 1, 0, 1)
    assert count.of("E1", "style").outside == 1
    assert count.rows == 6 and count.malformed == 2
    e1.counted += 1  # a miscount is caught before anything is written
    with pytest.raises(ConservationError):
        check_conservation(count, {key: votes.raw for key, votes in count.keys.items()})


def test_malformed_rows_are_warnings_naming_the_first_ten(tmp_path):
    rows = [["", "E1", "", "2018-10-20 08:00", "", ""]] + [[f"u{i}", "E9", "", "2018-10-20", "", ""] for i in range(10)]
    rows += [["v", "E1", "", "2018-13-01", "", ""], ["w", "E1", "无此类", "2018-10-20", "", ""]]
    data, count = counted(tmp_path, rows)
    assert count.malformed == 13
    assert count.malformed_rows[0] == (2, "missing_voter") and len(count.malformed_rows) == 10
    (warning,) = [w for w in data.warnings if w.code == "votes.malformed"]
    text = str(warning)
    assert "rows 2, 3, 4, 5" in text and ", 11 (" in text and "and 3 more" in text
    assert dict(count.engine.rows("SELECT line, problem FROM classified WHERE line >= 13")) == {
        13: "bad_time", 14: "unknown_category"}


@pytest.mark.parametrize("name, encoding", [("votes.csv", "gb18030"), ("投票.xlsx", None), ("votes.parquet", None)])
def test_other_formats_count_the_same(tmp_path, name, encoding):
    rows = [["u1", "E1", "人气", "2018-10-20 18:00", "A", ""], ["u1", "E1", "", "2018-10-20 08:00", "A", ""],
            ["u2", "E2", "", "2018-10-20 08:00:30.5", "A", ""], ["", "E2", "", "2018-10-20", "", ""]]
    labels = ["投票人", "作品编号", "类别", "投票时间", "IP", "设备"]
    rubric_path = rubric_with(tmp_path)
    from rubric_engine.io.data import read_data
    from rubric_engine import load_rubric

    rubric = load_rubric(rubric_path).rubric
    if name.endswith(".csv"):
        folder = contest_folder(tmp_path, rows, header=labels, name=name, encoding=encoding)
    else:
        folder = contest_folder(tmp_path, [], name="entries_only.csv")
        (folder / "entries_only.csv").unlink()
        if name.endswith(".xlsx"):
            from openpyxl import Workbook

            book = Workbook()
            book.active.append(labels)
            for row in rows:
                book.active.append(row)
            book.save(folder / name)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.table({h: [r[i] for r in rows] for i, h in enumerate(HEADER)}), folder / name)
    data = read_data(folder, rubric)
    count = data.vote_count
    assert data.votes == {("E1", "popularity"): 1, ("E2", "popularity"): 1}
    assert count.malformed_rows == [(5, "missing_voter")]
    assert dict(count.engine.rows("SELECT line, status FROM classified WHERE line < 4")) == {2: "duplicate",
                                                                                            3: "counted"}
    assert count.log.arrow().num_rows == 4
