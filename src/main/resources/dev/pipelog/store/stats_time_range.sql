-- First and last record of the window, to size an automatic histogram bucket.
SELECT epoch_us(min(ts)), epoch_us(max(ts)) FROM log_record WHERE ${filters}
