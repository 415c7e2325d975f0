-- Loggers with the most ERROR and CRITICAL records (level 40 and above).
SELECT logger, pipeline_id, count(*) AS n
FROM log_record
WHERE level >= 40 AND ${filters}
GROUP BY ALL
ORDER BY n DESC, logger, pipeline_id
LIMIT ?
