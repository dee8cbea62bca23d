-- by_rule: per entry, category and rule, the votes it excluded (attributed to the first
-- exclude rule) and the votes it matched (every matching rule, flag or exclude).
SELECT entry, category, rule, sum(excluded) AS excluded, sum(matched) AS matched FROM (
    SELECT entry, category, rule, 1 AS excluded, 0 AS matched FROM classified WHERE status = 'excluded'
    UNION ALL
    SELECT d.entry, d.category, c.rule, 0 AS excluded, 1 AS matched
    FROM caught AS c JOIN deduped AS d ON c.line = d.line
) AS hits GROUP BY entry, category, rule
