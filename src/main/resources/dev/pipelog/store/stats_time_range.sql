-- First and last minute holding records, to size an automatic histogram bucket.
SELECT epoch_us(min(minute)), epoch_us(max(minute)) + 60000000 FROM level_minute_count WHERE ${filters}
