SELECT epoch_us(first_ts), epoch_us(last_ts) FROM correlation_range WHERE correlation_id = ?
