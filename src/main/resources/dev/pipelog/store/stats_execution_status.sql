-- Executions that started in the window, by outcome: any ERROR/CRITICAL failed it, else any WARNING.
SELECT CASE WHEN errors > 0 THEN 'FAILED' WHEN warnings > 0 THEN 'WARNINGS' ELSE 'OK' END AS status, count(*)
FROM (
    SELECT min(first_ts) AS first_ts, sum(n_error + n_critical) AS errors, sum(n_warning) AS warnings
    FROM execution_summary
    WHERE execution_id <> '' AND ${keys}
    GROUP BY pipeline_id, execution_id)
WHERE ${filters}
GROUP BY ALL
