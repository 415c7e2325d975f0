-- Executions that started in the window, by outcome: any ERROR/CRITICAL failed it, else any WARNING.
SELECT CASE WHEN n_error + n_critical > 0 THEN 'FAILED' WHEN n_warning > 0 THEN 'WARNINGS' ELSE 'OK' END AS status,
       count(*)
FROM execution_summary
WHERE execution_id <> '' AND ${filters}
GROUP BY ALL
