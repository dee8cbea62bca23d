-- deduped: the votes the rules look at, one per one_vote_per key, inside the window.
SELECT line, entry, category, voter, ip, device, t, day, hour
FROM ranked WHERE problem IS NULL AND outside = 0 AND n = 1
