-- reinstated_by: per entry, category and rule, the counted votes a reinstatement of that rule took back.
SELECT k.entry, k.category, h.rule, count(DISTINCT h.line) AS reinstated
FROM reinstated_hits AS h JOIN classified AS k ON h.line = k.line
WHERE k.reinstated = 1 GROUP BY k.entry, k.category, h.rule
