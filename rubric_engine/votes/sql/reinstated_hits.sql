-- reinstated_hits: the exclude rules' catches that a reinstatement (votes_reinstated: rule,
-- entry, and voter or IP; '' where not given) takes back, with the reinstatement's file row.
SELECT DISTINCT c.line, c.rule, r.request
FROM caught AS c JOIN deduped AS d ON c.line = d.line
JOIN reinstated AS r ON r.rule = c.rule AND r.entry = d.entry
                    AND (r.voter = '' OR r.voter = d.voter) AND (r.ip = '' OR r.ip = d.ip)
WHERE c.action = 'exclude'
