-- Turning a correlation id into its time range scanned every partial row of correlation_range
-- (320k random UUID strings at 10M records, 17-28 ms, no zone map can skip them); through this
-- index it is a point lookup (about 1 ms). Measured in docs/benchmarks/store.md. The writer appends
-- a few hundred rows per batch, which the index takes in cheaply; it adds ~30 MB to a 10M-record file.
CREATE INDEX correlation_range_by_id ON correlation_range (correlation_id);
