package dev.pipelog.ui.explore;

import static dev.pipelog.ui.explore.ExploreFilterInputTest.all;
import static dev.pipelog.ui.explore.ExploreViewTest.onFx;
import static dev.pipelog.ui.explore.ExploreViewTest.waitForCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.main.MainWindow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Explore's table and details as the user sees them: nothing cut, nothing stale, at any window size. */
@ExtendWith(ApplicationExtension.class)
class ExploreLayoutTest {
    /** A stack trace line as long as real ones get. */
    private static final String LONG_FRAME = "\tat com.example.pipeline.warehouse.loader.PartitionedBulkLoader"
            + ".loadPartitionWithRetries(PartitionedBulkLoader.java:412) ~[warehouse-loader-3.14.2.jar:3.14.2]";
    @TempDir
    static Path dir;
    private static UiFixture fixture;
    private Stage stage;

    @BeforeAll
    static void fillStore() throws Exception {
        fixture = UiFixture.withDemoData(dir, 12_000);
        LogRecord failure = LogRecord.builder().timestamp(Instant.now().minusSeconds(30)).level(Level.ERROR)
                .pipelineId("stack_test").executionId("exec_stack_trace_0001").logger("warehouse.loader")
                .message("Load failed").stackTrace("java.lang.IllegalStateException: partition 7 locked\n"
                        + (LONG_FRAME + "\n").repeat(12))
                .build();
        fixture.services.intake().submit(IntakeBatch.of(List.of(failure))).get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void closeStore() {
        fixture.close();
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        MainWindow.open(stage, fixture.controllers(dir), Theme.LIGHT);
    }

    @Test
    void atTheSmallestWindowTimeLevelAndExecutionShowInFull(FxRobot robot) throws Exception {
        resize(robot, 1024, 680);
        waitForCount(robot, fixture.store.totalCount());
        robot.clickOn("#queryField").write("retrying").type(KeyCode.ENTER); // WARNING rows: the longest level
        waitForCount(robot, fixture.store.count(all().text("retrying").build()));
        WaitForAsyncUtils.waitForFxEvents();

        List<TableCell<?, ?>> cells = onFx(() -> visibleCells(robot, "Time", "Level", "Execution"));
        assertThat(cells).isNotEmpty();
        assertThat(onFx(() -> cells.stream().anyMatch(c -> "WARNING".equals(c.getText())))).isTrue();
        for (TableCell<?, ?> cell : cells) {
            assertThat(onFx(() -> shown(cell))).as(cell.getTableColumn().getText()).isEqualTo(onFx(cell::getText));
        }
    }

    @Test
    void theStackTraceUsesTheWidthOfTheDetailsAndShowsItsLinesWhole(FxRobot robot) throws Exception {
        resize(robot, 1600, 1000);
        waitForCount(robot, fixture.store.totalCount());
        robot.clickOn("#pipelineField").write("stack_test").type(KeyCode.ENTER);
        waitForCount(robot, 1);
        robot.clickOn(robot.lookup((Node n) -> n instanceof TableRow<?> r && r.getItem() != null && r.isVisible())
                .queryAs(Node.class));

        TextArea stack = robot.lookup("#detail-stack").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(stack::getText).contains("partition 7 locked"));
        WaitForAsyncUtils.waitForFxEvents();
        Node details = robot.lookup("#record-details").query();
        double detailsWidth = onFx(() -> details.getLayoutBounds().getWidth());
        assertThat(onFx(stack::getWidth)).isGreaterThan(detailsWidth * 0.6);
        // Every line of the trace is whole on screen: the text is no wider than the area's viewport.
        Node viewport = stack.lookup(".viewport");
        Node text = stack.lookup(".content .text");
        assertThat(onFx(() -> text.getBoundsInLocal().getWidth()))
                .isLessThanOrEqualTo(onFx(() -> viewport.getLayoutBounds().getWidth()));
    }

    @Test
    void afterANewSearchTheDetailsShowNoRecordThatIsNotInTheResults(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        Node row = robot.lookup((Node n) -> n instanceof TableRow<?> r && r.getItem() instanceof LogRecord rec
                && !rec.message().toLowerCase().contains("retrying") && r.isVisible()).query();
        LogRecord picked = onFx(() -> (LogRecord) ((TableRow<?>) row).getItem());
        robot.clickOn(row);
        TextArea message = robot.lookup("#detail-message").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> picked.message().equals(onFx(message::getText)));
        // Far from the selection: the table no longer holds its row, the details still show it.
        robot.clickOn("#jumpStartButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> table(robot).getSelectionModel().isEmpty()));

        robot.clickOn("#queryField").write("retrying").type(KeyCode.ENTER);

        waitForCount(robot, fixture.store.count(all().text("retrying").build()));
        WaitForAsyncUtils.waitForFxEvents();
        String shown = onFx(message::getText);
        assertThat(shown).isNotEqualTo(picked.message());
    }

    private static TableView<?> table(FxRobot robot) {
        return robot.lookup("#table").queryAs(TableView.class);
    }

    @Test
    void draggingTheSplitterUpAndDownLeavesNoRowLoading(FxRobot robot) throws Exception {
        resize(robot, 1400, 900);
        waitForCount(robot, fixture.store.totalCount());
        // Rows far from the loaded end show "loading…" for a moment: the state the drag starts from.
        ScrollBar bar = robot.lookup("#rowScroll").queryAs(ScrollBar.class);
        robot.interact(() -> bar.setValue(bar.getMax() / 2));
        long few = fixture.store.count(all().pipelineId("orders_etl").text("retrying").build());
        assertThat(few).isBetween(1L, 12L);

        SplitPane split = robot.lookup("#split").queryAs(SplitPane.class);
        for (double to : new double[] {0.0, 0.9, 0.0}) {
            robot.interact(() -> split.setDividerPositions(to));
            WaitForAsyncUtils.waitForFxEvents();
        }
        robot.clickOn("#pipelineField").write("orders_etl");
        robot.clickOn("#queryField").write("retrying").type(KeyCode.ENTER);
        waitForCount(robot, few);
        for (double to : new double[] {0.9, 0.0, 0.68}) {
            robot.interact(() -> split.setDividerPositions(to));
            WaitForAsyncUtils.waitForFxEvents();
        }

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> loadingRows(robot)) == 0);
        long filled = onFx(() -> filledRows(robot));
        assertThat(filled).as(onFx(() -> dump(robot))).isEqualTo(few);
    }

    /** Visible rows that show "loading…": a record the table asked for and never showed. */
    private static long loadingRows(FxRobot robot) {
        return rows(robot).stream().filter(r -> r.lookupAll(".text").stream()
                .anyMatch(t -> t instanceof Text x && "loading…".equals(x.getText()))).count();
    }

    private static String dump(FxRobot robot) {
        TableView<?> table = table(robot);
        StringBuilder b = new StringBuilder("table h=" + table.getHeight() + " items=" + table.getItems().size() + "\n");
        for (Node n : table.lookupAll(".table-row-cell")) {
            TableRow<?> r = (TableRow<?>) n;
            b.append("row idx=").append(r.getIndex()).append(" empty=").append(r.isEmpty()).append(" vis=")
                    .append(r.isVisible()).append(" y=").append(r.getLayoutY()).append(" item=")
                    .append(r.getItem() == null ? null : ((LogRecord) r.getItem()).message())
                    .append(" texts=").append(r.lookupAll(".text").stream().filter(t -> t instanceof Text)
                            .map(t -> ((Text) t).getText()).toList()).append("\n");
        }
        return b.toString();
    }

    private static long filledRows(FxRobot robot) {
        return rows(robot).stream().filter(r -> r.getItem() != null).count();
    }

    private static List<TableRow<?>> rows(FxRobot robot) {
        TableView<?> table = robot.lookup("#table").queryAs(TableView.class);
        Bounds visible = table.localToScene(table.getLayoutBounds());
        return table.lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof TableRow<?> r && r.isVisible() && !r.isEmpty())
                .filter(n -> visible.intersects(n.localToScene(n.getLayoutBounds())))
                .<TableRow<?>>map(n -> (TableRow<?>) n)
                .toList();
    }

    private void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Non-empty cells of the named columns in the rows on screen. */
    private static List<TableCell<?, ?>> visibleCells(FxRobot robot, String... columns) {
        List<String> names = List.of(columns);
        return rows(robot).stream()
                .flatMap(r -> r.lookupAll(".table-cell").stream())
                .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                        && names.contains(c.getTableColumn().getText()) && c.getText() != null)
                .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
                .toList();
    }

    /** What a label shows: its text, or that text cut with an ellipsis when it does not fit. */
    private static String shown(Labeled l) {
        Node t = l.lookup(".text");
        return t instanceof Text text ? text.getText() : l.getText();
    }

}
