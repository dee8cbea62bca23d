-- typed: every row with its entry and category as integer codes (entries.code,
-- categories.code: the sorts and groups that follow move integers, not texts), its time in
-- contest time (t: microseconds, day, hour, all since 1970-01-01) and its problem when it is
-- malformed. Of the log's texts (voter, ip, device), only those the later stages read.
SELECT r.line, e.code AS entry, c.code AS category$carried,
       coalesce(CAST(p.days AS BIGINT) * 86400000000 + (CAST(p.h AS BIGINT) * 3600 + p.ms) * 1000000, f.t) AS t,
       coalesce(CAST(p.days AS BIGINT), f.day) AS day,
       coalesce(CAST(p.days AS BIGINT) * 24 + p.h, f.hour) AS hour,
       CASE WHEN r.entry = '' THEN 'missing_entry'
            WHEN e.code IS NULL THEN 'unknown_entry'
            WHEN r.voter = '' THEN 'missing_voter'
            WHEN c.code IS NULL THEN 'unknown_category'
            WHEN r.time = '' AND $needs_time THEN 'missing_time'
            WHEN r.time <> '' AND p.days IS NULL AND f.t IS NULL THEN 'bad_time'
       END AS problem
FROM raw_log AS r
JOIN parts AS p ON r.line = p.line
LEFT JOIN entries AS e ON r.entry = e.id
LEFT JOIN cat_map AS c ON r.category = c.text
LEFT JOIN time_fix AS f ON p.unread = f.time
