-- Faster queries at millions of records, measured in docs/benchmarks/store.md:
-- * message_lc: the message lower-cased once at write time, so a case-insensitive substring search
--   is a plain contains() scan (about 3x faster than contains(lower(message), ...) or ILIKE).
-- * execution_summary: per (pipeline, execution) first/last time, counts by level and last error,
--   kept up to date by the writer, so executions, pipelines and execution outcomes need no scan of
--   log_record. '' stands for a missing pipeline or execution id (key columns cannot be NULL).
-- * correlation_range: first/last time of each correlation id, so its records are read from a
--   narrow time range that zone maps find quickly instead of a scan of every correlation id.
ALTER TABLE log_record ADD COLUMN message_lc VARCHAR;
UPDATE log_record SET message_lc = lower(message);

CREATE TABLE execution_summary (
    pipeline_id   VARCHAR   NOT NULL,
    execution_id  VARCHAR   NOT NULL,
    first_ts      TIMESTAMP NOT NULL,
    last_ts       TIMESTAMP NOT NULL,
    n_trace       BIGINT    NOT NULL,
    n_debug       BIGINT    NOT NULL,
    n_info        BIGINT    NOT NULL,
    n_warning     BIGINT    NOT NULL,
    n_error       BIGINT    NOT NULL,
    n_critical    BIGINT    NOT NULL,
    last_error    VARCHAR,
    last_error_ts TIMESTAMP,
    PRIMARY KEY (pipeline_id, execution_id)
);
INSERT INTO execution_summary
SELECT coalesce(pipeline_id, ''), coalesce(execution_id, ''), min(ts), max(ts),
       count(*) FILTER (WHERE level = 5), count(*) FILTER (WHERE level = 10),
       count(*) FILTER (WHERE level = 20), count(*) FILTER (WHERE level = 30),
       count(*) FILTER (WHERE level = 40), count(*) FILTER (WHERE level = 50),
       arg_max(message, ts) FILTER (WHERE level >= 40), max(ts) FILTER (WHERE level >= 40)
FROM log_record
GROUP BY ALL;

CREATE TABLE correlation_range (
    correlation_id VARCHAR   NOT NULL PRIMARY KEY,
    first_ts       TIMESTAMP NOT NULL,
    last_ts        TIMESTAMP NOT NULL
);
INSERT INTO correlation_range
SELECT correlation_id, min(ts), max(ts) FROM log_record WHERE correlation_id IS NOT NULL GROUP BY ALL;
