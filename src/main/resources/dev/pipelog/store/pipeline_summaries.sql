SELECT pipeline_id, epoch_us(min(ts)), epoch_us(max(ts)), count(DISTINCT execution_id), count(*),
       count(*) FILTER (WHERE level >= 40)
FROM log_record
WHERE pipeline_id IS NOT NULL
GROUP BY pipeline_id
ORDER BY pipeline_id
