-- ip_burst: every vote for one entry (and category) from one IP that falls in a window
-- [t, t + within) holding more than max_votes such votes. Windows starting at a vote are
-- enough: any window can slide right to its first vote without losing one.
SELECT line FROM (
    SELECT line, max(opens) OVER (PARTITION BY entry, category, ip ORDER BY t
                                  RANGE BETWEEN $within_1 PRECEDING AND CURRENT ROW) AS caught
    FROM (
        SELECT line, entry, category, ip, t,
               CASE WHEN count(*) OVER (PARTITION BY entry, category, ip ORDER BY t
                                        RANGE BETWEEN CURRENT ROW AND $within_1 FOLLOWING) > $max_votes
                    THEN 1 ELSE 0 END AS opens
        FROM deduped WHERE ip <> '' AND t IS NOT NULL
    ) AS starts
) AS windows WHERE caught = 1
