-- The rows a cleanup removes, with the keys whose summaries must be rebuilt afterwards.
CREATE TEMP TABLE cleanup_doomed AS
SELECT rowid AS rid, coalesce(pipeline_id, '') AS p, coalesce(execution_id, '') AS e, correlation_id AS c,
       date_trunc('minute', ts) AS minute
FROM log_record
WHERE ${condition}
