package dev.pipelog.bench;

import dev.pipelog.model.LogRecord;
import dev.pipelog.store.DuckDbLogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times each {@code LogStore.append} of a 5,000-record batch offered at a fixed rate (the writer's
 * view of the HTTP benchmark's half load) and prints percentiles, the slow outliers and the WAL size
 * after each slow append, to tell checkpoint stalls from steady cost; then how long opening a copy of
 * the unclosed database takes (the WAL replay a crash would cost).
 * Args: records per second (default 23500), seconds (default 30).
 */
public final class AppendLatencyBenchmark {
    private static final int BATCH = 5_000;

    private AppendLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double perSecond = args.length > 0 ? Double.parseDouble(args[0]) : 23_500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = Files.createTempDirectory("pipelog-bench-append");
        Path db = dir.resolve("logs.duckdb");
        Path wal = dir.resolve("logs.duckdb.wal");
        List<List<LogRecord>> variants = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            variants.add(BenchBatches.batch(v, BATCH));
        }
        long intervalNanos = (long) (1e9 * BATCH / perSecond);
        List<long[]> samples = new ArrayList<>();
        try (DuckDbLogStore store = DuckDbLogStore.open(db, Duration.ofSeconds(30))) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long next = System.nanoTime();
            for (int i = 0; System.nanoTime() < end; i++) {
                List<LogRecord> batch = BenchBatches.restamped(variants.get(i % variants.size()));
                long walBefore = Files.exists(wal) ? Files.size(wal) : 0;
                long start = System.nanoTime();
                store.append(batch, false);
                long took = System.nanoTime() - start;
                long walAfter = Files.exists(wal) ? Files.size(wal) : 0;
                samples.add(new long[] {i, took, walBefore, walAfter});
                next += intervalNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } else {
                    next = System.nanoTime();
                }
            }
            copy(db, copyDir(dir));
            copy(wal, copyDir(dir));
        }
        long openStart = System.nanoTime();
        try (DuckDbLogStore reopened = DuckDbLogStore.open(copyDir(dir).resolve(db.getFileName()), Duration.ofSeconds(30))) {
            System.out.printf("reopening a copy taken before close (WAL %,d bytes replayed): %.0f ms%n",
                    Files.size(copyDir(dir).resolve(wal.getFileName())), (System.nanoTime() - openStart) / 1e6);
        }
        long[] ms = samples.stream().mapToLong(s -> s[1]).sorted().toArray();
        System.out.printf("%d appends of %,d records at %.0f rec/s offered: p50 %.1f ms, p90 %.1f, p99 %.1f, max %.1f%n",
                ms.length, BATCH, perSecond, BenchBatches.quantileMs(ms, 0.50), BenchBatches.quantileMs(ms, 0.90), BenchBatches.quantileMs(ms, 0.99), ms[ms.length - 1] / 1e6);
        double p50 = BenchBatches.quantileMs(ms, 0.50);
        for (long[] s : samples) {
            if (s[1] / 1e6 > 3 * p50) {
                System.out.printf("  slow append #%d: %.1f ms, WAL %,d -> %,d bytes%n", s[0], s[1] / 1e6, s[2], s[3]);
            }
        }
    }

    private static Path copyDir(Path dir) throws IOException {
        return Files.createDirectories(dir.resolve("copy"));
    }

    private static void copy(Path file, Path toDir) throws IOException {
        if (Files.exists(file)) {
            Files.copy(file, toDir.resolve(file.getFileName()));
        }
    }
}
