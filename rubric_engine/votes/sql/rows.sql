SELECT count(*) AS rows FROM raw_log
