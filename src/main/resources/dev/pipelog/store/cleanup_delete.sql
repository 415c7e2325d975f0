DELETE FROM log_record WHERE rowid IN (SELECT rid FROM cleanup_doomed)
