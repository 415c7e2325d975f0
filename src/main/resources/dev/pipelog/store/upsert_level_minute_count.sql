INSERT INTO level_minute_count SELECT * FROM level_minute_delta
ON CONFLICT (pipeline_id, minute, level) DO UPDATE SET n = n + excluded.n
