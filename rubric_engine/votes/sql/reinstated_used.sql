-- reinstated_used: the reinstatements (file rows) that took back at least one vote.
SELECT DISTINCT request FROM reinstated_hits
