-- Exact number of records matching the filters (${filters} is the store's own fragment).
SELECT count(*) FROM log_record WHERE ${filters}
