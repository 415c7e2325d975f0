-- The summary tables become append-only: the writer appends one partial row per key and batch
-- instead of upserting, and queries add the partials up. Upserts through the primary-key indexes
-- cost about a third of an append (docs/benchmarks/store.md); a key has only a few partial rows, so
-- the sums stay cheap. DuckDB cannot drop a primary key, so the tables are rebuilt without one.
CREATE TABLE execution_summary_v4 AS SELECT * FROM execution_summary;
DROP TABLE execution_summary;
ALTER TABLE execution_summary_v4 RENAME TO execution_summary;

CREATE TABLE correlation_range_v4 AS SELECT * FROM correlation_range;
DROP TABLE correlation_range;
ALTER TABLE correlation_range_v4 RENAME TO correlation_range;

CREATE TABLE level_minute_count_v4 AS SELECT * FROM level_minute_count;
DROP TABLE level_minute_count;
ALTER TABLE level_minute_count_v4 RENAME TO level_minute_count;
