-- Exact number of records matching the filters.
SELECT count(*) FROM log_record WHERE ${filters}
