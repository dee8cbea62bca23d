-- raw_counts: the well-formed rows per entry and category, counted apart from classified
-- for the conservation check (from ranked, before any status is given).
SELECT e.id AS entry, c.id AS category, s.raw FROM (
    SELECT entry, category, count(*) AS raw FROM ranked WHERE problem IS NULL GROUP BY entry, category
) AS s JOIN entries AS e ON s.entry = e.code JOIN categories AS c ON s.category = c.code
