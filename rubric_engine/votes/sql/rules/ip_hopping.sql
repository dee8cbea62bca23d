-- ip_hopping: a voter whose IP changes more than max_changes times within a window of
-- `within`: the voter's votes from the change that passes max_changes on (votes with an IP).
WITH movers AS (  -- more than max_changes changes need more than max_changes + 1 votes: only those are sorted
    SELECT voter FROM deduped_keys WHERE ip <> '' AND t IS NOT NULL GROUP BY voter HAVING count(*) > $max_changes + 1
), ordered AS (
    SELECT d.line, d.voter, d.ip, d.t, lag(d.ip) OVER (PARTITION BY d.voter ORDER BY d.t, d.line) AS previous
    FROM deduped_keys AS d JOIN movers AS m ON d.voter = m.voter WHERE d.ip <> '' AND d.t IS NOT NULL
), changes AS (
    SELECT line, voter, t FROM ordered WHERE previous IS NOT NULL AND previous <> ip
), recent AS (
    SELECT line, voter, t,
           count(*) OVER (PARTITION BY voter ORDER BY t RANGE BETWEEN $within_1 PRECEDING AND CURRENT ROW) AS changes
    FROM changes
), passing AS (
    SELECT line, voter, t, row_number() OVER (PARTITION BY voter ORDER BY t, line) AS k
    FROM recent WHERE changes > $max_changes
)
SELECT o.line FROM ordered AS o
JOIN passing AS p ON o.voter = p.voter AND p.k = 1
WHERE o.t > p.t OR (o.t = p.t AND o.line >= p.line)
