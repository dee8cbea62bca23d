SELECT count(*) AS malformed FROM classified WHERE status = 'malformed'
