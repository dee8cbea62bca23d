-- ranked: outside the window or not; then, of the votes the rubric's one_vote_per makes
-- one, the earliest is 1 (equal times: the earlier row). Narrow: integer entry and category,
-- and of the log's texts only those a later stage reads (script.carried).
SELECT line, entry, category$carried, t, day, hour, problem, outside,
       row_number() OVER (PARTITION BY $key, problem, outside ORDER BY t NULLS LAST, line) AS n
FROM (
    SELECT *, CASE WHEN problem IS NULL AND ($outside) THEN 1 ELSE 0 END AS outside FROM typed
) AS windowed
