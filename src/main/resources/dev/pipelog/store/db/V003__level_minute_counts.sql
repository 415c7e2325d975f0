-- Records per (pipeline, minute, level), kept by the writer, so statistics over days of data read a
-- few thousand rows instead of scanning millions (see docs/benchmarks/store.md). '' is "no pipeline".
CREATE TABLE level_minute_count (
    pipeline_id VARCHAR   NOT NULL,
    minute      TIMESTAMP NOT NULL,
    level       UTINYINT  NOT NULL,
    n           BIGINT    NOT NULL,
    PRIMARY KEY (pipeline_id, minute, level)
);
INSERT INTO level_minute_count
SELECT coalesce(pipeline_id, ''), date_trunc('minute', ts), level, count(*)
FROM log_record
GROUP BY ALL;
