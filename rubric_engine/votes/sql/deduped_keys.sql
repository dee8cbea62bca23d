-- deduped_keys: deduped with entry and category as their integer codes (entries.code,
-- categories.code), for the rules that only group or compare them (the built-in ones): no
-- join, and their sorts move integers. A rule that compares an entry with a text reads deduped.
SELECT line, entry, category, $texts, t, day, hour
FROM ranked WHERE problem IS NULL AND outside = 0 AND n = 1
