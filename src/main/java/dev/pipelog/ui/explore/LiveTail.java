package dev.pipelog.ui.explore;

import dev.pipelog.model.LogRecord;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.UiTask;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows new matches of the active search: every half second, while on, reads what arrived after
 * the last row in the background and appends it in one change. The timer ticks on the FX thread
 * but only starts a read when none is running, so a slow store never piles reads up. FX thread only.
 */
final class LiveTail {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTail.class);
    static final Duration PERIOD = Duration.millis(500);
    /** Most records one tick reads; more waiting means the tail skips ahead. */
    private static final int READ = 2_000;

    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "liveTail", false);
    private final Timeline timer = new Timeline(new KeyFrame(PERIOD, e -> tick()));
    private final LogStore store;
    private final Executor executor;
    private final Supplier<ActiveSearch> active;
    private final Consumer<Integer> onArrived;
    private Task<?> inFlight;
    private boolean visible;

    /** {@code onArrived} is told how many rows the list grew by, after they were added. */
    LiveTail(LogStore store, Executor executor, Supplier<ActiveSearch> active, Consumer<Integer> onArrived) {
        this.store = store;
        this.executor = executor;
        this.active = active;
        this.onArrived = onArrived;
        timer.setCycleCount(Animation.INDEFINITE);
        enabled.addListener((obs, was, on) -> update());
    }

    BooleanProperty enabledProperty() {
        return enabled;
    }

    void setVisible(boolean visible) {
        this.visible = visible;
        update();
    }

    private void update() {
        if (enabled.get() && visible) {
            timer.play();
        } else {
            timer.stop();
        }
    }

    private void tick() {
        ActiveSearch search = active.get();
        if (search == null || inFlight != null) {
            return;
        }
        PagedRecordList rows = search.rows();
        LogRecord last = rows.lastLoaded();
        if (last != null) {
            inFlight = UiTask.supply(() -> catchUp(search, last))
                    .onSuccess((Runnable apply) -> {
                        if (active.get() == search) {
                            int before = rows.size();
                            apply.run();
                            onArrived.accept(rows.size() - before);
                        }
                    })
                    .onError(e -> LOG.warn("live tail could not read new records", e))
                    .onFinally(() -> inFlight = null)
                    .start(executor);
        } else {
            // The end is not loaded (scrolled away or empty): learn the new size; rows load when shown.
            inFlight = UiTask.supply(() -> store.count(search.query()))
                    .onSuccess(n -> {
                        if (active.get() == search) {
                            int before = rows.size();
                            rows.growTo((int) Math.min(Integer.MAX_VALUE, n));
                            onArrived.accept(rows.size() - before);
                        }
                    })
                    .onError(e -> LOG.warn("live tail could not count new records", e))
                    .onFinally(() -> inFlight = null)
                    .start(executor);
        }
    }

    /**
     * Reads what arrived after {@code last} (background). When more arrived than one read takes,
     * it skips to the newest rows instead of trailing further behind every tick.
     *
     * @return the change to apply to the rows, on the FX thread
     */
    private Runnable catchUp(ActiveSearch search, LogRecord last) {
        List<LogRecord> arrived = search.seeker().after(last, READ);
        if (arrived.size() < READ) {
            return () -> search.rows().append(arrived);
        }
        int size = (int) Math.min(Integer.MAX_VALUE, store.count(search.query()));
        Block end = search.seeker().lastRows(KeysetSeeker.PAGE, size);
        return () -> search.rows().skipTo(size, end);
    }
}
