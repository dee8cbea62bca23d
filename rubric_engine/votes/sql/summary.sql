-- summary: per entry and category, where every vote went (reinstated: counted again after an appeal).
-- Grouped by the integer codes, the ids put back on the grouped rows.
SELECT e.id AS entry, c.id AS category, s.raw, s.counted, s.duplicates, s.outside, s.excluded, s.reinstated FROM (
    SELECT entry, category, count(*) AS raw,
           sum(CASE WHEN status = 'counted' THEN 1 ELSE 0 END) AS counted,
           sum(CASE WHEN status = 'duplicate' THEN 1 ELSE 0 END) AS duplicates,
           sum(CASE WHEN status = 'outside' THEN 1 ELSE 0 END) AS outside,
           sum(CASE WHEN status = 'excluded' THEN 1 ELSE 0 END) AS excluded,
           sum(reinstated) AS reinstated
    FROM classified WHERE status <> 'malformed' GROUP BY entry, category
) AS s JOIN entries AS e ON s.entry = e.code JOIN categories AS c ON s.category = c.code
