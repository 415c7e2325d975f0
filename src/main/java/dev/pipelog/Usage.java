package dev.pipelog;

/** The text of {@code --help}. */
final class Usage {
    static final String TEXT = String.join("\n",
            "Usage: pipelog [options]",
            "",
            "Opens the Pipelog window with its HTTP listener and local DuckDB store.",
            "",
            "Options (each also settable by the environment variable in brackets):",
            "  --headless               run the listener only, without a window",
            "  --demo                   load realistic demo data at start",
            "  --host HOST              address to listen on [PIPELOG_HOST, default 127.0.0.1]",
            "  --port PORT              port to listen on, 0 picks a free one [PIPELOG_PORT, default 5170]",
            "  --data-dir DIR           where the database and settings live [PIPELOG_DATA_DIR,",
            "                           default $XDG_DATA_HOME/pipelog or ~/.local/share/pipelog]",
            "  --db FILE                the DuckDB file [PIPELOG_DB, default DATA_DIR/pipelog.duckdb]",
            "  --batch-size N           records per write batch [PIPELOG_BATCH_SIZE, default 5000]",
            "  --flush-interval-ms N    how long a batch waits for others to share its commit; 0: commit as soon as",
            "                           the writer is free [PIPELOG_FLUSH_INTERVAL_MS, default 0]",
            "  --queue-capacity N       records waiting to be written before intake answers 429 [PIPELOG_QUEUE_CAPACITY, 200000]",
            "  --max-body SIZE          largest request body, after decompression [PIPELOG_MAX_BODY, 16MB]",
            "  --body-idle-timeout-ms N close a connection whose request body sends nothing for this long",
            "                           [PIPELOG_BODY_IDLE_TIMEOUT_MS, 30000]",
            "  --db-memory SIZE         DuckDB's memory limit; bigger queries spill to disk [PIPELOG_DB_MEMORY, 256MB; 128MB headless]",
            "  --retention-days N       default retention offered by cleanup [PIPELOG_RETENTION_DAYS]",
            "  --query-timeout-ms N     longest a search may run [PIPELOG_QUERY_TIMEOUT_MS, 30000]",
            "  --log-level LEVEL        Pipelog's own log level [LOG_LEVEL, INFO]",
            "  --fallback-dir DIR       fallback files [FALLBACK_DIRECTORY, default DATA_DIR/fallback]",
            "  --allow-origins LIST     browser origins allowed by CORS [ALLOW_ORIGINS, none]",
            "  --screenshots DIR        write a PNG of every view to DIR and exit [PIPELOG_SCREENSHOTS]",
            "  --version                print the version",
            "  --help                   print this text",
            "",
            "Environment only:",
            "  PIPELOG_API_TOKEN        bearer token; required when --host is not a loopback address",
            "  ENABLE_FAULT_TOLERANCE   retry, circuit breaker and fallback files (default true)",
            "  ENABLE_FLASK_LOGGING     store a record per API request (alias ENABLE_REQUEST_LOGGING, default true)",
            "  MAX_RETRY_ATTEMPTS       storage retries per batch (default 3)",
            "  RETRY_DELAY_SECONDS      first retry delay, doubled each time with jitter (default 1)",
            "  CIRCUIT_BREAKER_THRESHOLD  consecutive storage failures that open the breaker (default 5)",
            "  CIRCUIT_BREAKER_TIMEOUT  seconds the breaker stays open before a probe (default 60)",
            "  ENABLE_FALLBACK_STORAGE  spill to fallback files while storage fails (default true)",
            "  FALLBACK_MAX_FILES       fallback files kept before intake answers 503 (default 100)",
            "");

    private Usage() {
    }
}
