package dev.pipelog.bench;

import dev.pipelog.ingest.IngestMetrics;
import dev.pipelog.model.LogRecord;
import dev.pipelog.resilience.FallbackReplayer;
import dev.pipelog.resilience.FallbackSpool;
import dev.pipelog.resilience.GuardedStore;
import dev.pipelog.resilience.Quarantine;
import dev.pipelog.store.DuckDbLogStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How fast fallback files drain into the store once it works again: N records are spooled (fsync'd
 * NDJSON, as during an outage), then a fresh store and the real replayer (intake's rules on every
 * line, deduplication by id, at most 1,000 records a write) take them. Prints records/s per run and
 * the median. Args: records (default 200000), runs (default 3).
 */
public final class ReplayBenchmark {
    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory("pipelog-bench-replay");
            var spool = new FallbackSpool(dir.resolve("fallback"), 1_000, FallbackSpool.DEFAULT_MAX_FILE_BYTES);
            for (int done = 0; done < records; done += 5_000) {
                List<LogRecord> batch = BenchBatches.batch(run * 1_000 + done / 5_000, Math.min(5_000, records - done));
                spool.append(batch);
            }
            long bytes = spool.byteCount();
            try (var store = DuckDbLogStore.open(dir.resolve("logs.duckdb"), Duration.ofSeconds(60))) {
                var quarantine = new Quarantine(dir.resolve("fallback/quarantine"));
                var guarded = GuardedStore.direct(store, new IngestMetrics(), quarantine);
                long start = System.nanoTime();
                try (var replayer = new FallbackReplayer(spool, guarded, quarantine, 5_000, Duration.ofMillis(50))) {
                    replayer.start();
                    while (spool.fileCount() > 0) {
                        Thread.sleep(10);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = records / seconds;
                rates.add(rate);
                System.out.printf("run %d: %,d records (%,d bytes of fallback files) replayed in %.2f s: %,.0f records/s; %,d stored%n",
                        run + 1, records, bytes, seconds, rate, store.totalCount());
            }
            spool.close();
        }
        Collections.sort(rates);
        System.out.printf("median %,.0f records/s over %d runs%n", rates.get(rates.size() / 2), runs);
    }
}
