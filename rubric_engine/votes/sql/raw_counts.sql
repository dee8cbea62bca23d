-- raw_counts: the well-formed rows per entry and category, counted apart from classified
-- for the conservation check.
SELECT entry, category, count(*) AS raw FROM typed WHERE problem IS NULL GROUP BY entry, category
