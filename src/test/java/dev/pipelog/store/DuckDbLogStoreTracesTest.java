package dev.pipelog.store;

import static dev.pipelog.store.StoreFixtures.T0;
import static dev.pipelog.store.StoreFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.Correlation;
import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.model.TimeBound;
import dev.pipelog.model.TraceNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Correlation trees, execution summaries, pipelines and picker values. */
class DuckDbLogStoreTracesTest {
    @TempDir
    Path dir;
    DuckDbLogStore store;

    @BeforeEach
    void open() {
        store = StoreFixtures.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static LogRecord span(String id, long second, Level level, String logger, String span, String parent) {
        return record(id, T0.plusSeconds(second), level, "m" + id).correlationId("c1").pipelineId("p")
                .executionId("e1").logger(logger).spanId(span).parentSpanId(parent).build();
    }

    @Test
    void correlationBuildsTheSpanTreeWithTimesCountsAndOrphans() {
        store.append(List.of(
                span("1", 0, Level.INFO, "p.run", "root", null),
                span("2", 1, Level.INFO, "p.extract", "ext", "root"),
                span("3", 5, Level.INFO, "p.extract", "batch", "ext"),
                span("4", 9, Level.ERROR, "p.extract", "batch", "ext"),
                span("5", 10, Level.INFO, "p.load", "load", "root"),
                span("6", 12, Level.INFO, "p.callback", "cb", "never-reported"),
                span("7", 13, Level.INFO, "urllib3", null, null),
                span("8", 20, Level.INFO, "p.run", "root", null),
                record("other", T0, Level.INFO, "x").correlationId("c2").spanId("root").build()), false);

        Correlation c = store.correlation("c1");

        assertThat(c.grouping()).isEqualTo(Correlation.Grouping.SPANS);
        assertThat(c.records()).extracting(LogRecord::id).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(c.tree()).hasSize(1);
        TraceNode root = c.tree().get(0);
        assertThat(root.spanId()).isEqualTo("root");
        assertThat(root.label()).isEqualTo("p.run");
        assertThat(root.records()).isEqualTo(2);
        assertThat(root.start()).isEqualTo(T0);
        assertThat(root.end()).isEqualTo(T0.plusSeconds(20));
        assertThat(root.children()).extracting(TraceNode::spanId).containsExactly("ext", "load");
        TraceNode ext = root.children().get(0);
        assertThat(ext.duration()).as("covers its children").isEqualTo(Duration.ofSeconds(8));
        assertThat(ext.children()).singleElement().satisfies(batch -> {
            assertThat(batch.records()).isEqualTo(2);
            assertThat(batch.errors()).isEqualTo(1);
            assertThat(batch.parentSpanId()).isEqualTo("ext");
            assertThat(batch.duration()).isEqualTo(Duration.ofSeconds(4));
        });
        assertThat(root.totalRecords()).isEqualTo(6);
        assertThat(c.orphans()).singleElement().satisfies(o -> {
            assertThat(o.spanId()).isEqualTo("cb");
            assertThat(o.parentSpanId()).isEqualTo("never-reported");
        });
    }

    /** A span as the OTLP decoder stores it: one record at its start, its end in extra. */
    private static LogRecord otlpSpan(String id, Instant start, Instant end, String name, String span, String parent) {
        String extra = "{\"scope\":\"etl\",\"duration_ms\":" + Duration.between(start, end).toNanos() / 1e6
                + ",\"end_time\":\"" + end + "\",\"span_kind\":\"internal\"}";
        return record(id, start, Level.INFO, name).correlationId("trace").logger(name).spanId(span)
                .parentSpanId(parent).source("otlp-trace").extra(extra).build();
    }

    @Test
    void otlpSpansLastUntilTheirEndTimeAndOrdinaryDurationsDoNotStretchANode() {
        Instant childStart = T0.plusSeconds(1);
        store.append(List.of(
                otlpSpan("run", T0, T0.plusMillis(5_500), "run pipeline", "root", null),
                otlpSpan("load", childStart, childStart.plusMillis(1_250), "load orders", "child", "root"),
                record("log", childStart.plusMillis(500), Level.INFO, "loaded 10 rows").correlationId("trace")
                        .logger("etl.load").spanId("child").parentSpanId("root")
                        .extra("{\"duration_ms\":60000,\"rows\":10}").build()), false);

        Correlation c = store.correlation("trace");

        assertThat(c.grouping()).isEqualTo(Correlation.Grouping.SPANS);
        TraceNode root = c.tree().get(0);
        assertThat(root.label()).isEqualTo("run pipeline");
        assertThat(root.start()).isEqualTo(T0);
        assertThat(root.end()).isEqualTo(T0.plusMillis(5_500));
        assertThat(root.duration()).isEqualTo(Duration.ofMillis(5_500));
        assertThat(root.children()).singleElement().satisfies(child -> {
            assertThat(child.label()).isEqualTo("load orders");
            assertThat(child.records()).isEqualTo(2);
            assertThat(child.start()).isEqualTo(childStart);
            assertThat(child.end()).as("the span's end, not its log's duration_ms")
                    .isEqualTo(childStart.plusMillis(1_250));
            assertThat(child.duration()).isEqualTo(Duration.ofMillis(1_250));
        });
    }

    @Test
    void aSpanEndThatIsNotATimeOrBeforeTheStartLeavesTheNodeAtItsRecords() {
        store.append(List.of(
                record("1", T0, Level.INFO, "a").correlationId("odd").spanId("s")
                        .extra("{\"end_time\":\"soon\"}").build(),
                record("2", T0.plusSeconds(2), Level.INFO, "b").correlationId("odd").spanId("s")
                        .extra("{\"end_time\":\"" + T0.minusSeconds(60) + "\"}").build(),
                record("3", T0.plusSeconds(3), Level.INFO, "c").correlationId("odd").spanId("s")
                        .extra("{\"end_time\":42}").build()), false);

        TraceNode node = store.correlation("odd").tree().get(0);

        assertThat(node.start()).isEqualTo(T0);
        assertThat(node.end()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void correlationWithoutSpansGroupsPipelineExecutionLogger() {
        store.append(List.of(
                record("1", T0, Level.INFO, "a").correlationId("c").pipelineId("p").executionId("e1").logger("x").build(),
                record("2", T0.plusSeconds(1), Level.ERROR, "b").correlationId("c").pipelineId("p").executionId("e1")
                        .logger("y").build(),
                record("3", T0.plusSeconds(2), Level.INFO, "c").correlationId("c").pipelineId("p").executionId("e1")
                        .logger("x").build(),
                record("4", T0.plusSeconds(3), Level.INFO, "d").correlationId("c").pipelineId("q").executionId("e9")
                        .logger("z").build()), false);

        Correlation c = store.correlation("c");

        assertThat(c.grouping()).isEqualTo(Correlation.Grouping.PIPELINE_EXECUTION_LOGGER);
        assertThat(c.orphans()).isEmpty();
        assertThat(c.tree()).extracting(TraceNode::kind, TraceNode::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TraceNode.Kind.PIPELINE, "p"),
                        org.assertj.core.groups.Tuple.tuple(TraceNode.Kind.PIPELINE, "q"));
        TraceNode execution = c.tree().get(0).children().get(0);
        assertThat(execution.kind()).isEqualTo(TraceNode.Kind.EXECUTION);
        assertThat(execution.label()).isEqualTo("e1");
        assertThat(execution.children()).extracting(TraceNode::label, TraceNode::records, TraceNode::errors)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("x", 2L, 0L),
                        org.assertj.core.groups.Tuple.tuple("y", 1L, 1L));
        assertThat(c.tree().get(0).totalRecords()).isEqualTo(3);
        assertThat(c.tree().get(0).duration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void unknownCorrelationIsEmpty() {
        assertThat(store.correlation("nope").isEmpty()).isTrue();
    }

    @Test
    void executionsAreSummarisedNewestFirstWithStatusAndLastError() {
        store.append(List.of(
                record("1", T0, Level.INFO, "start").pipelineId("p").executionId("ok").build(),
                record("2", T0.plusSeconds(30), Level.DEBUG, "end").pipelineId("p").executionId("ok").build(),
                record("3", T0.plusSeconds(100), Level.WARNING, "slow").pipelineId("p").executionId("warn").build(),
                record("4", T0.plusSeconds(200), Level.ERROR, "first error").pipelineId("p").executionId("bad").build(),
                record("5", T0.plusSeconds(210), Level.CRITICAL, "last error").pipelineId("p").executionId("bad").build(),
                record("6", T0.plusSeconds(220), Level.INFO, "cleanup done").pipelineId("p").executionId("bad").build(),
                record("7", T0.plusSeconds(300), Level.ERROR, "elsewhere").pipelineId("q").executionId("bad").build(),
                record("8", T0.plusSeconds(5), Level.INFO, "no execution").pipelineId("p").build()), false);

        List<ExecutionSummary> runs = store.executions("p", null, null, 10);

        assertThat(runs).extracting(ExecutionSummary::executionId).containsExactly("bad", "warn", "ok");
        ExecutionSummary bad = runs.get(0);
        assertThat(bad.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(bad.lastError()).isEqualTo("last error");
        assertThat(bad.records()).isEqualTo(3);
        assertThat(bad.countsByLevel()).isEqualTo(Map.of(Level.ERROR, 1L, Level.CRITICAL, 1L, Level.INFO, 1L));
        assertThat(bad.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(runs.get(1).status()).isEqualTo(ExecutionStatus.WARNINGS);
        assertThat(runs.get(2).status()).isEqualTo(ExecutionStatus.OK);
        assertThat(runs.get(2).lastError()).isNull();
        assertThat(runs.get(2).start()).isEqualTo(T0);
        assertThat(runs.get(2).end()).isEqualTo(T0.plusSeconds(30));

        assertThat(store.executions("p", null, null, 1)).extracting(ExecutionSummary::executionId).containsExactly("bad");
        assertThat(store.executions("p", TimeBound.at(T0.plusSeconds(50)), TimeBound.at(T0.plusSeconds(150)), 10))
                .as("started within the bounds").extracting(ExecutionSummary::executionId).containsExactly("warn");
        assertThat(store.executions("p", TimeBound.at(T0.plusSeconds(150)), null, 10))
                .extracting(ExecutionSummary::executionId).containsExactly("bad");
    }

    @Test
    void anExecutionSpreadOverBatchesIsSummarisedAsOne() {
        store.append(List.of(
                record("1", T0, Level.INFO, "start").pipelineId("p").executionId("e").correlationId("c").build(),
                record("2", T0.plusSeconds(10), Level.ERROR, "the real failure").pipelineId("p").executionId("e")
                        .correlationId("c").build()), false);
        store.append(List.of(
                record("3", T0.plusSeconds(20), Level.WARNING, "retrying").pipelineId("p").executionId("e")
                        .correlationId("c").build()), false);
        store.append(List.of(
                record("0", T0.minusSeconds(5), Level.DEBUG, "late arrival").pipelineId("p").executionId("e")
                        .correlationId("c").build()), true);

        assertThat(store.executions("p", null, null, 10)).singleElement().satisfies(e -> {
            assertThat(e.records()).isEqualTo(4);
            assertThat(e.start()).isEqualTo(T0.minusSeconds(5));
            assertThat(e.end()).isEqualTo(T0.plusSeconds(20));
            assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(e.lastError()).isEqualTo("the real failure");
        });
        assertThat(store.pipelines()).singleElement().satisfies(p -> {
            assertThat(p.executions()).isEqualTo(1);
            assertThat(p.records()).isEqualTo(4);
        });
        assertThat(store.correlation("c").records()).extracting(LogRecord::id).containsExactly("0", "1", "2", "3");
    }

    @Test
    void pipelinesAndPickerValues() {
        store.append(List.of(
                record("1", T0, Level.INFO, "x").pipelineId("daily_sales").executionId("e1").logger("dlt.load").build(),
                record("2", T0.plusSeconds(1), Level.ERROR, "x").pipelineId("daily_sales").executionId("e2")
                        .logger("dlt.load").build(),
                record("3", T0.plusSeconds(2), Level.INFO, "x").pipelineId("daily_sales").executionId("e2")
                        .logger("dlt.extract").build(),
                record("4", T0.plusSeconds(3), Level.INFO, "x").pipelineId("Dashboard").logger("DLT.Other").build(),
                record("5", T0.plusSeconds(4), Level.INFO, "x").logger("root").build()), false);

        assertThat(store.pipelines()).containsExactly(
                new PipelineSummary("Dashboard", T0.plusSeconds(3), T0.plusSeconds(3), 0, 1, 0),
                new PipelineSummary("daily_sales", T0, T0.plusSeconds(2), 2, 3, 1));
        assertThat(store.distinctValues(LogStore.Field.LOGGER, "dl", 10))
                .as("case-insensitive prefix, most frequent first").containsExactly("dlt.load", "DLT.Other", "dlt.extract");
        assertThat(store.distinctValues(LogStore.Field.LOGGER, "dl", 1)).containsExactly("dlt.load");
        assertThat(store.distinctValues(LogStore.Field.PIPELINE_ID, "D", 10)).containsExactly("daily_sales", "Dashboard");
        assertThat(store.distinctValues(LogStore.Field.EXECUTION_ID, "", 10)).containsExactly("e2", "e1");
        assertThat(store.distinctValues(LogStore.Field.LOGGER, "%", 10)).as("prefix is literal").isEmpty();
    }
}
