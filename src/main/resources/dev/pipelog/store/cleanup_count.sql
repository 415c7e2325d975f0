-- How many records a cleanup would delete (${condition} is the cleanup's own predicate).
SELECT count(*) FROM log_record WHERE ${condition}
