"""The file names a contest's data folder is read under (``io.data.find_table``)."""
from __future__ import annotations

# table kind -> the file stems it may have (with .csv / .xlsx, and .parquet for votes)
FILE_NAMES = {
    "entries": ("entries", "参赛作品", "作品"),
    "scores": ("scores", "评分"),
    "votes": ("votes", "投票"),
    "units": ("units", "单位"),
    "checks": ("checks", "检查"),
    "votes_reinstated": ("votes_reinstated", "恢复投票"),
    "assignments": ("assignments", "评审分配"),
    "forfeits": ("forfeits", "放弃"),
}
MORE_SUFFIXES = {"votes": (".parquet",)}


def accepted_names(kind: str) -> list[str]:
    """The file names ``find_table`` accepts for ``kind`` (lower-case suffixes)."""
    return [f"{stem}{ext}" for stem in FILE_NAMES[kind] for ext in (".csv", ".xlsx") + MORE_SUFFIXES.get(kind, ())]
