-- excluded: each excluded vote and the first exclude rule (in rubric order) that caught it.
SELECT x.line, r.id AS rule FROM (
    SELECT line, min(position) AS position FROM caught WHERE action = 'exclude' GROUP BY line
) AS x JOIN rules AS r ON x.position = r.position
