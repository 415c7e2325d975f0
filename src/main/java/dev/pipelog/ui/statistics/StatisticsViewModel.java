package dev.pipelog.ui.statistics;

import java.time.Instant;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.model.Stats;
import dev.pipelog.model.StatsQuery;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.UiTask;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the Statistics view: the window and pipeline chosen, and the store's aggregates for them.
 * Changing either reloads in the background; the charts are redrawn from one {@link Stats}.
 * Use on the FX thread.
 */
public final class StatisticsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsViewModel.class);

    private final LogStore store;
    private final Executor background;
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(TimeWindow.LAST_DAY);
    private final ObjectProperty<String> pipeline = new SimpleObjectProperty<>();
    private final ObservableList<String> pipelines = FXCollections.observableArrayList();
    private final ObservableList<String> pipelinesView = FXCollections.unmodifiableObservableList(pipelines);
    private final ReadOnlyObjectWrapper<Stats> stats = new ReadOnlyObjectWrapper<>();
    /** When the shown stats were asked for: the end of their window, where the last bucket stops. */
    private Instant statsAsOf = Instant.EPOCH;
    /** Where their window starts, inside its first bucket; null for all time. */
    private Instant statsFrom;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Task<?> statsTask;

    public StatisticsViewModel(LogStore store, Executor background) {
        this.store = Objects.requireNonNull(store);
        this.background = Objects.requireNonNull(background);
        window.addListener((o, was, now) -> reload());
        pipeline.addListener((o, was, now) -> reload());
    }

    public ObjectProperty<TimeWindow> windowProperty() {
        return window;
    }

    /** The pipeline the statistics are restricted to; null for all. */
    public ObjectProperty<String> pipelineProperty() {
        return pipeline;
    }

    /** Pipeline ids the picker offers. */
    public ObservableList<String> pipelines() {
        return pipelinesView;
    }

    public Instant statsAsOf() {
        return statsAsOf;
    }

    public Instant statsFrom() {
        return statsFrom;
    }

    public ReadOnlyObjectProperty<Stats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The query the current choice stands for. */
    public StatsQuery query() {
        return new StatsQuery(pipeline.get(), window.get().since(), null, null);
    }

    /** The ERROR and CRITICAL records of one logger of the top list, in the window shown. */
    public LogQuery errorsOf(Stats.LoggerCount logger) {
        return LogQuery.builder().pipelineId(logger.pipelineId()).loggerPrefix(logger.logger())
                .levels(java.util.Set.of(Level.ERROR, Level.CRITICAL)).since(window.get().since()).build();
    }

    /** Reloads the pipeline list and the statistics. */
    public void refresh() {
        UiTask.supply(() -> store.pipelines().stream().map(PipelineSummary::pipelineId).toList())
                .onSuccess((List<String> ids) -> {
                    String current = pipeline.get();
                    pipelines.setAll(ids);
                    if (current != null && !ids.contains(current)) {
                        pipeline.set(null);
                    }
                })
                .onError(e -> fail("Could not list pipelines", e))
                .start(background);
        reload();
    }

    private void reload() {
        if (statsTask != null) {
            statsTask.cancel();
        }
        StatsQuery query = query();
        loading.set(true);
        Instant asOf = Instant.now();
        Instant from = window.get().length() == null ? null : asOf.minus(window.get().length());
        statsTask = UiTask.supply(() -> store.stats(query))
                .onSuccess(s -> {
                    message.set("");
                    statsAsOf = asOf;
                    statsFrom = from;
                    stats.set(s);
                })
                .onError(e -> fail("Could not compute statistics", e))
                .onFinally(() -> loading.set(false))
                .start(background);
    }

    private void fail(String what, Throwable e) {
        LOG.warn("{}", what, e);
        message.set(what + ": " + e.getMessage());
    }
}
