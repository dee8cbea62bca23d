-- entry_spike: an entry's votes (per category) in a clock hour above factor x its median
-- over the hours in which it got votes; the votes past the allowed count are caught, the
-- earliest kept. The median is kept doubled (an integer), the factor as num / den.
WITH hours AS (
    SELECT entry, category, hour, count(*) AS votes
    FROM deduped_keys WHERE t IS NOT NULL GROUP BY entry, category, hour
), ordered AS (
    SELECT entry, category, votes,
           row_number() OVER (PARTITION BY entry, category ORDER BY votes) AS k,
           count(*) OVER (PARTITION BY entry, category) AS n
    FROM hours
), medians AS (
    SELECT entry, category,
           sum(CASE WHEN n % 2 = 1 AND 2 * k = n + 1 THEN 2 * votes
                    WHEN n % 2 = 0 AND (2 * k = n OR 2 * k = n + 2) THEN votes
                    ELSE 0 END) AS median2
    FROM ordered GROUP BY entry, category
), ranked AS (
    SELECT line, entry, category,
           row_number() OVER (PARTITION BY entry, category, hour ORDER BY t, line) AS position
    FROM deduped_keys WHERE t IS NOT NULL
)
SELECT r.line FROM ranked AS r
JOIN medians AS m ON r.entry = m.entry AND r.category = m.category
WHERE 2 * $factor_den * r.position > $factor_num * m.median2
