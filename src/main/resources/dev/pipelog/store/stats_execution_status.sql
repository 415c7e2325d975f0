-- Executions by outcome: the highest level an execution logged decides it (40+ failed, 30 warnings).
SELECT CASE WHEN top >= 40 THEN 'FAILED' WHEN top >= 30 THEN 'WARNINGS' ELSE 'OK' END AS status, count(*)
FROM (
    SELECT max(level) AS top
    FROM log_record
    WHERE execution_id IS NOT NULL AND ${filters}
    GROUP BY pipeline_id, execution_id)
GROUP BY ALL
