"""Baseline (b): the same finals as baseline (a), as ONE DuckDB SQL query.

    python benchmarks/baseline_duckdb.py DATA      # prints {"E001": 87.35, ...}

Needs ``pip install duckdb``. Per panel the mean over judges of (内容性 + 思想性 + 创新性 + 10),
the online points from the 2018 rank table over competition ranks (``rank()``) of the 人气
votes, final = 0.7 × 专家 + 0.1 × 专业观众 + points, rounded to 4 decimals.
"""
import json
import sys

import duckdb

data = sys.argv[1]
with open(f"{data}/votes.csv", encoding="utf-8-sig") as stream:
    raw = "投票人" in stream.readline()
# A raw log counts one vote per voter, entry and day inside the voting week; tallies are summed.
VOTES = """SELECT 作品编号 AS id, count(DISTINCT (投票人, left(CAST(投票时间 AS VARCHAR), 10))) AS n
           FROM read_csv($votes, header = true)
           WHERE 类别 = '人气' AND left(CAST(投票时间 AS VARCHAR), 10) BETWEEN '2018-10-20' AND '2018-10-26'
           GROUP BY ALL""" if raw else """SELECT 作品编号 AS id, sum(票数) AS n
           FROM read_csv($votes, header = true) WHERE 类别 = '人气' GROUP BY ALL"""
QUERY = f"""
WITH panel AS (SELECT 作品编号 AS id, 评分组 AS panel, avg(内容性 + 思想性 + 创新性 + 10) AS score
               FROM read_csv($scores, header = true) GROUP BY ALL),
     votes AS ({VOTES}),
     ranked AS (SELECT e.编号 AS id, rank() OVER (ORDER BY coalesce(v.n, 0) DESC) AS r
                FROM read_csv($entries, header = true) e LEFT JOIN votes v ON v.id = e.编号)
SELECT ranked.id, round(0.7 * coalesce(x.score, 10) + 0.1 * coalesce(a.score, 10)
                        + CASE WHEN r = 1 THEN 20 WHEN r <= 4 THEN 18 WHEN r <= 7 THEN 16
                               WHEN r <= 10 THEN 14 WHEN r <= 20 THEN 10 ELSE 9 END, 4)
FROM ranked LEFT JOIN panel x ON x.id = ranked.id AND x.panel = '专家评分'
            LEFT JOIN panel a ON a.id = ranked.id AND a.panel = '专业观众评分'
ORDER BY ranked.id
"""
rows = duckdb.execute(QUERY, {"entries": f"{data}/entries.csv", "scores": f"{data}/scores.csv",
                              "votes": f"{data}/votes.csv"}).fetchall()
print(json.dumps(dict(rows), ensure_ascii=False))
