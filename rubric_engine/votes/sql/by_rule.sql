-- by_rule: per entry, category and rule, the votes it excluded (attributed to the first
-- exclude rule) and the votes it matched (every matching rule, flag or exclude).
SELECT e.id AS entry, c.id AS category, s.rule, s.excluded, s.matched FROM (
    SELECT entry, category, rule, sum(excluded) AS excluded, sum(matched) AS matched FROM (
        SELECT entry, category, rule, 1 AS excluded, 0 AS matched FROM classified WHERE status = 'excluded'
        UNION ALL
        SELECT k.entry, k.category, h.rule, 0 AS excluded, 1 AS matched
        FROM caught AS h JOIN ranked AS k ON h.line = k.line
    ) AS hits GROUP BY entry, category, rule
) AS s JOIN entries AS e ON s.entry = e.code JOIN categories AS c ON s.category = c.code
