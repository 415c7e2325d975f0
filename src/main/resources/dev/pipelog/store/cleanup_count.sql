-- How many records a cleanup would delete.
SELECT count(*) FROM log_record WHERE ${condition}
