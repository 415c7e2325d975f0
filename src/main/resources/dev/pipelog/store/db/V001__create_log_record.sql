-- One row per log record. No primary key or index: DuckDB's zone maps over the (nearly) time-ordered
-- ts column prune time-range scans, and an ART index would slow bulk appends and deletes. Ids are
-- deduplicated by the writer within a batch's time range instead.
CREATE TABLE log_record (
    id             VARCHAR   NOT NULL,
    ts             TIMESTAMP NOT NULL,
    received_at    TIMESTAMP NOT NULL,
    level          UTINYINT  NOT NULL, -- Python's level number: 5 TRACE, 10 DEBUG ... 50 CRITICAL
    logger         VARCHAR,
    message        VARCHAR   NOT NULL,
    pipeline_id    VARCHAR,
    execution_id   VARCHAR,
    correlation_id VARCHAR,
    span_id        VARCHAR,
    parent_span_id VARCHAR,
    module         VARCHAR,
    function       VARCHAR,
    line           INTEGER,
    thread         VARCHAR,
    process_id     BIGINT,
    host           VARCHAR,
    source         VARCHAR,
    extra          VARCHAR,            -- compact JSON text of an object
    stack_trace    VARCHAR
);
