-- Per-connection scratch table of the writer (TEMP: never in the database file).
CREATE TEMP TABLE IF NOT EXISTS append_ids (id VARCHAR);
