-- deduped: the votes the rules look at, one per one_vote_per key, inside the window, with
-- their entry and category ids as text again (the small tables entries and categories).
-- A text of the log no rule reads is not carried through ranked: it reads as ''.
SELECT k.line, e.id AS entry, c.id AS category, $texts, k.t, k.day, k.hour
FROM ranked AS k JOIN entries AS e ON k.entry = e.code JOIN categories AS c ON k.category = c.code
WHERE k.problem IS NULL AND k.outside = 0 AND k.n = 1
