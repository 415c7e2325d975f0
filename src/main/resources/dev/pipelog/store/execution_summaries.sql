-- Executions, newest first, adding up the writer's partial summaries ('' is a missing id).
SELECT pipeline_id, execution_id, epoch_us(first_ts), epoch_us(last_ts),
       n_trace + n_debug + n_info + n_warning + n_error + n_critical,
       n_trace, n_debug, n_info, n_warning, n_error, n_critical, last_error
FROM (
    SELECT pipeline_id, execution_id, min(first_ts) AS first_ts, max(last_ts) AS last_ts,
           sum(n_trace) AS n_trace, sum(n_debug) AS n_debug, sum(n_info) AS n_info,
           sum(n_warning) AS n_warning, sum(n_error) AS n_error, sum(n_critical) AS n_critical,
           arg_max(last_error, last_error_ts) AS last_error
    FROM execution_summary
    WHERE execution_id <> '' AND ${keys}
    GROUP BY pipeline_id, execution_id)
WHERE ${filters}
ORDER BY first_ts DESC, execution_id DESC
LIMIT ?
