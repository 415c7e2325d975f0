-- One scan for totals, levels, pipelines and the histogram: counts per (pipeline, level, bucket).
-- The bucket is the start of the record's bucket in epoch microseconds; ? is the bucket length.
SELECT pipeline_id, level, (epoch_us(ts) // ?) * ? AS bucket_start, count(*) AS n
FROM log_record
WHERE ${filters}
GROUP BY ALL
