package dev.pipelog.ui.explore;

import dev.pipelog.model.Stats;
import dev.pipelog.model.TimeBound;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.UiTask;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the histogram current without piling store work up behind the searches. It counts what the
 * search matches (text, execution, logger, pipeline, time range); the levels are applied as it is
 * drawn. At most one aggregate runs at a time: a read for another search is cancelled (a text
 * search's histogram is a scan of every message, which must not hold the cores from the next
 * search), a request for the same search made meanwhile waits (only the newest), so live tail and
 * quick clicks never queue reads behind each other. A search that changes only the levels within
 * {@link #REUSE} of the last finished read shows that read again with its own levels. FX thread only.
 */
final class HistogramRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(HistogramRefresher.class);
    /** As fresh as live tail keeps it. */
    static final Duration REUSE = Duration.ofSeconds(2);
    /**
     * A read stays fresh for at least this many times what it took: under live tail, a text search's
     * histogram (a scan of every message) then takes at most a tenth of the time.
     */
    private static final int REUSE_PER_READ_TIME = 10;

    /** What the histogram's numbers depend on: everything but the levels. */
    private record Scope(String text, boolean regex, String pipelineId, String executionId, String logger,
                         TimePreset preset, TimeBound from, TimeBound to) {
        static Scope of(SearchFilters f) {
            return new Scope(f.text(), f.regex(), f.pipelineId(), f.executionId(), f.logger(), f.preset(), f.from(),
                    f.to());
        }
    }

    private final LogStore store;
    private final Executor executor;
    private final LevelHistogram histogram;
    private final Runnable onRead;
    /** A finished read: what it covered, the moment it counted up to, how long it took, what it found. */
    private record Read(Scope scope, Instant at, Duration took, Stats.Histogram histogram) {
        boolean freshAt(Instant now) {
            Duration reuse = took.multipliedBy(REUSE_PER_READ_TIME);
            return now.isBefore(at.plus(reuse.compareTo(REUSE) > 0 ? reuse : REUSE));
        }
    }

    private SearchFilters current;
    private Read last;
    /** The read in flight and the search it is for; null when none runs. */
    private Task<?> running;
    private Scope runningScope;
    private Instant pending;

    /** {@code onRead} runs after a histogram read from the store is shown (not after a reuse). */
    HistogramRefresher(LogStore store, Executor executor, LevelHistogram histogram, Runnable onRead) {
        this.store = store;
        this.executor = executor;
        this.histogram = histogram;
        this.onRead = onRead;
    }

    /**
     * A search is shown with {@code count} matches: show its histogram, reading it again unless the
     * last read still fits: fresh, and adding up to that count (a read from before a bulk load is
     * fresh for a moment but counts other records).
     */
    void refresh(SearchFilters f, Instant now, long count) {
        current = f;
        if (last != null && last.scope().equals(Scope.of(f)) && last.freshAt(now)
                && LevelHistogram.total(last.histogram(), f.levels()) == count) {
            histogram.show(last.histogram(), f.levels());
            return;
        }
        request(now);
    }

    /** A search starts: a read for another search stops now, so it does not slow this one down. */
    void searching(SearchFilters f) {
        cancelUnlessFor(Scope.of(f));
    }

    private void cancelUnlessFor(Scope scope) {
        if (running != null && !runningScope.equals(scope)) {
            running.cancel(); // a cancelled task runs no callback
            running = null;
            pending = null;
        }
    }

    /** Records arrived (live tail): read again once the last read is no longer fresh. */
    void refreshIfStale(Instant now) {
        if (current != null && running == null && (last == null || !last.freshAt(now))) {
            request(now);
        }
    }

    private void request(Instant now) {
        cancelUnlessFor(Scope.of(current));
        if (running != null) {
            pending = now;
            return;
        }
        SearchFilters f = current;
        runningScope = Scope.of(f);
        Instant asked = Instant.now();
        running = UiTask.supply(() -> store.histogram(f.toHistogramQuery(now)))
                .onSuccess(h -> {
                    last = new Read(Scope.of(f), now, Duration.between(asked, Instant.now()), h);
                    if (last.scope().equals(Scope.of(current))) {
                        histogram.show(h, current.levels());
                        onRead.run();
                    }
                })
                .onError(e -> LOG.warn("histogram failed", e))
                .onFinally(() -> {
                    running = null;
                    if (pending != null) {
                        Instant next = pending;
                        pending = null;
                        request(next);
                    }
                })
                .start(executor);
    }
}
