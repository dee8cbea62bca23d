"""Generate a contest of any size for rubrics/2018_mzkfr.yaml, in the data-folder formats.

    python benchmarks/generate.py OUT --entries N [--experts 5] [--audience 5] [--categories 4]
                                      [--votes tallied|raw] [--raw-votes M] [--seed S]

Writes ``OUT/entries.csv``, ``scores.csv`` (wide form: 评分组, 评委, 作品编号, 内容性, 思想性,
创新性), ``votes.csv`` and ``units.csv`` with Chinese headers, as the bundled example does.
The data is valid for the 2018 rubric, so every table check passes and 规范性 is 10 for
every entry: each entry has a recommendation letter and was submitted before the
deadline, and no unit nominates more than 4 entries (the quota is 5). Every mark is an
integer inside one of its criterion's bands (内容性 10–30, 思想性 0–50, 创新性 4–10).
Ties are built in: every 25th entry is a twin of the entry before it (the same marks
from every judge and the same votes), and marks and tallies repeat at any size.

Votes are tallies (作品编号, 类别, 票数: one row per entry and category) or, with
``--votes raw``, a vote log of ``--raw-votes`` rows (投票人, 作品编号, 类别, 投票时间), every
time inside the voting window (2018-10-20 to 10-26, China time) and about 3 % of the
rows repeating a voter's vote for the same entry and category on the same day (the
engine counts those once). There is no ``submissions/`` folder, so the file checks do
not run; the benchmark measures the tables.

Deterministic for a seed. ``generate(out, entries, ...)`` does the same from Python.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from itertools import accumulate
from pathlib import Path

CATEGORIES = ("人气", "风采", "形象", "创意")  # the 2018 rubric's vote categories, the default first
PANELS = ("专家评分", "专业观众评分")
UNIT_PREFIX = ("广州", "佛山", "深圳", "东莞", "珠海", "中山", "江门", "惠州")
UNIT_KIND = ("电信客服中心", "银行信用卡中心", "移动客户服务中心", "保险客服中心", "航空呼叫中心",
             "电网客服中心", "证券客户服务部", "物流客服中心", "燃气客服热线", "政务服务热线")
TITLE_A = ("有你", "一通电话", "耳机那头", "凌晨三点", "温暖的声音", "第一千个来电", "不挂断的坚守",
           "客服的一天", "微笑在线", "答案之外", "听见", "服务无小事", "坐席上的青春", "那一声谢谢")
TITLE_B = ("世界变更美", "的故事", "的温度", "与我", "的承诺", "里的光", "的守望", "的力量", "之间")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁宋郑谢韩唐冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玲红梅琳婷雪慧颖欣怡晨宇轩浩然涵思雨佳琪"
ENTRIES_PER_UNIT = 4        # the 2018 quota is 5 (a team counts once)
TWIN_EVERY = 25             # entry k (k % 25 == 0) copies entry k-1: a full tie
REPEAT_SHARE = 0.03         # share of raw vote rows that repeat an earlier vote the same day
VOTING_DAYS = tuple(f"2018-10-{day}" for day in range(20, 27))   # 10-20 .. 10-26 inclusive
# Marks: (criterion maximum, lowest mark inside a band). 内容性 0–9 and 创新性 0–3 are band gaps.
CRITERIA = ((30, 10), (50, 0), (10, 4))


def _table(low: int, high: int, centre_scale: int) -> list[list[int]]:
    """For each quality level 0..100 and noise index, a mark (precomputed: O(1) per cell)."""
    rng = random.Random(centre_scale)
    noise = [round(rng.gauss(0, 0.07) * centre_scale) for _ in range(64)]
    return [[max(low, min(high, round(level * centre_scale / 100) + n)) for n in noise] for level in range(101)]


def generate(out: Path, entries: int, experts: int = 5, audience: int = 5, categories: int = 4,
             votes: str = "tallied", raw_votes: int | None = None, seed: int = 2018) -> dict[str, int]:
    """Write the contest into ``out``; returns the number of data rows of each table."""
    if entries < 1:
        raise ValueError("entries must be at least 1")
    if not 1 <= categories <= len(CATEGORIES):
        raise ValueError(f"categories must be 1..{len(CATEGORIES)} (the 2018 rubric has {len(CATEGORIES)})")
    if experts < 1 or audience < 1:
        raise ValueError("each panel needs at least one judge")
    if votes not in ("tallied", "raw"):
        raise ValueError("votes must be 'tallied' or 'raw'")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    width = max(3, len(str(entries)))
    ids = [f"E{k:0{width}d}" for k in range(1, entries + 1)]
    units = [f"{UNIT_PREFIX[u % len(UNIT_PREFIX)]}{UNIT_KIND[u // len(UNIT_PREFIX) % len(UNIT_KIND)]}{u + 1}号"
             for u in range((entries + ENTRIES_PER_UNIT - 1) // ENTRIES_PER_UNIT)]
    # Quality 0..100 per entry; a twin copies the entry before it.
    quality = [min(97, max(35, round(rng.gauss(72, 12)))) for _ in range(entries)]
    for k in range(TWIN_EVERY - 1, entries, TWIN_EVERY):
        quality[k] = quality[k - 1]

    entry_rows = []
    choice, randrange = rng.choice, rng.randrange
    for k, entry_id in enumerate(ids):
        team = randrange(100) < 15
        people = "、".join(choice(SURNAMES) + choice(GIVEN) for _ in range(3 if team else 1))
        day = randrange(50)   # 2018-09-20 .. 2018-11-08: all before the deadline (11-10)
        date = f"2018-09-{20 + day}" if day < 11 else (f"2018-10-{day - 10:02d}" if day < 42
                                                        else f"2018-11-{day - 41:02d}")
        entry_rows.append((entry_id, f"{choice(TITLE_A)}{choice(TITLE_B)}{k + 1}", units[k // ENTRIES_PER_UNIT],
                           people, "是" if team else "否", "视频" if randrange(10) < 4 else "图文",
                           f"{date} {8 + randrange(14):02d}:{randrange(60):02d}", "是"))
    _write(out / "entries.csv", ("编号", "作品名称", "参赛单位", "参赛人员", "团队", "形式", "提交时间", "推荐函"),
           entry_rows)

    tables = [_table(low, high, high) for high, low in CRITERIA]
    content, thought, innovation = tables
    bits = rng.getrandbits
    score_rows = []
    state = None
    for panel, judges in ((PANELS[0], [f"专家{j}" for j in range(1, experts + 1)]),
                          (PANELS[1], [f"观众{j}" for j in range(1, audience + 1)])):
        for k, entry_id in enumerate(ids):
            if k % TWIN_EVERY == TWIN_EVERY - 1:
                rng.setstate(state)     # the twin draws exactly the marks of the entry before it
            else:
                state = rng.getstate() if k % TWIN_EVERY == TWIN_EVERY - 2 else None
            q = quality[k]
            c, t, i = content[q], thought[q], innovation[q]
            for judge in judges:
                score_rows.append((panel, judge, entry_id, c[bits(6)], t[bits(6)], i[bits(6)]))
    _write(out / "scores.csv", ("评分组", "评委", "作品编号", "内容性", "思想性", "创新性"), score_rows)

    used = CATEGORIES[:categories]
    if votes == "tallied":
        vote_rows = []
        for c, category in enumerate(used):
            base = 3000 if c == 0 else 1200
            tally = [base * q // 100 * (30 + randrange(90)) // 100 for q in quality]
            for k in range(TWIN_EVERY - 1, entries, TWIN_EVERY):
                tally[k] = tally[k - 1]
            vote_rows.extend((entry_id, category, n) for entry_id, n in zip(ids, tally))
        vote_rows.sort(key=lambda row: row[0])   # entry by entry, as a tally sheet is usually kept
        _write(out / "votes.csv", ("作品编号", "类别", "票数"), vote_rows)
    else:
        count = raw_votes if raw_votes is not None else 10 * entries
        voters = [f"wx_{n:07d}" for n in range(max(50, count // 20))]
        weights = list(accumulate(q * q for q in quality))
        picked = rng.choices(ids, cum_weights=weights, k=count)
        vote_rows = []
        for n, entry_id in enumerate(picked):
            if n and rng.random() < REPEAT_SHARE:   # the same voter, entry, category and day, a bit later
                voter, entry_id, category, when = vote_rows[randrange(n)]
                vote_rows.append((voter, entry_id, category, f"{when[:11]}23:{randrange(60):02d}:{randrange(60):02d}"))
                continue
            vote_rows.append((choice(voters), entry_id, used[randrange(categories)] if randrange(3) else used[0],
                              f"{choice(VOTING_DAYS)} {randrange(23):02d}:{randrange(60):02d}:{randrange(60):02d}"))
        _write(out / "votes.csv", ("投票人", "作品编号", "类别", "投票时间"), vote_rows)

    unit_rows = [(unit, randrange(5, 120), randrange(500, 30000), randrange(3, 11)) for unit in units]
    _write(out / "units.csv", ("参赛单位", "转发次数", "阅读量", "指导评分"), unit_rows)
    return {"entries": len(entry_rows), "scores": len(score_rows), "votes": len(vote_rows), "units": len(unit_rows)}


def _write(path: Path, header: tuple, rows: list) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the data folder to write (created if missing)")
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--experts", type=int, default=5, help="judges on 专家评分 (default 5)")
    parser.add_argument("--audience", type=int, default=5, help="judges on 专业观众评分 (default 5)")
    parser.add_argument("--categories", type=int, default=4, help="vote categories, 人气 first (1..4, default 4)")
    parser.add_argument("--votes", choices=("tallied", "raw"), default="tallied")
    parser.add_argument("--raw-votes", type=int, default=None, help="rows of the raw vote log (default 10 × entries)")
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args(argv)
    try:
        counts = generate(args.out, args.entries, experts=args.experts, audience=args.audience,
                          categories=args.categories, votes=args.votes, raw_votes=args.raw_votes, seed=args.seed)
    except ValueError as error:
        parser.error(str(error))
    print(", ".join(f"{name}: {n} rows" for name, n in counts.items()) + f" -> {args.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
