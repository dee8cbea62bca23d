"""The least a bare DuckDB script must do for the issue's semantics: the engine's floor.

    python benchmarks/votes_lower_bound.py benchmarks/.data/votes-N/votes.csv

benchmarks/votes.py's baseline counts DISTINCT (voter, entry, category, day): it never reads
IP or device, never picks *which* vote of a key counts and runs no rule. This script reads all
six columns, keeps the earliest vote per one_vote_per key (voter, entry, category, day; equal
times: the earlier row), runs ip_burst (more than 200 votes for one entry from one IP in any
[t, t + 10 min)) over the heavy (entry, category, IP) groups only, and counts per entry inside
the window. No trims, no malformed rows, no time zones, no audit: a floor, not a rival.
Prints entry and count, tab-separated, as the baseline does.
"""
import sys

import duckdb

con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute("SET preserve_insertion_order = false")
con.execute("""
CREATE TEMP TABLE file AS
SELECT 投票人 AS voter, 作品编号 AS entry, coalesce(nullif(类别, ''), '人气') AS category,
       epoch_us(CAST(投票时间 AS TIMESTAMP)) AS t, IP AS ip, 设备 AS device
FROM read_csv(?, header = true, all_varchar = true)""", [sys.argv[1]])
con.execute("CREATE TEMP VIEW log AS SELECT rowid AS line, * FROM file")  # the file's row, as the engine's line
con.execute("""
CREATE TEMP TABLE firsts AS
SELECT arg_min(line, (t, line)) AS line, entry, category, arg_min(ip, (t, line)) AS ip, min(t) AS t
FROM log WHERE t // 86400000000 BETWEEN 17824 AND 17830
GROUP BY voter, entry, category, t // 86400000000""")
con.execute("""
CREATE TEMP TABLE caught AS
WITH heavy AS (
    SELECT entry, category, ip FROM firsts GROUP BY ALL HAVING count(*) > 200
), g AS (
    SELECT f.line, f.entry, f.category, f.ip, f.t FROM firsts AS f JOIN heavy USING (entry, category, ip)
), opens AS (
    SELECT *, CASE WHEN lead(t, 200) OVER w < t + 600000000 THEN t END AS opened FROM g
    WINDOW w AS (PARTITION BY entry, category, ip ORDER BY t, line)
)
SELECT line FROM (
    SELECT line, t, max(opened) OVER (PARTITION BY entry, category, ip ORDER BY t, line
                                      ROWS UNBOUNDED PRECEDING) AS last_open FROM opens
) WHERE t < last_open + 600000000""")
rows = con.execute("""
SELECT entry, count(*) FROM firsts WHERE category = '人气' AND line NOT IN (SELECT line FROM caught)
GROUP BY entry ORDER BY entry""").fetchall()
print("\n".join(f"{e}\t{n}" for e, n in rows))
