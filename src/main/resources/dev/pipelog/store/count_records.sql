-- Exact number of records matching the filters, and the first and last of their times (epoch
-- microseconds, NULL when none match): the same scan, remembered so the page read next skips the rest.
SELECT count(*), epoch_us(min(ts)), epoch_us(max(ts)) FROM log_record WHERE ${filters}
