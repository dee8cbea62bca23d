-- ip_cap: at most max_votes per IP per entry (and category) per clock period (hour or day);
-- the votes past the cap are caught, the earliest kept (equal times: the earlier row). Only
-- the periods with more than max_votes such votes have any past the cap: the numbering (a
-- sort) runs over those alone.
WITH heavy AS (
    SELECT entry, category, ip, $per AS period FROM deduped_keys WHERE ip <> '' AND t IS NOT NULL
    GROUP BY entry, category, ip, $per HAVING count(*) > $max_votes
)
SELECT line FROM (
    SELECT d.line, row_number() OVER (PARTITION BY d.entry, d.category, d.ip, d.$per ORDER BY d.t, d.line) AS position
    FROM deduped_keys AS d JOIN heavy AS h ON d.entry = h.entry AND d.category = h.category AND d.ip = h.ip
                                     AND d.$per = h.period
    WHERE d.t IS NOT NULL
) AS ranked WHERE position > $max_votes
