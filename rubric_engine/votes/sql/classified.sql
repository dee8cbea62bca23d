-- classified: every row of the log with one status: malformed, outside, duplicate,
-- excluded (and the rule) or counted; reinstated = 1 for a counted vote an exclude rule
-- had caught and a reinstatement took back.
SELECT k.line, k.entry, k.category, k.problem, k.hour,
       CASE WHEN k.problem IS NOT NULL THEN 'malformed'
            WHEN k.outside = 1 THEN 'outside'
            WHEN k.n > 1 THEN 'duplicate'
            WHEN x.rule IS NOT NULL THEN 'excluded'
            ELSE 'counted' END AS status,
       x.rule,
       CASE WHEN k.problem IS NULL AND k.outside = 0 AND k.n = 1 AND x.rule IS NULL AND h.line IS NOT NULL
            THEN 1 ELSE 0 END AS reinstated
FROM ranked AS k LEFT JOIN excluded AS x ON k.line = x.line
LEFT JOIN (SELECT DISTINCT line FROM reinstated_hits) AS h ON k.line = h.line
