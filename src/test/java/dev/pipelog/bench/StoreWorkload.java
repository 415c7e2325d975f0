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
import dev.pipelog.store.LogStore;
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
    /** Where the demo data of both benchmarks ends; it spans the ten days before. */
    static final Instant END = Instant.parse("2026-11-28T12:00:00Z");
    static final LogQuery TEXT = LogQuery.builder().text("Connection to warehouse").build();
    // The same matches under a filter never counted, so the page cannot lean on a count.
    static final LogQuery UNCOUNTED = TEXT.toBuilder().since(TimeBound.at(Instant.EPOCH)).build();
    static final LogQuery NONE = LogQuery.builder().text("no such text anywhere").build();
    static final LogQuery REGEX = LogQuery.builder().text("Loaded [0-9]+ rows into finance\\.").regex(true).build();
    static final LogQuery ERRORS = LogQuery.builder().levels(Set.of(Level.ERROR, Level.CRITICAL)).build();
    static final LogQuery PIPELINE = LogQuery.builder().pipelineId("orders_etl").build();
    static final LogQuery PIPELINE_OLDEST = PIPELINE.toBuilder().order(SortOrder.ASCENDING).build();

    private StoreWorkload() {
    }

    /** A correlation in the middle of the data (the first one from half-way through the time range). */
    static String middleCorrelation(LogStore store) {
        LogQuery middle = LogQuery.builder().since(TimeBound.at(END.minus(Duration.ofDays(5))))
                .order(SortOrder.ASCENDING).limit(1000).build();
        return store.find(middle).items().stream().map(LogRecord::correlationId).filter(Objects::nonNull)
                .findFirst().orElseThrow();
    }

    /** The cleanup of the oldest tenth of the demo data: older than 9 days before its end. */
    static CleanupRequest oldestTenth(boolean dryRun) {
        return new CleanupRequest((int) Duration.between(END, Instant.now()).toDays() + 9, null, null, false, dryRun);
    }

    /** Opens the store (added to {@code open} for closing) and returns its queries by label. */
    public static Map<String, Callable<Object>> queries(String file, List<AutoCloseable> open) {
        DuckDbLogStore store = DuckDbLogStore.open(Path.of(file), Duration.ofMinutes(5));
        open.add(store);
        String cid = middleCorrelation(store);
        LogQuery byCorrelation = LogQuery.builder().correlationId(cid).build();
        Map<String, Callable<Object>> w = new LinkedHashMap<>();
        w.put("search: substring, count then first page", () -> store.count(TEXT) + store.find(TEXT).items().size());
        w.put("search: substring, count alone", () -> store.count(TEXT));
        w.put("search: substring, first page alone (no count before it)", () -> store.find(UNCOUNTED).items().size());
        w.put("search: substring matching nothing, count then page", () -> store.count(NONE) + store.find(NONE).items().size());
        w.put("search: regex, count then first page", () -> store.count(REGEX) + store.find(REGEX).items().size());
        w.put("search: level ERROR+CRITICAL, count then first page", () -> store.count(ERRORS) + store.find(ERRORS).items().size());
        w.put("pipeline first page, newest first", () -> store.find(PIPELINE).items().size());
        w.put("pipeline first page, oldest first", () -> store.find(PIPELINE_OLDEST).items().size());
        w.put("correlation (records + tree)", () -> store.correlation(cid).records().size());
        w.put("correlation first page via find", () -> store.find(byCorrelation).items().size());
        w.put("stats, everything", () -> store.stats(StatsQuery.all()).total());
        return w;
    }

    /** Deletes the oldest tenth of the demo data (older than 9 days before its end); returns what it did. */
    public static String cleanup(String file) {
        try (DuckDbLogStore store = DuckDbLogStore.open(Path.of(file), Duration.ofMinutes(5))) {
            long t0 = System.nanoTime();
            CleanupResult r = store.cleanup(oldestTenth(false), List.of());
            return String.format(java.util.Locale.ROOT, "%,d records in %.0f ms", r.records(), (System.nanoTime() - t0) / 1e6);
        }
    }
}
