"""A log on which every built-in rule fires, with duplicates, votes outside the window and bad rows."""
from __future__ import annotations

FLAGS = """\
  flags:
    - {id: burst, type: ip_burst, action: exclude, params: {max_votes: 2, within: 10 min}}
    - {id: cap, type: ip_cap, action: exclude, params: {max_votes: 3, per: 1 h}}
    - {id: spike, type: entry_spike, action: flag, params: {factor: 2}}
    - {id: farm, type: device_voters, action: exclude, params: {max_voters: 2}}
    - {id: hop, type: ip_hopping, action: flag, params: {max_changes: 1, within: 1 h}}
    - {id: late, type: after, action: exclude, params: {time: "2018-10-25 12:00"}}
"""


def rows() -> list[list]:
    out = []
    for i in range(4):  # burst: E1 from A, 4 votes in 6 minutes
        out.append([f"b{i}", "E1", "", f"2018-10-21 10:0{2 * i}", "A", ""])
    for i in range(5):  # cap: E2 from B, one every 15 minutes within the hour -> the 4th and 5th are past the cap
        out.append([f"c{i}", "E2", "", f"2018-10-21 1{1 if i < 4 else 2}:{(15 * i) % 60:02d}", "B", ""])
    for hour in (8, 9, 10):  # spike: E3 has one vote an hour, then 6 in hour 14
        out.append([f"s{hour}", "E3", "", f"2018-10-22 {hour:02d}:30", "", ""])
    for i in range(6):
        out.append([f"t{i}", "E3", "风采", f"2018-10-22 14:{i * 9:02d}", "", ""])
        out.append([f"t{i}", "E3", "", f"2018-10-22 14:{i * 9:02d}:30", "", ""])
    for i in range(3):  # farm: one device, 3 voters
        out.append([f"d{i}", "E1", "", f"2018-10-23 09:0{i}", "", "DEV"])
    out += [["h", "E1", "", "2018-10-23 10:00", "X", ""], ["h", "E2", "", "2018-10-23 10:10", "Y", ""],
            ["h", "E3", "", "2018-10-23 10:20", "Z", ""]]  # hop
    out += [["l1", "E2", "", "2018-10-25 12:30", "", ""], ["l1", "E2", "", "2018-10-25 09:30", "", ""],
            ["l2", "E2", "", "2018-10-25 13:00", "", ""]]  # late, and a duplicate whose earliest vote counts
    out += [["o", "E2", "", "2018-10-27T00:30:00+08:00", "", ""], ["o2", "E2", "", "2018-10-19T16:30:00Z", "", ""]]
    out += [["", "E1", "", "2018-10-21", "", ""], ["x", "E404", "", "2018-10-21", "", ""],
            ["y", "E1", "", "2018-10-32", "", ""], ["z", "E1", "?", "2018-10-21", "", ""]]
    return out
