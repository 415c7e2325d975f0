package dev.pipelog.bench;

import dev.pipelog.model.CleanupRequest;
import dev.pipelog.model.CleanupResult;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.SortOrder;
import dev.pipelog.model.StatsQuery;
import dev.pipelog.model.TimeBound;
import dev.pipelog.store.DuckDbLogStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The timed queries of {@link StoreBeforeAfter} on one store. Loaded once per code version, so it
 * uses only the {@code LogStore} contract both versions share.
 */
public final class StoreWorkload {
    private static final Instant END = Instant.parse("2026-11-28T12:00:00Z");

    private StoreWorkload() {
    }

    /** Opens the store (added to {@code open} for closing) and returns its queries by label. */
    public static Map<String, Callable<Object>> queries(String file, List<AutoCloseable> open) {
        DuckDbLogStore store = DuckDbLogStore.open(Path.of(file), Duration.ofMinutes(5));
        open.add(store);
        LogQuery text = LogQuery.builder().text("Connection to warehouse").build();
        // The same matches under a filter never counted, so the page cannot lean on a count.
        LogQuery uncounted = text.toBuilder().since(TimeBound.at(Instant.EPOCH)).build();
        LogQuery none = LogQuery.builder().text("no such text anywhere").build();
        LogQuery regex = LogQuery.builder().text("Loaded [0-9]+ rows into finance\\.").regex(true).build();
        LogQuery errors = LogQuery.builder().levels(Set.of(Level.ERROR, Level.CRITICAL)).build();
        LogQuery pipeline = LogQuery.builder().pipelineId("orders_etl").build();
        LogQuery oldest = pipeline.toBuilder().order(SortOrder.ASCENDING).build();
        LogQuery middle = LogQuery.builder().since(TimeBound.at(END.minus(Duration.ofDays(5))))
                .order(SortOrder.ASCENDING).limit(1000).build();
        String cid = store.find(middle).items().stream().map(LogRecord::correlationId).filter(Objects::nonNull)
                .findFirst().orElseThrow();
        LogQuery byCorrelation = LogQuery.builder().correlationId(cid).build();
        Map<String, Callable<Object>> w = new LinkedHashMap<>();
        w.put("search: substring, count then first page", () -> store.count(text) + store.find(text).items().size());
        w.put("search: substring, count alone", () -> store.count(text));
        w.put("search: substring, first page alone (no count before it)", () -> store.find(uncounted).items().size());
        w.put("search: substring matching nothing, count then page", () -> store.count(none) + store.find(none).items().size());
        w.put("search: regex, count then first page", () -> store.count(regex) + store.find(regex).items().size());
        w.put("search: level ERROR+CRITICAL, count then first page", () -> store.count(errors) + store.find(errors).items().size());
        w.put("pipeline first page, newest first", () -> store.find(pipeline).items().size());
        w.put("pipeline first page, oldest first", () -> store.find(oldest).items().size());
        w.put("correlation (records + tree)", () -> store.correlation(cid).records().size());
        w.put("correlation first page via find", () -> store.find(byCorrelation).items().size());
        w.put("stats, everything", () -> store.stats(StatsQuery.all()).total());
        return w;
    }

    /** Deletes the oldest tenth of the demo data (older than 9 days before its end); returns what it did. */
    public static String cleanup(String file) {
        int days = (int) Duration.between(END, Instant.now()).toDays() + 9;
        try (DuckDbLogStore store = DuckDbLogStore.open(Path.of(file), Duration.ofMinutes(5))) {
            long t0 = System.nanoTime();
            CleanupResult r = store.cleanup(new CleanupRequest(days, null, null, false, false), List.of());
            return String.format(java.util.Locale.ROOT, "%,d records in %.0f ms", r.records(), (System.nanoTime() - t0) / 1e6);
        }
    }
}
