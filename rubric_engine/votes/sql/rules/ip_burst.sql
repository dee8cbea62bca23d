-- ip_burst: every vote for one entry (and category) from one IP that falls in a window
-- [t, t + within) holding more than max_votes such votes. Windows starting at a vote are
-- enough: any window can slide right to its first vote without losing one. Only the IPs
-- with more than max_votes votes for the entry in all can hold such a window: the sliding
-- windows (a sort) run over those alone, not over every vote of the log.
WITH heavy AS (
    SELECT entry, category, ip FROM deduped_keys WHERE ip <> '' AND t IS NOT NULL
    GROUP BY entry, category, ip HAVING count(*) > $max_votes
), candidates AS (
    SELECT d.line, d.entry, d.category, d.ip, d.t FROM deduped_keys AS d
    JOIN heavy AS h ON d.entry = h.entry AND d.category = h.category AND d.ip = h.ip
    WHERE d.t IS NOT NULL
)
SELECT line FROM (
    SELECT line, max(opens) OVER (PARTITION BY entry, category, ip ORDER BY t
                                  RANGE BETWEEN $within_1 PRECEDING AND CURRENT ROW) AS caught
    FROM (
        SELECT line, entry, category, ip, t,
               CASE WHEN count(*) OVER (PARTITION BY entry, category, ip ORDER BY t
                                        RANGE BETWEEN CURRENT ROW AND $within_1 FOLLOWING) > $max_votes
                    THEN 1 ELSE 0 END AS opens
        FROM candidates
    ) AS starts
) AS windows WHERE caught = 1
