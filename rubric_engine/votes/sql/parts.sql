-- parts: each row's time read by the SQL itself when it is a plain contest-time date or
-- date-time (2018-10-20, 2018/10/20 8:30, 2018-10-20T08:30:15); every other text is
-- read by the project's parser in Python and joined back from time_fix. Days are
-- counted from 1970-01-01 with integer arithmetic only (days_from_civil), so every
-- dialect gives the same numbers and no time-zone function is involved. A table of
-- small numbers (the texts stay in raw_log; typed joins them back by line): the times are
-- parsed once, and only the unread ones are kept as text, for unread_times.
SELECT line, CAST(days AS INTEGER) AS days, CAST(h AS TINYINT) AS h, CAST(mi * 60 + s AS SMALLINT) AS ms,
       CASE WHEN days IS NULL AND time <> '' THEN time END AS unread
FROM (
SELECT line, time, h, mi, s,
       CASE WHEN y IS NULL OR m < 1 OR m > 12 OR d < 1 OR h > 23 OR mi > 59 OR s > 59
                 OR d > CASE WHEN m IN (1, 3, 5, 7, 8, 10, 12) THEN 31
                             WHEN m IN (4, 6, 9, 11) THEN 30
                             WHEN (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0 THEN 29
                             ELSE 28 END
            THEN NULL
            ELSE era * 146097 + yoe * 365 + CAST(FLOOR(yoe / 4) AS BIGINT) - CAST(FLOOR(yoe / 100) AS BIGINT)
                 + CAST(FLOOR((153 * (m + CASE WHEN m > 2 THEN -3 ELSE 9 END) + 2) / 5) AS BIGINT) + d - 1
                 - 719468
       END AS days
FROM (
    SELECT *, CAST(FLOOR((y - CASE WHEN m <= 2 THEN 1 ELSE 0 END) / 400) AS BIGINT) AS era,
           (y - CASE WHEN m <= 2 THEN 1 ELSE 0 END)
             - 400 * CAST(FLOOR((y - CASE WHEN m <= 2 THEN 1 ELSE 0 END) / 400) AS BIGINT) AS yoe
    FROM (
        SELECT *,
               CASE WHEN plain THEN CAST(year(ts) AS BIGINT)
                    ELSE CAST(NULLIF(regexp_extract(time, '$pattern', 1), '') AS BIGINT) END AS y,
               CASE WHEN plain THEN CAST(month(ts) AS BIGINT)
                    ELSE CAST(NULLIF(regexp_extract(time, '$pattern', 2), '') AS BIGINT) END AS m,
               CASE WHEN plain THEN CAST(day(ts) AS BIGINT)
                    ELSE CAST(NULLIF(regexp_extract(time, '$pattern', 3), '') AS BIGINT) END AS d,
               CASE WHEN plain THEN CAST(hour(ts) AS BIGINT)
                    ELSE coalesce(CAST(NULLIF(regexp_extract(time, '$pattern', 4), '') AS BIGINT), 0) END AS h,
               CASE WHEN plain THEN CAST(minute(ts) AS BIGINT)
                    ELSE coalesce(CAST(NULLIF(regexp_extract(time, '$pattern', 5), '') AS BIGINT), 0) END AS mi,
               CASE WHEN plain THEN CAST(second(ts) AS BIGINT)
                    ELSE coalesce(CAST(NULLIF(regexp_extract(time, '$pattern', 6), '') AS BIGINT), 0) END AS s
        FROM (
            -- the usual 2018-10-20 08:30[:15] (a year from 1000, an hour to 23) read as a
            -- timestamp by the engine's own cast, NULL where not a date (02-30, minute 60: then
            -- the project's parser says why); the rest by the pattern, as before
            SELECT *, CASE WHEN plain THEN TRY_CAST(time AS TIMESTAMP) END AS ts
            FROM (
                SELECT *, regexp_matches(time, '^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-9]{2}(:[0-9]{2})?$$')
                          AS plain
                FROM raw_log
            ) AS shaped
        ) AS stamped
    ) AS split
) AS civil
) AS read
