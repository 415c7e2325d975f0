INSERT INTO correlation_range SELECT * FROM correlation_delta
ON CONFLICT (correlation_id) DO UPDATE SET
    first_ts = least(first_ts, excluded.first_ts),
    last_ts = greatest(last_ts, excluded.last_ts)
