-- Counts per (pipeline, level, bucket) from the per-minute table, for whole minutes of the window.
-- Buckets are whole minutes, so each minute falls in exactly one bucket.
SELECT nullif(pipeline_id, ''), level, (epoch_us(minute) // ?) * ? AS bucket_start, sum(n)::BIGINT
FROM level_minute_count
WHERE minute >= ? AND minute < ? AND ${filters}
GROUP BY ALL
