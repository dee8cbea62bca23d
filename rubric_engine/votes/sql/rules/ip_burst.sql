-- ip_burst: every vote for one entry (and category) from one IP that falls in a window
-- [t, t + within) holding more than max_votes such votes. Windows starting at a vote are
-- enough: any window can slide right to its first vote without losing one. Only the IPs
-- with more than max_votes votes for the entry in all can hold such a window: the sliding
-- windows run over those alone, not over every vote of the log.
WITH heavy AS (
    SELECT entry, category, ip FROM deduped_keys WHERE ip <> '' AND t IS NOT NULL
    GROUP BY entry, category, ip HAVING count(*) > $max_votes
), candidates AS (
    SELECT d.line, d.entry, d.category, d.ip, d.t FROM deduped_keys AS d
    JOIN heavy AS h ON d.entry = h.entry AND d.category = h.category AND d.ip = h.ip
    WHERE d.t IS NOT NULL
)
-- A window starting at vote i holds more than max_votes votes exactly when the vote max_votes
-- places after it (by t, then row) is still inside it (ties: the first vote of equal times sees
-- them all, and a later one never opens a window that was not). A vote is caught when the
-- latest opening at or before it (a running max: ROWS, one sort, no RANGE frame) is less than
-- within before it.
SELECT line FROM (
    SELECT line, t, max(opened) OVER (PARTITION BY entry, category, ip ORDER BY t, line
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS opened
    FROM (
        SELECT line, entry, category, ip, t,
               CASE WHEN lead(t, $max_votes) OVER (PARTITION BY entry, category, ip ORDER BY t, line) <= t + $within_1
                    THEN t END AS opened
        FROM candidates
    ) AS starts
) AS windows WHERE t <= opened + $within_1
