-- Executions, newest first, from the summaries the writer keeps ('' is a missing id).
SELECT pipeline_id, execution_id, epoch_us(first_ts), epoch_us(last_ts),
       n_trace + n_debug + n_info + n_warning + n_error + n_critical,
       n_trace, n_debug, n_info, n_warning, n_error, n_critical, last_error
FROM execution_summary
WHERE execution_id <> '' AND ${filters}
ORDER BY first_ts DESC, execution_id DESC
LIMIT ?
