package dev.pipelog.ingest.demo;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Realistic, deterministic demo records: executions of a dozen data pipelines, each a tree of spans
 * (a root span, extract/transform/load stage spans, nested batch spans), mostly INFO with DEBUG
 * chatter, warnings, and failures with Python or Java stack traces.
 *
 * <p>The same seed, end and span always give the same records (ids included). The stream runs
 * forward through the window {@code [end - span, end]} at a pace chosen so that
 * {@code expectedRecords} records fill it; records come execution by execution, so they are in
 * time order within an execution and nearly in time order overall, as a live intake would store
 * them. Past the expected count the clock wraps to the window start, so every record stays inside
 * the window. Not thread-safe.
 */
public final class DemoGenerator implements Iterator<LogRecord> {

    /** A pace suited to interactive demos when the caller does not say how many records it wants. */
    public static final long DEFAULT_EXPECTED_RECORDS = 100_000;

    private static final List<Profile> PIPELINES = List.of(
            new Profile("daily_sales", "dlt", true, "analytics.sales_daily", "etl-worker-01"),
            new Profile("orders_etl", "orders", false, "warehouse.orders", "etl-worker-02"),
            new Profile("clickstream_ingest", "clickstream", false, "raw.click_events", "stream-01"),
            new Profile("ml_features", "features", true, "ml.feature_store", "gpu-node-03"),
            new Profile("invoice_sync", "invoices", false, "finance.invoices", "etl-worker-02"),
            new Profile("customer_dedup", "customers", true, "crm.customers_golden", "etl-worker-01"),
            new Profile("inventory_snapshot", "inventory", true, "ops.inventory_snapshot", "batch-04"),
            new Profile("marketing_attribution", "attribution", true, "marketing.touchpoints", "batch-04"),
            new Profile("payments_reconcile", "payments", false, "finance.payment_ledger", "etl-worker-03"),
            new Profile("search_index_refresh", "search", false, "search.products_idx", "stream-01"),
            new Profile("hr_export", "hr", true, "hr.employee_snapshot", "batch-05"));

    private static final String[] SOURCES = {
        "https://api.shop.example.com/v2/orders", "s3://lake-raw/events/", "postgres://replica-02/erp",
        "https://crm.example.com/api/contacts", "sftp://partner.example.net/outbound/"};
    /** A warning and the range its number is drawn from, so that it never contradicts its own words. */
    private record Warning(String template, int min, int max) {
        String format(SplittableRandom random) {
            return template.contains("%d") ? String.format(template, random.nextInt(min, max + 1)) : template;
        }
    }

    private static final Warning[] WARNINGS = {
        new Warning("Retrying request after HTTP 503 (attempt %d/5)", 1, 5),
        new Warning("Schema drift: new column 'discount_code' in source, added as VARCHAR", 0, 0),
        new Warning("Slow query: %d ms exceeded the 5000 ms budget", 5_001, 60_000),
        new Warning("Rate limited by upstream, sleeping %d s", 1, 120),
        new Warning("%d rows with NULL customer_id skipped", 2, 6_000),
        new Warning("Deprecated config key 'batch_size' used, prefer 'chunk_size'", 0, 0)};
    /** Errors by the stage that raises them: an extract step does not report a failed load. */
    private static final Map<String, String[]> ERRORS = Map.of(
        "extract", new String[] {
            "Extraction failed: HTTP 500 from upstream after 5 retries",
            "Connection to source lost: server closed the connection unexpectedly",
            "Timeout after 300 s waiting for the source export of %s"},
        "transform", new String[] {
            "Transform failed: could not convert string to float: 'N/A'",
            "Out of memory while materialising %s"},
        "load", new String[] {
            "Load failed: duplicate key value violates unique constraint \"%s_pkey\"",
            "Connection to warehouse lost: server closed the connection unexpectedly",
            "Timeout after 300 s waiting for lock on %s"});

    private final SplittableRandom random;
    private final Instant windowStart;
    private final long windowMicros;
    private final long meanGapMicros;
    private final ArrayDeque<LogRecord> pending = new ArrayDeque<>();
    private long clockMicros;
    private long sequence;

    public DemoGenerator(long seed, Instant end, Duration span) {
        this(seed, end, span, DEFAULT_EXPECTED_RECORDS);
    }

    public DemoGenerator(long seed, Instant end, Duration span, long expectedRecords) {
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("span must be positive, was " + span);
        }
        if (expectedRecords <= 0) {
            throw new IllegalArgumentException("expectedRecords must be positive, was " + expectedRecords);
        }
        this.random = new SplittableRandom(seed);
        this.windowStart = Timestamps.truncate(end.minus(span));
        this.windowMicros = Timestamps.toEpochMicros(end) - Timestamps.toEpochMicros(windowStart);
        this.meanGapMicros = Math.max(1, windowMicros / expectedRecords);
    }

    /** The next {@code n} records of the stream. */
    public List<LogRecord> next(int n) {
        List<LogRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** An endless stream continuing this generator; limit it. */
    public Stream<LogRecord> stream() {
        return Stream.generate(this::next);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public LogRecord next() {
        if (pending.isEmpty()) {
            new Execution(PIPELINES.get(random.nextInt(PIPELINES.size()))).emit();
        }
        return pending.poll();
    }

    /** The pipelines the generator writes for, in a fixed order. */
    public static List<String> pipelineIds() {
        return PIPELINES.stream().map(Profile::pipelineId).toList();
    }

    private record Profile(String pipelineId, String loggerPrefix, boolean python, String table, String host) {
    }

    /** One run of a pipeline; builds its records into {@link #pending} and advances the clock. */
    private final class Execution {
        private final Profile profile;
        private final String executionId;
        private final String correlationId;
        private final boolean withSpans;
        private final long processId;
        private final boolean fails;
        private final String failingStage;
        private long t;

        Execution(Profile profile) {
            this.profile = profile;
            this.executionId = "exec_" + hex(random.nextLong(), 10);
            this.correlationId = new UUID(random.nextLong(), random.nextLong()).toString();
            this.withSpans = random.nextInt(10) != 0;
            this.processId = 1000 + random.nextInt(60_000);
            this.fails = random.nextInt(100) < 8;
            String[] stages = {"extract", "transform", "load"};
            this.failingStage = stages[random.nextInt(stages.length)];
            this.t = clockMicros;
        }

        void emit() {
            int before = pending.size();
            String root = spanId();
            add(Level.INFO, "pipeline", "Pipeline " + profile.pipelineId() + " started (trigger=schedule)",
                    root, null, "run", 42, "{\"trigger\":\"schedule\"}", null);
            boolean failed = false;
            for (String stage : new String[] {"extract", "transform", "load"}) {
                if (failed) {
                    break;
                }
                failed = stage(stage, root);
            }
            if (random.nextInt(100) == 0) {
                // A callback whose parent span was never reported: shows up as an orphan.
                add(Level.INFO, "callbacks", "Notified downstream consumers", spanId(), spanId(),
                        "notify", 17, null, null);
            }
            if (failed) {
                add(Level.CRITICAL, "pipeline", "Pipeline " + profile.pipelineId() + " failed at stage " + failingStage,
                        root, null, "run", 58, null, null);
            } else {
                add(Level.INFO, "pipeline", "Pipeline " + profile.pipelineId() + " finished in "
                        + (t - clockMicros) / 1000 + " ms", root, null, "run", 61,
                        "{\"duration_ms\":" + (t - clockMicros) / 1000 + "}", null);
            }
            int emitted = pending.size() - before;
            // Executions overlap a little, like concurrent pipelines do, and the clock still keeps
            // its pace of one mean gap per record.
            int jitter = Math.max(1, emitted / 3);
            advanceClock((emitted + jitter / 2 - random.nextInt(jitter)) * meanGapMicros);
        }

        /** @return true when the stage failed and the execution stops */
        private boolean stage(String stage, String root) {
            String span = spanId();
            String logger = profile.loggerPrefix() + "." + stage;
            long stageStart = t;
            add(Level.INFO, logger, "Starting " + stage + " of " + profile.table(), span, root, stage, 20, null, null);
            int batches = 2 + random.nextInt(8);
            long rows = 0;
            for (int b = 1; b <= batches; b++) {
                String batchSpan = random.nextInt(3) == 0 ? spanId() : span;
                String batchParent = batchSpan.equals(span) ? root : span;
                int batchRows = 500 + random.nextInt(50_000);
                rows += batchRows;
                if (random.nextInt(3) == 0) {
                    add(Level.DEBUG, logger, debugMessage(stage, b), batchSpan, batchParent,
                            stage + "_batch", 88, null, null);
                }
                if (random.nextInt(25) == 0) {
                    // Library chatter without span context, as third-party loggers produce.
                    add(Level.DEBUG, "urllib3.connectionpool", "Starting new HTTPS connection (1): api.shop.example.com:443",
                            null, null, "_new_conn", 1003, null, null);
                }
                add(Level.INFO, logger, batchMessage(stage, b, batchRows), batchSpan, batchParent, stage + "_batch", 95,
                        "{\"rows\":" + batchRows + ",\"batch\":" + b + ",\"duration_ms\":" + (20 + random.nextInt(4000))
                                + ",\"table\":\"" + profile.table() + "\"}", null);
                if (random.nextInt(12) == 0) {
                    add(Level.WARNING, logger, warning(), batchSpan, batchParent, stage + "_batch", 131, null, null);
                }
            }
            if (fails && stage.equals(failingStage)) {
                String[] errors = ERRORS.get(stage);
                String message = String.format(errors[random.nextInt(errors.length)], profile.table());
                add(Level.ERROR, logger, message, span, root, stage, 212,
                        "{\"rows_done\":" + rows + ",\"table\":\"" + profile.table() + "\"}", stackTrace(stage, message));
                return true;
            }
            add(Level.INFO, logger, "Finished " + stage + ": " + rows + " rows in " + (t - stageStart) / 1000 + " ms",
                    span, root, stage, 140, "{\"rows\":" + rows + ",\"duration_ms\":" + (t - stageStart) / 1000 + "}", null);
            return false;
        }

        private String debugMessage(String stage, int batch) {
            return switch (stage) {
                case "extract" -> "Fetching page " + batch + " from " + SOURCES[random.nextInt(SOURCES.length)];
                case "transform" -> "Applying " + (3 + random.nextInt(9)) + " column mappings to chunk " + batch;
                default -> "COPY INTO " + profile.table() + " staging file part-" + batch + ".parquet";
            };
        }

        private String batchMessage(String stage, int batch, int rows) {
            return switch (stage) {
                case "extract" -> "Extracted " + rows + " rows (batch " + batch + ")";
                case "transform" -> "Normalised " + rows + " rows, " + random.nextInt(40) + " rejected by validation";
                default -> "Loaded " + rows + " rows into " + profile.table();
            };
        }

        private String warning() {
            return WARNINGS[random.nextInt(WARNINGS.length)].format(random);
        }

        private String stackTrace(String stage, String message) {
            String module = profile.loggerPrefix() + "_" + stage;
            if (profile.python()) {
                return "Traceback (most recent call last):\n"
                        + "  File \"/opt/pipelines/" + profile.pipelineId() + "/run.py\", line 42, in run\n"
                        + "    result = " + stage + "(ctx)\n"
                        + "  File \"/opt/pipelines/" + profile.pipelineId() + "/" + module + ".py\", line 212, in "
                        + stage + "\n"
                        + "    conn.execute(sql, params)\n"
                        + "  File \"/usr/lib/python3.11/site-packages/psycopg2/extras.py\", line 146, in execute\n"
                        + "    return super().execute(query, vars)\n"
                        + "psycopg2.errors.OperationalError: " + message;
            }
            String cls = Character.toUpperCase(stage.charAt(0)) + stage.substring(1) + "Step";
            return "java.sql.SQLException: " + message + "\n"
                    + "\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)\n"
                    + "\tat org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:517)\n"
                    + "\tat com.example." + profile.loggerPrefix() + "." + cls + ".execute(" + cls + ".java:212)\n"
                    + "\tat com.example.pipeline.Runner.run(Runner.java:88)\n"
                    + "\tat java.base/java.lang.Thread.run(Thread.java:840)";
        }

        private void add(Level level, String loggerSuffix, String message, String span, String parent,
                         String function, int line, String extra, String stackTrace) {
            t += 1 + random.nextLong(Math.max(2, meanGapMicros * 2));
            String logger = loggerSuffix.contains(".") ? loggerSuffix : profile.loggerPrefix() + "." + loggerSuffix;
            boolean spans = withSpans && span != null;
            Instant timestamp = Timestamps.ofEpochMicros(Timestamps.toEpochMicros(windowStart) + Math.floorMod(t, windowMicros));
            pending.add(LogRecord.builder()
                    .id(recordId(timestamp))
                    .timestamp(timestamp)
                    .receivedAt(timestamp.plusMillis(1 + random.nextInt(250)))
                    .level(level)
                    .logger(logger)
                    .message(message)
                    .pipelineId(profile.pipelineId())
                    .executionId(executionId)
                    .correlationId(correlationId)
                    .spanId(spans ? span : null)
                    .parentSpanId(spans ? parent : null)
                    .module(profile.python() ? logger.replace('.', '_') : "com.example." + logger)
                    .function(function)
                    .line(line)
                    .thread(profile.python() ? "MainThread" : "worker-" + (processId % 4))
                    .processId(processId)
                    .host(profile.host())
                    .source("demo")
                    .extra(extra)
                    .stackTrace(stackTrace)
                    .build());
        }

        private String spanId() {
            return hex(random.nextLong(), 16);
        }
    }

    private void advanceClock(long micros) {
        clockMicros += Math.max(meanGapMicros, micros);
    }

    /** A UUIDv7 from the record's time; the sequence number in the random part keeps ids unique. */
    private String recordId(Instant timestamp) {
        long millis = timestamp.toEpochMilli();
        long msb = (millis << 16) | 0x7000L | (random.nextInt() & 0xFFFL);
        long lsb = 0x8000000000000000L | ((sequence++ & 0xFFFFFFFFFFL) << 22) | (random.nextInt() & 0x3FFFFFL);
        return new UUID(msb, lsb).toString();
    }

    private static String hex(long value, int digits) {
        String h = Long.toHexString(value);
        if (h.length() >= digits) {
            return h.substring(h.length() - digits);
        }
        return "0".repeat(digits - h.length()) + h;
    }
}
