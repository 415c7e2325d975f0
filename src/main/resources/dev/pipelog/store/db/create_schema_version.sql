CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    script     VARCHAR   NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
);
