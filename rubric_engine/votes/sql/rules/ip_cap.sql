-- ip_cap: at most max_votes per IP per entry (and category) per clock period (hour or day);
-- the votes past the cap are caught, the earliest kept (equal times: the earlier row).
SELECT line FROM (
    SELECT line, row_number() OVER (PARTITION BY entry, category, ip, $per ORDER BY t, line) AS position
    FROM deduped WHERE ip <> '' AND t IS NOT NULL
) AS ranked WHERE position > $max_votes
