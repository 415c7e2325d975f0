-- Per-connection scratch tables of the writer (TEMP: never in the database file).
CREATE TEMP TABLE IF NOT EXISTS append_ids (id VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS execution_delta AS SELECT * FROM execution_summary WITH NO DATA;
CREATE TEMP TABLE IF NOT EXISTS correlation_delta AS SELECT * FROM correlation_range WITH NO DATA;
CREATE TEMP TABLE IF NOT EXISTS level_minute_delta AS SELECT * FROM level_minute_count WITH NO DATA;
