package dev.pipelog.ui.correlation;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.Correlation;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.pipelines.DemoStores;
import dev.pipelog.ui.pipelines.ViewTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** The Correlation view model against a store of demo data, without a robot. */
class CorrelationViewModelTest {
    @TempDir
    static Path dir;
    private static LogStore store;
    private static ExecutorService background;
    private CorrelationViewModel model;

    @BeforeAll
    static void fillStore() throws Exception {
        FxToolkit.registerPrimaryStage();
        store = DemoStores.open(dir, 4_000, Instant.now(), Duration.ofHours(6));
        background = ViewTestSupport.background();
    }

    @AfterAll
    static void closeStore() {
        background.shutdownNow();
        store.close();
    }

    @BeforeEach
    void newModel() {
        model = onFx(() -> new CorrelationViewModel(store, background));
    }

    @Test
    void aSpanTreeShowsItsRootsAndEveryRecordOnce() {
        Correlation c = correlationWith(store, Correlation.Grouping.SPANS);
        onFx(() -> model.open(c.correlationId()));
        waitUntil(() -> model.rootProperty().get() != null);

        TreeItem<TraceRow> root = onFx(() -> model.rootProperty().get());
        List<TraceRow> top = onFx(() -> root.getChildren().stream().map(TreeItem::getValue).toList());
        boolean anyWithoutSpan = c.records().stream().anyMatch(r -> r.spanId() == null);
        assertThat(top).hasSize(c.tree().size() + (c.orphans().isEmpty() ? 0 : 1) + (anyWithoutSpan ? 1 : 0));
        assertThat(top.stream().mapToLong(TraceRow::totalRecords).sum())
                .as("every record is under some top-level row").isEqualTo(c.records().size());
        assertThat(onFx(() -> model.statusProperty().get())).startsWith(c.records().size() + " records");
    }

    @Test
    void selectingASpanShowsItsOwnRecords() {
        Correlation c = correlationWith(store, Correlation.Grouping.SPANS);
        onFx(() -> model.open(c.correlationId()));
        waitUntil(() -> model.rootProperty().get() != null);
        TraceRow span = onFx(() -> model.rootProperty().get().getChildren().get(0).getValue());

        onFx(() -> model.select(span));
        waitUntil(() -> !model.records().isEmpty());
        List<LogRecord> shown = onFx(() -> List.copyOf(model.records()));
        assertThat(shown).hasSize((int) span.ownRecords()).allMatch(r -> span.spanId().equals(r.spanId()));
    }

    @Test
    void recordsWithoutASpanInASpanTreeHaveTheirOwnGroup() {
        Correlation c = correlationWhere(store, x -> x.grouping() == Correlation.Grouping.SPANS
                && x.records().stream().anyMatch(r -> r.spanId() == null));
        onFx(() -> model.open(c.correlationId()));
        waitUntil(() -> model.rootProperty().get() != null);
        TraceRow group = onFx(() -> model.rootProperty().get().getChildren().stream().map(TreeItem::getValue)
                .filter(r -> r.kind() == TraceRow.Kind.NO_SPAN).findFirst().orElseThrow());
        List<LogRecord> withoutSpan = c.records().stream().filter(r -> r.spanId() == null).toList();
        assertThat(group.label()).isEqualTo("Without a span");
        assertThat(group.totalRecords()).isEqualTo(withoutSpan.size());

        onFx(() -> model.select(group));
        waitUntil(() -> model.records().size() == withoutSpan.size());
        assertThat(onFx(() -> List.copyOf(model.records()))).containsExactlyElementsOf(withoutSpan);
    }

    @Test
    void withoutSpansTheRecordsAreGroupedByPipelineExecutionAndLogger() {
        Correlation c = correlationWith(store, Correlation.Grouping.PIPELINE_EXECUTION_LOGGER);
        onFx(() -> model.open(c.correlationId()));
        waitUntil(() -> model.rootProperty().get() != null);
        TreeItem<TraceRow> pipeline = onFx(() -> model.rootProperty().get().getChildren().get(0));
        assertThat(pipeline.getValue().kind()).isEqualTo(TraceRow.Kind.PIPELINE);
        assertThat(pipeline.getValue().label()).isEqualTo(c.records().get(0).pipelineId());

        onFx(() -> model.select(pipeline.getValue()));
        waitUntil(() -> model.records().size() == c.records().size());
        TraceRow logger = onFx(() -> pipeline.getChildren().get(0).getChildren().get(0).getValue());
        assertThat(logger.kind()).isEqualTo(TraceRow.Kind.LOGGER);
        onFx(() -> model.select(logger));
        waitUntil(() -> model.records().size() == logger.ownRecords());
        assertThat(onFx(() -> List.copyOf(model.records()))).allMatch(r -> logger.label().equals(r.logger()));
    }

    @Test
    void treeItemsAreCreatedOnlyWhenOpened() {
        Correlation c = correlationWith(store, Correlation.Grouping.SPANS);
        onFx(() -> model.open(c.correlationId()));
        waitUntil(() -> model.rootProperty().get() != null);
        LazyTraceItem first = onFx(() -> (LazyTraceItem) model.rootProperty().get().getChildren().get(0));
        assertThat(first.getValue().children()).isNotEmpty();
        // the first root is shown expanded, its children exist; theirs do not until opened
        LazyTraceItem child = onFx(() -> (LazyTraceItem) first.getChildren().stream()
                .filter(i -> !i.getValue().children().isEmpty()).findFirst().orElseThrow());
        assertThat(child.childrenCreated()).isFalse();
        onFx(() -> child.setExpanded(true));
        assertThat(onFx(() -> child.getChildren().size())).isEqualTo(child.getValue().children().size());
    }

    @Test
    void anUnknownIdSaysSo() {
        onFx(() -> model.open("no-such-correlation"));
        waitUntil(() -> model.statusProperty().get().startsWith("No records"));
        assertThat(onFx(() -> model.rootProperty().get().getChildren())).isEmpty();
    }

    /** A demo correlation with the grouping asked for. */
    static Correlation correlationWith(LogStore store, Correlation.Grouping grouping) {
        return correlationWhere(store, c -> c.grouping() == grouping && c.records().size() > 5);
    }

    static Correlation correlationWhere(LogStore store, java.util.function.Predicate<Correlation> wanted) {
        for (PipelineSummary p : store.pipelines()) {
            for (var e : store.executions(p.pipelineId(), null, null, 1000)) {
                String id = store.find(dev.pipelog.model.LogQuery.builder().pipelineId(p.pipelineId())
                        .executionId(e.executionId()).limit(1).build()).items().get(0).correlationId();
                Correlation c = store.correlation(id);
                if (wanted.test(c)) {
                    return c;
                }
            }
        }
        throw new AssertionError("the demo data has no such correlation");
    }
}
