package dev.pipelog.ui.correlation;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.Correlation;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.pipelines.DemoStores;
import dev.pipelog.ui.pipelines.ViewTestSupport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What a user does in the Correlation view, on demo data and on one correlation of 50,000 records. */
@ExtendWith(ApplicationExtension.class)
class CorrelationViewTest {
    static final String BIG = "big-correlation";
    static final int STAGES = 50;
    static final int BATCHES_PER_STAGE = 20;
    static final int RECORDS_PER_BATCH = 50;

    @TempDir
    static Path dir;
    private static LogStore store;
    private static ExecutorService background;
    /** Held closed while a test wants the store's correlation query to be "slow". */
    private static volatile CountDownLatch correlationGate = new CountDownLatch(0);
    private final ViewTestSupport.RecordingNavigator navigator = new ViewTestSupport.RecordingNavigator();
    private CorrelationController controller;

    @BeforeAll
    static void fillStore() {
        store = DemoStores.open(dir, 4_000, Instant.now(), Duration.ofHours(6));
        store.append(bigCorrelation(), false);
        store.append(fanOut(1_200), false);
        background = ViewTestSupport.background();
    }

    @AfterAll
    static void closeStore() {
        background.shutdownNow();
        store.close();
    }

    @Start
    void start(Stage stage) {
        var loaded = ViewTestSupport.<CorrelationController>load("/dev/pipelog/ui/correlation/Correlation.fxml",
                ViewTestSupport.services(gated(store), ViewTestSupport.settings(dir), background, dir),
                navigator);
        controller = loaded.controller();
        stage.setScene(new Scene(loaded.root(), 1200, 760));
        stage.show();
        controller.onShow();
    }

    @Test
    void enteringACorrelationIdShowsItsHierarchyAndANodesRecords(FxRobot robot) {
        Correlation c = CorrelationViewModelTest.correlationWith(store, Correlation.Grouping.SPANS);
        robot.clickOn("#idField").write(c.correlationId()).type(KeyCode.ENTER);

        TreeTableView<TraceRow> tree = robot.lookup("#treeTable").query();
        waitUntil(() -> tree.getRoot() != null && !tree.getRoot().getChildren().isEmpty());
        TreeItem<TraceRow> root = onFx(() -> tree.getRoot().getChildren().get(0));
        assertThat(root.getValue().label()).isEqualTo(c.tree().get(0).label());
        assertThat(root.isExpanded()).isTrue();

        TreeItem<TraceRow> stage = onFx(() -> root.getChildren().stream()
                .filter(i -> !i.isLeaf()).findFirst().orElse(root.getChildren().get(0)));
        robot.doubleClickOn(cellOf(robot, stage));
        waitUntil(() -> stage.isLeaf() || stage.isExpanded());
        robot.clickOn(cellOf(robot, stage));

        TableView<LogRecord> records = robot.lookup("#recordsTable").queryTableView();
        waitUntil(() -> records.getItems().size() == stage.getValue().ownRecords());
        assertThat(onFx(() -> List.copyOf(records.getItems()))).allMatch(r -> stage.getValue().spanId().equals(r.spanId()));

        robot.clickOn("#exploreButton");
        assertThat(navigator.calls).singleElement().isInstanceOfSatisfying(dev.pipelog.model.LogQuery.class,
                q -> assertThat(q.correlationId()).isEqualTo(c.correlationId()));
    }

    @Test
    void anUnknownIdSaysSoOnceAndOffersNothingToOpen(FxRobot robot) {
        onFx(() -> controller.open(BIG));
        waitUntil(() -> controller.model().foundProperty().get());
        assertThat(robot.lookup("#exploreButton").queryButton().isDisabled()).isFalse();

        robot.clickOn("#idField").eraseText(BIG.length()).write("no-such-id").type(KeyCode.ENTER);

        Label placeholder = robot.lookup("#treePlaceholder").queryAs(Label.class);
        waitUntil(() -> "No records with correlation id no-such-id.".equals(placeholder.getText()));
        assertThat(onFx(placeholder::isVisible)).isTrue();
        assertThat(onFx(() -> robot.lookup("#exploreButton").queryButton().isDisabled())).isTrue();
        assertThat(onFx(() -> robot.lookup("#statusLabel").queryAs(Label.class).isVisible()))
                .as("the status line does not repeat, or contradict, the empty tree").isFalse();
        assertThat(robot.lookup(n -> n instanceof javafx.scene.control.Labeled l && l.isVisible()
                && l.getText() != null && l.getText().startsWith("Enter a correlation id")).tryQuery()).isEmpty();
    }

    @Test
    void aFiftyThousandRecordCorrelationOpensWithoutFreezing(FxRobot robot) throws Exception {
        correlationGate = new CountDownLatch(1);
        try {
            onFx(() -> controller.open(BIG));
            // the store is still answering: the FX thread must keep serving events meanwhile
            assertThat(WaitForAsyncUtils.asyncFx(() -> controller.model().loadingProperty().get())
                    .get(10, TimeUnit.SECONDS)).isTrue();
            robot.clickOn("#idField");
        } finally {
            correlationGate.countDown();
        }
        TreeTableView<TraceRow> tree = robot.lookup("#treeTable").query();
        waitUntil(() -> !controller.model().loadingProperty().get() && tree.getRoot() != null);

        int total = STAGES * BATCHES_PER_STAGE * RECORDS_PER_BATCH + STAGES + 1 + RECORDS_PER_BATCH;
        assertThat(onFx(() -> controller.model().statusProperty().get()))
                .startsWith(String.format("%,d records", total)).contains("1 orphan span").doesNotContain("orphan spans");
        List<TraceRow> top = onFx(() -> tree.getRoot().getChildren().stream().map(TreeItem::getValue).toList());
        assertThat(top).extracting(TraceRow::kind).containsExactly(TraceRow.Kind.SPAN, TraceRow.Kind.ORPHANS);
        assertThat(top.get(0).totalRecords()).isEqualTo(total - RECORDS_PER_BATCH);
        assertThat(top.get(0).totalErrors()).isEqualTo(STAGES);

        // only what is open exists as tree items: the root's stages, not their batches
        LazyTraceItem stage = onFx(() -> (LazyTraceItem) tree.getRoot().getChildren().get(0).getChildren().get(7));
        assertThat(stage.childrenCreated()).isFalse();
        onFx(() -> stage.setExpanded(true));
        TreeItem<TraceRow> batch = onFx(() -> stage.getChildren().get(3));
        onFx(() -> tree.getSelectionModel().select(batch));
        TableView<LogRecord> records = robot.lookup("#recordsTable").queryTableView();
        waitUntil(() -> records.getItems().size() == RECORDS_PER_BATCH);
        assertThat(WaitForAsyncUtils.asyncFx(() -> true).get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSpanWithThousandsOfChildrenShowsThemAPageAtATime(FxRobot robot) {
        onFx(() -> controller.open(FAN_OUT));
        TreeTableView<TraceRow> tree = robot.lookup("#treeTable").query();
        waitUntil(() -> tree.getRoot() != null && !tree.getRoot().getChildren().isEmpty());
        TreeItem<TraceRow> root = onFx(() -> tree.getRoot().getChildren().get(0));
        assertThat(onFx(() -> root.getChildren().size())).isEqualTo(LazyTraceItem.PAGE + 1);

        for (int shown = LazyTraceItem.PAGE; shown < 1_200; shown += LazyTraceItem.PAGE) {
            TreeItem<TraceRow> more = onFx(() -> root.getChildren().get(root.getChildren().size() - 1));
            assertThat(more.getValue().kind()).isEqualTo(TraceRow.Kind.MORE);
            onFx(() -> tree.getSelectionModel().select(more));
            int expected = Math.min(1_200, shown + LazyTraceItem.PAGE);
            waitUntil(() -> root.getChildren().stream().filter(i -> i.getValue().kind() == TraceRow.Kind.SPAN).count()
                    == expected);
        }
        assertThat(onFx(() -> root.getChildren().size())).isEqualTo(1_200);
        assertThat(onFx(() -> root.getChildren().get(1_199).getValue().label())).isEqualTo("fanout.child");
    }

    private static Node cellOf(FxRobot robot, TreeItem<TraceRow> item) {
        return robot.lookup(".tree-table-cell").match(n -> n instanceof javafx.scene.control.TreeTableCell<?, ?> cell
                && cell.getTableRow() != null && cell.getTableRow().getTreeItem() == item
                && cell.getTableColumn() != null && "nodeColumn".equals(cell.getTableColumn().getId())).query();
    }

    /** The store, with a correlation query that waits while a test holds the gate closed. */
    private static LogStore gated(LogStore delegate) {
        return (LogStore) Proxy.newProxyInstance(LogStore.class.getClassLoader(), new Class<?>[] {LogStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("correlation")) {
                        correlationGate.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * One correlation: a root span, {@value #STAGES} stage spans each ending in an error, each with
     * {@value #BATCHES_PER_STAGE} batch spans of {@value #RECORDS_PER_BATCH} records, and one orphan
     * span whose parent never reported.
     */
    static List<LogRecord> bigCorrelation() {
        List<LogRecord> out = new ArrayList<>();
        Instant t = Instant.now().minus(Duration.ofHours(1));
        String root = "root";
        out.add(record(t, Level.INFO, "job", root, null, "started"));
        for (int s = 0; s < STAGES; s++) {
            String stage = "stage-" + s;
            for (int b = 0; b < BATCHES_PER_STAGE; b++) {
                String batch = stage + "-batch-" + b;
                for (int r = 0; r < RECORDS_PER_BATCH; r++) {
                    t = t.plusMillis(1);
                    out.add(record(t, Level.INFO, "job.stage" + s, batch, stage, "row block " + r));
                }
            }
            t = t.plusMillis(1);
            out.add(record(t, Level.ERROR, "job.stage" + s, stage, root, "stage " + s + " had a bad row"));
        }
        for (int r = 0; r < RECORDS_PER_BATCH; r++) {
            t = t.plusMillis(1);
            out.add(record(t, Level.INFO, "callbacks", "orphan", "never-reported", "callback " + r));
        }
        return out;
    }

    static final String FAN_OUT = "fan-out";

    /** One root span with {@code children} one-record child spans. */
    static List<LogRecord> fanOut(int children) {
        List<LogRecord> out = new ArrayList<>(children + 1);
        Instant t = Instant.now().minus(Duration.ofHours(2));
        out.add(LogRecord.builder().timestamp(t).logger("fanout").message("start").correlationId(FAN_OUT)
                .spanId("root").build());
        for (int i = 0; i < children; i++) {
            out.add(LogRecord.builder().timestamp(t.plusMillis(i + 1)).logger("fanout.child").message("child " + i)
                    .correlationId(FAN_OUT).spanId("c" + i).parentSpanId("root").build());
        }
        return out;
    }

    private static LogRecord record(Instant t, Level level, String logger, String span, String parent, String message) {
        return LogRecord.builder().timestamp(t).level(level).logger(logger).message(message)
                .pipelineId("bulk_load").executionId("exec_big").correlationId(BIG)
                .spanId(span).parentSpanId(parent).build();
    }
}
