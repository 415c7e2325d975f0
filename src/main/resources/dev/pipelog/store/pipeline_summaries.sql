SELECT pipeline_id, epoch_us(min(first_ts)), epoch_us(max(last_ts)), count(*) FILTER (WHERE execution_id <> ''),
       sum(n_trace + n_debug + n_info + n_warning + n_error + n_critical), sum(n_error + n_critical)
FROM execution_summary
WHERE pipeline_id <> ''
GROUP BY pipeline_id
ORDER BY pipeline_id
