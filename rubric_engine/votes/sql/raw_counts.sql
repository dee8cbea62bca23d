-- raw_counts: the well-formed rows per entry and category, counted apart from classified
-- for the conservation check (from ranked, before any status is given).
SELECT entry, category, count(*) AS raw FROM ranked WHERE problem IS NULL GROUP BY entry, category
