-- typed: every row with its entry and category ids, its time in contest time (t: micro-
-- seconds, day, hour, all since 1970-01-01) and its problem when it is malformed.
SELECT p.line, e.id AS entry, c.id AS category, p.voter, p.ip, p.device, p.time,
       coalesce(p.days * 86400000000 + (p.h * 3600 + p.mi * 60 + p.s) * 1000000, f.t) AS t,
       coalesce(p.days, f.day) AS day,
       coalesce(p.days * 24 + p.h, f.hour) AS hour,
       CASE WHEN p.entry = '' THEN 'missing_entry'
            WHEN e.id IS NULL THEN 'unknown_entry'
            WHEN p.voter = '' THEN 'missing_voter'
            WHEN c.id IS NULL THEN 'unknown_category'
            WHEN p.time = '' AND $needs_time THEN 'missing_time'
            WHEN p.time <> '' AND p.days IS NULL AND f.t IS NULL THEN 'bad_time'
       END AS problem
FROM parts AS p
LEFT JOIN entries AS e ON p.entry = e.id
LEFT JOIN cat_map AS c ON p.category = c.text
LEFT JOIN time_fix AS f ON p.time = f.time
