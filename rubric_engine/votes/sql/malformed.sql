-- malformed: the first malformed rows, by row.
SELECT line, problem FROM classified WHERE status = 'malformed' ORDER BY line LIMIT $first
