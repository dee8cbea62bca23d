-- excluded: each excluded vote and the first exclude rule (in rubric order) that caught it,
-- leaving out the catches a reinstatement took back (reinstated_hits).
SELECT x.line, r.id AS rule FROM (
    SELECT c.line, min(c.position) AS position
    FROM caught AS c LEFT JOIN reinstated_hits AS h ON c.line = h.line AND c.rule = h.rule
    WHERE c.action = 'exclude' AND h.line IS NULL GROUP BY c.line
) AS x JOIN rules AS r ON x.position = r.position
