-- summary: per entry and category, where every vote went (reinstated: counted again after an appeal).
SELECT entry, category, count(*) AS raw,
       sum(CASE WHEN status = 'counted' THEN 1 ELSE 0 END) AS counted,
       sum(CASE WHEN status = 'duplicate' THEN 1 ELSE 0 END) AS duplicates,
       sum(CASE WHEN status = 'outside' THEN 1 ELSE 0 END) AS outside,
       sum(CASE WHEN status = 'excluded' THEN 1 ELSE 0 END) AS excluded,
       sum(reinstated) AS reinstated
FROM classified WHERE status <> 'malformed' GROUP BY entry, category
