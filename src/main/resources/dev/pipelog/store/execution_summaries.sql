-- Executions that started within the bounds, newest first. Records before "since" cannot belong to
-- an execution that started after it, so that bound also filters rows; "until" bounds the start.
SELECT pipeline_id, execution_id, epoch_us(min(ts)) AS started, epoch_us(max(ts)), count(*),
       count(*) FILTER (WHERE level = 5), count(*) FILTER (WHERE level = 10),
       count(*) FILTER (WHERE level = 20), count(*) FILTER (WHERE level = 30),
       count(*) FILTER (WHERE level = 40), count(*) FILTER (WHERE level = 50),
       arg_max(message, ts) FILTER (WHERE level >= 40)
FROM log_record
WHERE execution_id IS NOT NULL AND ${filters}
GROUP BY pipeline_id, execution_id
HAVING ${having}
ORDER BY started DESC, execution_id DESC
LIMIT ?
