package dev.pipelog.ui.explore;

import dev.pipelog.model.Stats;
import dev.pipelog.model.TimeBound;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.UiTask;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the histogram current without piling store work up behind the searches. At most one
 * aggregate runs at a time and a request made meanwhile waits (only the newest), so live tail and
 * quick clicks never queue reads behind each other. The histogram depends on the pipeline and the
 * time range only, so a search that changes anything else within {@link #REUSE} of the last
 * finished read shows that read again with its own levels. FX thread only.
 */
final class HistogramRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(HistogramRefresher.class);
    /** As fresh as live tail keeps it. */
    static final Duration REUSE = Duration.ofSeconds(2);

    /** What the histogram's numbers depend on. */
    private record Scope(String pipelineId, TimePreset preset, TimeBound from, TimeBound to) {
        static Scope of(SearchFilters f) {
            return new Scope(f.pipelineId(), f.preset(), f.from(), f.to());
        }
    }

    private final LogStore store;
    private final Executor executor;
    private final LevelHistogram histogram;
    /** A finished read: what it covered, when it started, what it found. */
    private record Read(Scope scope, Instant at, Stats.Histogram histogram) {
        boolean freshAt(Instant now) {
            return now.isBefore(at.plus(REUSE));
        }
    }

    private SearchFilters current;
    private Read last;
    private boolean running;
    private Instant pending;

    HistogramRefresher(LogStore store, Executor executor, LevelHistogram histogram) {
        this.store = store;
        this.executor = executor;
        this.histogram = histogram;
    }

    /** A search is shown: show its histogram, reading it again unless the last read still fits. */
    void refresh(SearchFilters f, Instant now) {
        current = f;
        if (last != null && last.scope().equals(Scope.of(f)) && last.freshAt(now)) {
            histogram.show(last.histogram(), f.levels());
            return;
        }
        request(now);
    }

    /** Records arrived (live tail): read again once the last read is older than {@link #REUSE}. */
    void refreshIfStale(Instant now) {
        if (current != null && !running && (last == null || !last.freshAt(now))) {
            request(now);
        }
    }

    private void request(Instant now) {
        if (running) {
            pending = now;
            return;
        }
        running = true;
        SearchFilters f = current;
        UiTask.supply(() -> store.histogram(f.toStatsQuery(now)))
                .onSuccess(h -> {
                    last = new Read(Scope.of(f), now, h);
                    if (last.scope().equals(Scope.of(current))) {
                        histogram.show(h, current.levels());
                    }
                })
                .onError(e -> LOG.warn("histogram failed", e))
                .onFinally(() -> {
                    running = false;
                    if (pending != null) {
                        Instant next = pending;
                        pending = null;
                        request(next);
                    }
                })
                .start(executor);
    }
}
