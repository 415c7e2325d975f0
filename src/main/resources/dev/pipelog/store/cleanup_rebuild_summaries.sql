-- Recomputes the summaries of executions and correlations that lost records, from what is left.
DELETE FROM execution_summary USING (SELECT DISTINCT p, e FROM cleanup_doomed) d
WHERE execution_summary.pipeline_id = d.p AND execution_summary.execution_id = d.e;

INSERT INTO execution_summary
SELECT coalesce(r.pipeline_id, ''), coalesce(r.execution_id, ''), min(r.ts), max(r.ts),
       count(*) FILTER (WHERE r.level = 5), count(*) FILTER (WHERE r.level = 10),
       count(*) FILTER (WHERE r.level = 20), count(*) FILTER (WHERE r.level = 30),
       count(*) FILTER (WHERE r.level = 40), count(*) FILTER (WHERE r.level = 50),
       arg_max(r.message, r.ts) FILTER (WHERE r.level >= 40), max(r.ts) FILTER (WHERE r.level >= 40)
FROM log_record r
SEMI JOIN (SELECT DISTINCT p, e FROM cleanup_doomed) d
  ON coalesce(r.pipeline_id, '') = d.p AND coalesce(r.execution_id, '') = d.e
GROUP BY ALL;

DELETE FROM correlation_range USING (SELECT DISTINCT c FROM cleanup_doomed WHERE c IS NOT NULL) d
WHERE correlation_range.correlation_id = d.c;

INSERT INTO correlation_range
SELECT r.correlation_id, min(r.ts), max(r.ts)
FROM log_record r
SEMI JOIN (SELECT DISTINCT c FROM cleanup_doomed WHERE c IS NOT NULL) d ON r.correlation_id = d.c
GROUP BY ALL;

DELETE FROM level_minute_count USING (SELECT DISTINCT p, minute FROM cleanup_doomed) d
WHERE level_minute_count.pipeline_id = d.p AND level_minute_count.minute = d.minute;

INSERT INTO level_minute_count
SELECT coalesce(r.pipeline_id, ''), date_trunc('minute', r.ts), r.level, count(*)
FROM log_record r
SEMI JOIN (SELECT DISTINCT p, minute FROM cleanup_doomed) d
  ON coalesce(r.pipeline_id, '') = d.p AND date_trunc('minute', r.ts) = d.minute
WHERE r.ts >= (SELECT min(minute) FROM cleanup_doomed)
  AND r.ts < (SELECT max(minute) FROM cleanup_doomed) + INTERVAL 1 MINUTE
GROUP BY ALL;

DROP TABLE cleanup_doomed;
