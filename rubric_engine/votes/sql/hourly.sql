-- hourly: counted and excluded votes per entry, category and contest-time hour (the chart).
SELECT e.id AS entry, c.id AS category, s.hour, s.counted, s.excluded FROM (
    SELECT entry, category, hour,
           sum(CASE WHEN status = 'counted' THEN 1 ELSE 0 END) AS counted,
           sum(CASE WHEN status = 'excluded' THEN 1 ELSE 0 END) AS excluded
    FROM classified WHERE status IN ('counted', 'excluded') AND hour IS NOT NULL GROUP BY entry, category, hour
) AS s JOIN entries AS e ON s.entry = e.code JOIN categories AS c ON s.category = c.code
