-- device_voters: every vote of a device behind more than max_voters voters.
SELECT d.line FROM deduped_keys AS d
JOIN (
    SELECT device FROM deduped_keys WHERE device <> ''
    GROUP BY device HAVING count(DISTINCT voter) > $max_voters
) AS crowded ON d.device = crowded.device
