package dev.pipelog.ui.correlation;

import dev.pipelog.model.Correlation;
import dev.pipelog.store.DuckDbLogStore;
import dev.pipelog.store.LogStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long opening a 50,000-record correlation takes, split into the store query and tree
 * preparation (both background) and the FX-thread work of expanding the root (one page of items).
 * Two shapes: nested (50 stages × 20 batches × 50 records) and flat (one root with 50,000
 * one-record child spans, the worst fan-out). Prints medians of 7 runs after 2 warm-ups.
 */
public final class CorrelationLoadBench {
    private static final int RUNS = 7;
    private static final int WARMUP = 2;

    private CorrelationLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("correlation-bench");
        try (LogStore store = DuckDbLogStore.open(dir.resolve("bench.duckdb"), Duration.ofSeconds(120))) {
            store.append(CorrelationViewTest.bigCorrelation(), false);
            store.append(CorrelationViewTest.fanOut(50_000), false);
            measure(store, CorrelationViewTest.BIG, "nested 50k");
            measure(store, CorrelationViewTest.FAN_OUT, "flat 50k");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(LogStore store, String id, String name) {
        double[] query = new double[RUNS];
        double[] prepare = new double[RUNS];
        double[] expand = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t0 = System.nanoTime();
            Correlation c = store.correlation(id);
            long t1 = System.nanoTime();
            CorrelationTree tree = CorrelationTree.of(c);
            long t2 = System.nanoTime();
            // what the FX thread does: the top items, then opening the widest node
            LazyTraceItem root = new LazyTraceItem(tree.roots().get(0));
            int shown = root.getChildren().size();
            long t3 = System.nanoTime();
            if (i >= WARMUP) {
                query[i - WARMUP] = (t1 - t0) / 1e6;
                prepare[i - WARMUP] = (t2 - t1) / 1e6;
                expand[i - WARMUP] = (t3 - t2) / 1e6;
            }
            if (shown == 0) {
                throw new IllegalStateException("no children under the root of " + id);
            }
        }
        System.out.printf(Locale.ROOT, "%s: store.correlation %.0f ms, tree preparation %.0f ms (background); "
                + "FX thread expanding the root %.1f ms%n", name, median(query), median(prepare), median(expand));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
