-- Folds one batch's per-execution deltas into the running summaries.
INSERT INTO execution_summary SELECT * FROM execution_delta
ON CONFLICT (pipeline_id, execution_id) DO UPDATE SET
    first_ts = least(first_ts, excluded.first_ts),
    last_ts = greatest(last_ts, excluded.last_ts),
    n_trace = n_trace + excluded.n_trace,
    n_debug = n_debug + excluded.n_debug,
    n_info = n_info + excluded.n_info,
    n_warning = n_warning + excluded.n_warning,
    n_error = n_error + excluded.n_error,
    n_critical = n_critical + excluded.n_critical,
    last_error = CASE WHEN excluded.last_error_ts IS NOT NULL
                       AND (last_error_ts IS NULL OR excluded.last_error_ts >= last_error_ts)
                      THEN excluded.last_error ELSE last_error END,
    last_error_ts = CASE WHEN excluded.last_error_ts IS NOT NULL
                          AND (last_error_ts IS NULL OR excluded.last_error_ts >= last_error_ts)
                         THEN excluded.last_error_ts ELSE last_error_ts END
