"""The deadline check gives entries sent at the same moment one shared verdict, and each its own value."""
from __future__ import annotations

from rubric_engine.session import Contest


def test_same_moment_one_verdict_and_the_late_one_fails(contest, mini_rubric):
    for entry, sent in (("E1", "2018-11-01 09:30"), ("E2", "2018-11-01 09:30"), ("E3", "2018-11-10 23:59"),
                        ("E4", "2018-11-11 00:00")):
        contest.entry(entry, submitted=sent).marks(entry, (20, 40, 8))
    verdicts = Contest.open(mini_rubric, contest.write(), cache=False).verdicts()["deadline"]
    assert verdicts["E1"] is verdicts["E2"]  # one object for one moment
    # by hand: the deadline 2018-11-10 counts the whole day, so 23:59 passes and midnight after fails
    assert [str(verdicts[e].status) for e in ("E1", "E2", "E3", "E4")] == ["pass", "pass", "pass", "fail"]
    assert verdicts["E3"].measured != verdicts["E1"].measured
    assert "2018-11-11 00:00" in str(verdicts["E4"].reason)
