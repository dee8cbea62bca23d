"""Small hand-made vote logs: a mini rubric with vote rules, a log written as CSV (or xlsx/parquet)."""
from __future__ import annotations

from pathlib import Path

from rubric_engine.io.data import read_data
from rubric_engine import load_rubric
from tests.conftest import MINI_RUBRIC, write_csv

HEADER = ["voter", "entry", "category", "time", "ip", "device"]


def rubric_with(tmp_path: Path, voting_extra: str = "", one_vote_per: str | None = None) -> Path:
    text = MINI_RUBRIC
    if one_vote_per:
        text = text.replace('  closes: "2018-10-26"\n', f'  closes: "2018-10-26"\n  one_vote_per: {one_vote_per}\n')
    if voting_extra:
        text = text.replace('  closes: "2018-10-26"\n', '  closes: "2018-10-26"\n' + voting_extra)
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def contest_folder(tmp_path: Path, rows: list[list], entries=("E1", "E2", "E3"), header=HEADER,
                   name: str = "votes.csv", encoding: str = "utf-8") -> Path:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    write_csv(folder / "entries.csv", [["id", "title", "unit"], *[[e, f"作品{e}", "单位A"] for e in entries]])
    write_csv(folder / name, [header, *rows], encoding=encoding)
    return folder


def counted(tmp_path: Path, rows: list[list], voting_extra: str = "", **kwargs):
    """(ContestData, VoteCount) of ``rows`` under the mini rubric plus ``voting_extra``."""
    one_vote_per = kwargs.pop("one_vote_per", None)
    rubric = load_rubric(rubric_with(tmp_path, voting_extra, one_vote_per)).rubric
    data = read_data(contest_folder(tmp_path, rows, **kwargs), rubric)
    return data, data.vote_count
