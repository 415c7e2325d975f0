-- Bytes of the database file holding data (the rest are free blocks DuckDB reuses before growing it).
SELECT used_blocks * block_size FROM pragma_database_size() WHERE database_name = current_database()
