-- classified: every row of the log with one status: malformed, outside, duplicate,
-- excluded (and the rule) or counted.
SELECT k.line, k.entry, k.category, k.problem, k.hour,
       CASE WHEN k.problem IS NOT NULL THEN 'malformed'
            WHEN k.outside = 1 THEN 'outside'
            WHEN k.n > 1 THEN 'duplicate'
            WHEN x.rule IS NOT NULL THEN 'excluded'
            ELSE 'counted' END AS status,
       x.rule
FROM ranked AS k LEFT JOIN excluded AS x ON k.line = x.line
