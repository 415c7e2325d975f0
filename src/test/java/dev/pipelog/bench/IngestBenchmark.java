package dev.pipelog.bench;

import dev.pipelog.app.Engine;
import dev.pipelog.config.Settings;
import dev.pipelog.config.SettingsLoader;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.model.LogRecord;
import dev.pipelog.store.DuckDbLogStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Ingest rate through the {@link dev.pipelog.ingest.Intake} API, with DuckDB's own
 * {@code read_ndjson} bulk load of the same records measured in the same run as the ceiling.
 *
 * <p>Records come from a pool of demo records generated before timing; a pool smaller than the
 * run is cycled with a fresh id per copy (a string concatenation and one record construction per
 * record, done on the submitting thread and therefore inside the measured time).
 *
 * <p>Also measured in the same run: the store's {@code append} fed the same batches directly, to
 * separate the intake's own cost from the store's.
 *
 * <p>Args: record counts (default 1000000), then optionally {@code runs=N} (default 3) and
 * {@code pool=N} (default 250000) and {@code inflight=N} (batches of 5,000 in flight, default 8). Prints one line per run and the medians.
 */
public final class IngestBenchmark {
    private static final int BATCH = 5_000;
    /** Batches in flight at once (several producers): enough to keep the writer busy, within the default queue capacity. */
    private static int inFlightBatches = 8;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> counts = new ArrayList<>();
        int runs = 3;
        int poolSize = 250_000;
        for (String a : args) {
            if (a.startsWith("runs=")) {
                runs = Integer.parseInt(a.substring(5));
            } else if (a.startsWith("inflight=")) {
                inFlightBatches = Integer.parseInt(a.substring(9));
            } else if (a.startsWith("pool=")) {
                poolSize = Integer.parseInt(a.substring(5));
            } else {
                counts.add(Long.parseLong(a.replace("_", "")));
            }
        }
        if (counts.isEmpty()) {
            counts.add(1_000_000L);
        }
        System.out.printf("java %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (long n : counts) {
            List<LogRecord> pool = new DemoGenerator(42, Instant.now(), Duration.ofDays(7), n)
                    .next((int) Math.min(n, poolSize));
            List<double[]> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                double[] r = runOnce(n, pool);
                results.add(r);
                System.out.printf(Locale.ROOT, "n=%d run %d: intake %.0f rec/s (%.2f s), read_ndjson %.0f rec/s"
                                + " (%.2f s), LogStore.append alone %.0f rec/s; intake/read_ndjson %.2f,"
                                + " intake/append %.2f; RSS baseline %d MB, peak while ingesting %d MB"
                                + " (committed heap at most %d MB)%n",
                        n, run, r[0], n / r[0], r[1], n / r[1], r[5], r[4], r[6], (long) r[2], (long) r[3],
                        (long) r[7]);
            }
            System.out.printf(Locale.ROOT, "n=%d MEDIAN of %d: intake %.0f rec/s, read_ndjson %.0f rec/s,"
                            + " LogStore.append alone %.0f rec/s, intake/read_ndjson %.2f, intake/append %.2f,"
                            + " peak RSS %d MB%n", n, runs, median(results, 0), median(results, 1), median(results, 5),
                    median(results, 4), median(results, 6), (long) median(results, 3));
        }
    }

    /**
     * @return intake rec/s, read_ndjson rec/s, baseline RSS MB, peak RSS MB, intake/read_ndjson,
     *         LogStore.append rec/s, intake/append, peak committed heap MB
     */
    private static double[] runOnce(long n, List<LogRecord> pool) throws Exception {
        Path dir = Files.createTempDirectory("pipelog-ingest-bench");
        try {
            IntakeRun intake = intake(n, pool, dir.resolve("intake"));
            double ceiling = readNdjson(n, pool, dir.resolve("ceiling"));
            double direct = storeAppend(n, pool, dir.resolve("direct"));
            return new double[] {intake.rate(), ceiling, intake.baselineMb(), intake.peakMb(), intake.rate() / ceiling,
                direct, intake.rate() / direct, intake.peakCommittedHeapMb()};
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Records per second; the process RSS before the engine started and at its peak while
     * ingesting; the JVM's committed heap at its peak (the rest of the RSS is native: DuckDB, JVM).
     */
    private record IntakeRun(double rate, long baselineMb, long peakMb, long peakCommittedHeapMb) {
    }

    private static IntakeRun intake(long n, List<LogRecord> pool, Path dataDir) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PIPELOG_DATA_DIR", dataDir.toString(),
                "PIPELOG_BATCH_SIZE", System.getProperty("bench.writerBatch", String.valueOf(BATCH)), "LOG_LEVEL", "WARN"));
        // The headless engine's own DuckDB memory limit unless -Dbench.dbMemory=SIZE says otherwise (256MB: the window's).
        Optional.ofNullable(System.getProperty("bench.dbMemory")).ifPresent(m -> env.put("PIPELOG_DB_MEMORY", m));
        Settings settings = SettingsLoader.load(List.of("--headless"), env);
        System.gc();
        long baseline = rssMb();
        var peak = new AtomicLong(baseline);
        var peakHeap = new AtomicLong();
        try (Engine engine = Engine.start(settings)) {
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(rssMb(), Math::max);
                    peakHeap.accumulateAndGet(Runtime.getRuntime().totalMemory() >> 20, Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
            var inFlight = new Semaphore(inFlightBatches);
            List<CompletableFuture<IntakeResult>> last = new ArrayList<>();
            long start = System.nanoTime();
            for (long offset = 0; offset < n; offset += BATCH) {
                List<LogRecord> batch = batchAt(pool, offset, n);
                inFlight.acquire();
                CompletableFuture<IntakeResult> f = engine.intake().submit(IntakeBatch.withServerIds(batch));
                f.whenComplete((r, e) -> inFlight.release());
                last.add(f);
                if (last.size() > inFlightBatches * 4) {
                    check(last);
                }
            }
            check(last);
            inFlight.acquire(inFlightBatches);
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            long stored = engine.store().totalCount();
            if (stored < n) {
                throw new IllegalStateException("only " + stored + " of " + n + " records stored");
            }
            return new IntakeRun(n / seconds, baseline, peak.get(), peakHeap.get());
        }
    }

    private static void check(List<CompletableFuture<IntakeResult>> futures) {
        for (CompletableFuture<IntakeResult> f : futures) {
            IntakeResult r = f.join();
            if (!(r instanceof IntakeResult.Accepted)
                    || ((IntakeResult.Accepted) r).destination() != IntakeResult.Destination.PRIMARY) {
                throw new IllegalStateException("batch not stored in the database: " + r);
            }
        }
        futures.clear();
    }

    /** The i-th record of the run: a pool record, with a fresh id after the first pass over the pool. */
    private static LogRecord copy(List<LogRecord> pool, long i) {
        LogRecord r = pool.get((int) (i % pool.size()));
        long cycle = i / pool.size();
        if (cycle == 0) {
            return r;
        }
        return new LogRecord(r.id() + "." + cycle, r.timestamp(), r.receivedAt(), r.level(), r.logger(), r.message(),
                r.pipelineId(), r.executionId(), r.correlationId(), r.spanId(), r.parentSpanId(), r.module(),
                r.function(), r.line(), r.thread(), r.processId(), r.host(), r.source(), r.extra(), r.stackTrace());
    }

    /** The batch of up to {@link #BATCH} records starting at record {@code offset} of {@code n}. */
    private static List<LogRecord> batchAt(List<LogRecord> pool, long offset, long n) {
        int size = (int) Math.min(BATCH, n - offset);
        List<LogRecord> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(copy(pool, offset + i));
        }
        return batch;
    }

    /** The store's own append of the same batches, no intake in between: what the intake can at best reach. */
    private static double storeAppend(long n, List<LogRecord> pool, Path dir) throws Exception {
        try (var store = DuckDbLogStore.open(dir.resolve("direct.duckdb"), Duration.ofMinutes(10))) {
            long start = System.nanoTime();
            for (long offset = 0; offset < n; offset += BATCH) {
                List<LogRecord> batch = batchAt(pool, offset, n);
                store.append(batch, false);
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** DuckDB loading the same records from an NDJSON file (written untimed) into a fresh database. */
    private static double readNdjson(long n, List<LogRecord> pool, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("records.ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < n; i++) {
                RecordJson.writeTo(copy(pool, i), out);
                out.write('\n');
            }
        }
        Path db = dir.resolve("ceiling.duckdb");
        DuckDbLogStore.open(db, Duration.ofMinutes(10)).close(); // the same schema as the intake's store
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
             Statement st = c.createStatement()) {
            long start = System.nanoTime();
            st.execute("INSERT INTO log_record SELECT id, CAST(\"timestamp\" AS TIMESTAMP), CAST(received_at AS TIMESTAMP),"
                    + " CASE level WHEN 'TRACE' THEN 5 WHEN 'DEBUG' THEN 10 WHEN 'INFO' THEN 20 WHEN 'WARNING' THEN 30"
                    + " WHEN 'ERROR' THEN 40 ELSE 50 END, logger, message, pipeline_id, execution_id, correlation_id,"
                    + " span_id, parent_span_id, module, \"function\", line, thread, process_id, host, source,"
                    + " CAST(extra AS VARCHAR), stack_trace, lower(message) FROM read_ndjson('" + file + "', columns={"
                    + "id:'VARCHAR', \"timestamp\":'VARCHAR', received_at:'VARCHAR', level:'VARCHAR', logger:'VARCHAR',"
                    + " message:'VARCHAR', pipeline_id:'VARCHAR', execution_id:'VARCHAR', correlation_id:'VARCHAR',"
                    + " span_id:'VARCHAR', parent_span_id:'VARCHAR', module:'VARCHAR', \"function\":'VARCHAR',"
                    + " line:'INTEGER', thread:'VARCHAR', process_id:'BIGINT', host:'VARCHAR', source:'VARCHAR',"
                    + " extra:'JSON', stack_trace:'VARCHAR'}, maximum_object_size=67108864)");
            double seconds = (System.nanoTime() - start) / 1e9;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM log_record")) {
                rs.next();
                if (rs.getLong(1) != n) {
                    throw new IllegalStateException("read_ndjson loaded " + rs.getLong(1) + " of " + n);
                }
            }
            return n / seconds;
        }
    }

    private static long rssMb() {
        return ProcStatus.selfKb("VmRSS") / 1024;
    }

    private static double median(List<double[]> results, int column) {
        double[] values = results.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
