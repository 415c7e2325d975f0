SELECT epoch_us(min(first_ts)), epoch_us(max(last_ts)) FROM correlation_range WHERE correlation_id = ?
