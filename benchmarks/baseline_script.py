"""Baseline (a): the 2018 finals as a user would compute them by hand, csv.reader + float.

    python benchmarks/baseline_script.py DATA      # prints {"E001": 87.35, ...}

No validation, no exactness: per panel the mean over judges of (内容性 + 思想性 + 创新性 +
10 for 规范性), the online points from the rank table over competition ranks of the 人气
votes, final = 0.7 × 专家 + 0.1 × 专业观众 + points. Reads the benchmark generator's output.
"""
import csv
import json
import sys
from collections import defaultdict

data = sys.argv[1]
RANK_TABLE = ((1, 20), (4, 18), (7, 16), (10, 14), (20, 10))  # last rank → points; 21.. → 9


def table(name):
    with open(f"{data}/{name}", encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        yield {column: n for n, column in enumerate(header)}
        yield from reader


entries = table("entries.csv")
ids = [row[0] for row in list(entries)[1:]]
sums, counts = defaultdict(float), defaultdict(int)
scores = table("scores.csv")
col = next(scores)
panel, entry, marks = col["评分组"], col["作品编号"], (col["内容性"], col["思想性"], col["创新性"])
for row in scores:
    key = (row[entry], row[panel])
    sums[key] += float(row[marks[0]]) + float(row[marks[1]]) + float(row[marks[2]]) + 10
    counts[key] += 1
votes, seen = dict.fromkeys(ids, 0), set()
rows = table("votes.csv")
col = next(rows)
for row in rows:
    if row[col["类别"]] != "人气":
        continue
    if "投票人" in col:   # a raw log: one vote per voter, entry and day, inside the voting week
        day = row[col["投票时间"]][:10]
        if "2018-10-20" <= day <= "2018-10-26" and (row[col["投票人"]], row[col["作品编号"]], day) not in seen:
            seen.add((row[col["投票人"]], row[col["作品编号"]], day))
            votes[row[col["作品编号"]]] += 1
    else:
        votes[row[col["作品编号"]]] += int(row[col["票数"]])
rank = {}
for position, n in enumerate(sorted(votes.values(), reverse=True), start=1):
    rank.setdefault(n, position)   # competition ranking: equal votes share the first position


def mean(e, p):
    return sums[e, p] / counts[e, p] if counts[e, p] else 10.0


def points(r):
    return next((p for last, p in RANK_TABLE if r <= last), 9)


finals = {e: round(0.7 * mean(e, "专家评分") + 0.1 * mean(e, "专业观众评分") + points(rank[votes[e]]), 4) for e in ids}
print(json.dumps(finals, ensure_ascii=False))
