DELETE FROM log_record WHERE ${condition}
