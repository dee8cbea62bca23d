-- reinstated_by: per entry, category and rule, the counted votes a reinstatement of that rule took back.
SELECT e.id AS entry, c.id AS category, s.rule, s.reinstated FROM (
    SELECT k.entry, k.category, h.rule, count(DISTINCT h.line) AS reinstated
    FROM reinstated_hits AS h JOIN classified AS k ON h.line = k.line
    WHERE k.reinstated = 1 GROUP BY k.entry, k.category, h.rule
) AS s JOIN entries AS e ON s.entry = e.code JOIN categories AS c ON s.category = c.code
