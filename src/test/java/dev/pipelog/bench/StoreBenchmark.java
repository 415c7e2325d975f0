package dev.pipelog.bench;

import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.StatsQuery;
import dev.pipelog.model.TimeBound;
import dev.pipelog.store.DuckDbLogStore;
import dev.pipelog.store.LogStore;
import java.io.IOException;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Store benchmark: append paths compared on the same records, then every query on a database of
 * {@code records} demo records (median of {@code runs} after one warm-up). Arguments:
 * {@code records [pathRecords] [runs] [dbFile] [memoryMiB]}. Prints a Markdown table.
 *
 * <p>Filling 10M records takes minutes, so with {@code dbFile} the filled database is kept there and
 * reused by later runs; the final cleanup then runs on a copy, leaving the file as it was. With
 * {@code runs} 0 only the file is filled.
 */
public final class StoreBenchmark {
    private static final Instant END = StoreWorkload.END;
    // Ten days of data, so "older than 9 days" is a tenth of it: 1M of 10M.
    private static final Duration SPAN = Duration.ofDays(10);
    private static final int BATCH = 10_000;
    /** DuckDB's memory limit for the stores measured: the app's default unless a fifth argument (MiB) says otherwise. */
    private static long memoryLimit = DuckDbLogStore.DEFAULT_MEMORY_LIMIT_BYTES;

    @FunctionalInterface
    interface AppendPath {
        void append(Connection c, Path spool, List<LogRecord> batch) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args.length > 0 ? args[0] : "1000000");
        int pathRecords = Integer.parseInt(args.length > 1 ? args[1] : "300000");
        int runs = Integer.parseInt(args.length > 2 ? args[2] : "5");
        Path dir = Files.createTempDirectory("pipelog-store-bench");
        Path db = args.length > 3 ? Path.of(args[3]) : dir.resolve("main.duckdb");
        if (args.length > 4) {
            memoryLimit = Long.parseLong(args[4]) << 20;
        }
        out("DuckDB memory limit " + (memoryLimit >> 20) + " MiB");
        try {
            out("| measurement | result |");
            out("|---|---|");
            if (pathRecords > 0) {
                appendPaths(dir, pathRecords);
            }
            queries(db, dir, records, runs);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(StoreBenchmark::deleteQuietly);
            }
        }
    }

    private static void appendPaths(Path dir, int n) throws Exception {
        List<LogRecord> all = new DemoGenerator(1, END, SPAN, n).next(n);
        Path chosen = dir.resolve("store.duckdb");
        try (DuckDbLogStore store = DuckDbLogStore.open(chosen, Duration.ofMinutes(5), memoryLimit)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i += BATCH) {
                store.append(all.subList(i, Math.min(n, i + BATCH)), false);
            }
            rate("append: LogStore.append (Appender + summaries, one transaction per batch)", n, System.nanoTime() - t0);
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i += BATCH) {
                store.append(all.subList(i, Math.min(n, i + BATCH)), true);
            }
            rate("append: Appender with deduplicate=true, every id already stored", n, System.nanoTime() - t1);
        }
        other(dir, "appender", "append rows only: Appender (chosen)", all, AppendPaths::appender);
        other(dir, "csv", "append rows only: CSV spool file + INSERT ... SELECT FROM read_csv", all, AppendPaths::csv);
        other(dir, "ndjson", "append rows only: NDJSON spool file (Jackson) + INSERT ... SELECT FROM read_ndjson", all,
                AppendPaths::ndjson);
        other(dir, "multirow", "append rows only: prepared multi-row INSERT, 100 rows per statement",
                all.subList(0, Math.min(n, 50_000)), (c, s, b) -> AppendPaths.multiRowInsert(c, b, 100));
        long t2 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + chosen);
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE copy AS SELECT * FROM log_record");
        }
        rate("append ceiling: DuckDB copying the same rows table to table in one statement", n, System.nanoTime() - t2);
    }

    private static void other(Path dir, String name, String label, List<LogRecord> all, AppendPath path)
            throws Exception {
        Path db = dir.resolve(name + ".duckdb");
        DuckDbLogStore.open(db, Duration.ofMinutes(5), memoryLimit).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
            Path spool = dir.resolve(name + ".spool");
            long t0 = System.nanoTime();
            for (int i = 0; i < all.size(); i += BATCH) {
                c.setAutoCommit(false);
                path.append(c, spool, all.subList(i, Math.min(all.size(), i + BATCH)));
                c.commit();
            }
            rate(label, all.size(), System.nanoTime() - t0);
        }
    }

    private static void queries(Path file, Path dir, int n, int runs) throws Exception {
        if (!Files.exists(file)) {
            fill(file, n);
        }
        if (runs == 0) {
            return;
        }
        try (DuckDbLogStore store = DuckDbLogStore.open(file, Duration.ofMinutes(5), memoryLimit)) {
            out("| database: " + store.totalCount() + " records, " + store.sizeBytes() / (1024 * 1024) + " MB |");
            String cid = StoreWorkload.middleCorrelation(store);
            time(runs, "search: substring, first page (100) + exact count", () -> pageAndCount(store, StoreWorkload.TEXT));
            time(runs, "search: substring, exact count alone", () -> store.count(StoreWorkload.TEXT));
            time(runs, "search: substring, first page alone (no count before it)",
                    () -> store.find(StoreWorkload.UNCOUNTED).items().size());
            time(runs, "search: substring matching nothing, page + count", () -> pageAndCount(store, StoreWorkload.NONE));
            time(runs, "search: regex, first page + exact count", () -> pageAndCount(store, StoreWorkload.REGEX));
            time(runs, "search: level ERROR+CRITICAL, first page + count", () -> pageAndCount(store, StoreWorkload.ERRORS));
            LogQuery lastHour = LogQuery.builder().since(TimeBound.at(END.minus(Duration.ofHours(1)))).build();
            time(runs, "search: last hour, first page + count", () -> pageAndCount(store, lastHour));
            time(runs, "pipeline first page (100)", () -> store.find(StoreWorkload.PIPELINE).items().size());
            time(runs, "pipeline first page, oldest first", () -> store.find(StoreWorkload.PIPELINE_OLDEST).items().size());
            time(runs, "correlation (records + tree)", () -> store.correlation(cid).records().size());
            LogQuery byCorrelation = LogQuery.builder().correlationId(cid).build();
            time(runs, "correlation first page via find", () -> store.find(byCorrelation).items().size());
            time(runs, "executions of a pipeline (newest 50)", () -> store.executions("orders_etl", null, null, 50).size());
            time(runs, "stats, everything", () -> store.stats(StatsQuery.all()).total());
            time(runs, "stats, last 24 h", () -> store.stats(new StatsQuery(null,
                    TimeBound.at(END.minus(Duration.ofDays(1))), TimeBound.at(END), null)).total());
            time(runs, "pipelines()", () -> store.pipelines().size());
            time(runs, "distinct loggers starting with 'or'", () -> store.distinctValues(LogStore.Field.LOGGER, "or", 20).size());
            time(runs, "cleanup dry run (count of the oldest tenth)",
                    () -> store.cleanup(StoreWorkload.oldestTenth(true), List.of()).records());
        }
        cleanup(file, dir);
        textVariants(file, runs);
    }

    private static void fill(Path file, int n) {
        DemoGenerator demo = new DemoGenerator(2, END, SPAN, n);
        long appendNanos = 0;
        try (DuckDbLogStore store = DuckDbLogStore.open(file, Duration.ofMinutes(5), memoryLimit)) {
            for (int done = 0; done < n; done += BATCH) {
                List<LogRecord> batch = demo.next(Math.min(BATCH, n - done));
                long t0 = System.nanoTime();
                store.append(batch, false);
                appendNanos += System.nanoTime() - t0;
            }
            rate("load " + n + " demo records for the queries (Appender, batches of " + BATCH + ")", n, appendNanos);
            out("| database size after load | " + store.sizeBytes() / (1024 * 1024) + " MB |");
        }
    }

    /** Deletes the oldest tenth of a copy of the database, so a kept file stays as it was. */
    private static void cleanup(Path file, Path dir) throws IOException {
        Path copy = dir.resolve("cleanup.duckdb");
        Files.copy(file, copy);
        Path wal = file.resolveSibling(file.getFileName() + ".wal");
        if (Files.exists(wal)) {
            Files.copy(wal, dir.resolve("cleanup.duckdb.wal"));
        }
        try (DuckDbLogStore store = DuckDbLogStore.open(copy, Duration.ofMinutes(5), memoryLimit)) {
            long size = store.sizeBytes();
            long t0 = System.nanoTime();
            var result = store.cleanup(StoreWorkload.oldestTenth(false), List.of());
            out(String.format(Locale.ROOT, "| cleanup: delete %,d records + CHECKPOINT | %.0f ms; file %d MB → %d MB (reclaimed %d MB) |",
                    result.records(), (System.nanoTime() - t0) / 1e6, size >> 20, store.sizeBytes() >> 20,
                    result.reclaimedBytes() >> 20));
        }
    }

    /** Ways to match case-insensitive substrings, timed on the same data with plain SQL. */
    private static void textVariants(Path file, int runs) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement st = c.createStatement()) {
            // The same memory limit as the store's queries above, so the rows compare.
            st.execute("SET memory_limit = '" + (memoryLimit >> 20) + "MiB'");
            for (String sql : List.of(
                    "SELECT count(*) FROM log_record WHERE contains(message_lc, 'connection to warehouse')",
                    "SELECT count(*) FROM log_record WHERE contains(lower(message), 'connection to warehouse')",
                    "SELECT count(*) FROM log_record WHERE message ILIKE '%connection to warehouse%'",
                    "SELECT count(*) FROM log_record WHERE contains(message, 'Connection to warehouse')",
                    "SELECT count(*) FROM log_record WHERE regexp_matches(message, '(?i)connection to warehouse')")) {
                time(runs, "variant: `" + sql.substring(sql.indexOf("WHERE") + 6) + "`", () -> {
                    try (ResultSet rs = st.executeQuery(sql)) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
            }
        }
    }

    /** Count first, then the first page, as the window and the search API do. */
    private static long pageAndCount(LogStore store, LogQuery q) {
        long count = store.count(q);
        return store.find(q).items().size() + count;
    }

    private static void time(int runs, String label, Callable<Object> work) throws Exception {
        work.call();
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.call();
            nanos.add(System.nanoTime() - t0);
        }
        nanos.sort(null);
        out(String.format(Locale.ROOT, "| %s | %.1f ms (median of %d; min %.1f, max %.1f) |", label,
                nanos.get(runs / 2) / 1e6, runs, nanos.get(0) / 1e6, nanos.get(runs - 1) / 1e6));
    }

    private static void rate(String label, long n, long nanos) {
        out(String.format(Locale.ROOT, "| %s | %,d records in %.0f ms = %,.0f records/s |", label, n, nanos / 1e6,
                n / (nanos / 1e9)));
    }

    @SuppressWarnings("java:S106") // a benchmark's output is its report
    private static void out(String line) {
        System.out.println(line);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + p, e);
        }
    }
}
