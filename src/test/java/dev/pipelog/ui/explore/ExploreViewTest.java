package dev.pipelog.ui.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.SortOrder;
import dev.pipelog.model.TimeBound;
import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.main.MainWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
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

/** What a user does in Explore, against a real store filled with demo data. */
@ExtendWith(ApplicationExtension.class)
class ExploreViewTest {
    private static final int RECORDS = 20_000;
    @TempDir
    static Path dir;
    private static UiFixture fixture;

    @BeforeAll
    static void fillStore() {
        fixture = UiFixture.withDemoData(dir, RECORDS);
    }

    @AfterAll
    static void closeStore() {
        fixture.close();
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupStages(); // stops the window's pollers before the next test's window opens
    }

    @Start
    void start(Stage stage) {
        MainWindow.open(stage, fixture.controllers(dir), Theme.LIGHT);
    }

    @Test
    void showsEveryRecordAtFirstAndTheNewestAtTheBottom(FxRobot robot) throws Exception {
        long total = fixture.store.totalCount();
        waitForCount(robot, total);
        LogRecord newest = fixture.store.find(all().order(SortOrder.DESCENDING).limit(1).build()).items().get(0);
        TableView<LogRecord> table = table(robot);
        assertThat(onFx(() -> table.getItems().get(table.getItems().size() - 1))).isEqualTo(newest);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> lastRowIsOnScreen(table)));
    }

    private static boolean lastRowIsOnScreen(TableView<LogRecord> table) {
        int last = table.getItems().size() - 1;
        Bounds visible = table.localToScene(table.getLayoutBounds());
        return table.lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof TableRow<?> r && r.getIndex() == last && r.isVisible())
                .anyMatch(n -> visible.contains(n.localToScene(n.getLayoutBounds())));
    }

    @Test
    void typingAQueryNarrowsTheTableAndTheCount(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        long expected = fixture.store.count(all().text("retrying").build());
        assertThat(expected).isPositive().isLessThan(fixture.store.totalCount());

        robot.clickOn("#queryField").write("RETRYING").type(KeyCode.ENTER);

        waitForCount(robot, expected);
        TableView<LogRecord> table = table(robot);
        LogRecord last = onFx(() -> table.getItems().get(table.getItems().size() - 1));
        assertThat(last.message()).containsIgnoringCase("retrying");
    }

    @Test
    void aTextSearchsHistogramCountsItsMatches(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        LevelHistogram histogram = robot.lookup("#histogram").queryAs(LevelHistogram.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(histogram::shownTotal) == fixture.store.totalCount());
        long expected = fixture.store.count(all().text("retrying").build());
        assertThat(expected).isPositive().isLessThan(fixture.store.totalCount());

        robot.clickOn("#queryField").write("retrying").type(KeyCode.ENTER);

        waitForCount(robot, expected);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(histogram::shownTotal) == expected);
    }

    @Test
    void pickingALevelShowsOnlyThatLevelAndTheHistogramAgrees(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        long errors = fixture.store.count(all().levels(Set.of(Level.ERROR)).build());

        robot.clickOn("#levelPicker");
        Node errorCell = robot.lookup((Node n) -> n instanceof ListCell<?> c && "ERROR".equals(c.getText())).query();
        robot.clickOn(robot.from(errorCell).lookup(".check-box").queryAs(Node.class));
        robot.type(KeyCode.ESCAPE);

        waitForCount(robot, errors);
        LevelHistogram histogram = robot.lookup("#histogram").queryAs(LevelHistogram.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(histogram::shownTotal) == errors);
        TableView<LogRecord> table = table(robot);
        assertThat(onFx(() -> table.getItems().get(table.getItems().size() - 1).level())).isEqualTo(Level.ERROR);
    }

    @Test
    void draggingOnTheHistogramZoomsTheTimeRange(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        LevelHistogram histogram = robot.lookup("#histogram").queryAs(LevelHistogram.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(histogram::shownTotal) == fixture.store.totalCount());
        Bounds b = onFx(() -> histogram.localToScreen(histogram.getBoundsInLocal()));

        robot.drag(new Point2D(b.getMinX() + b.getWidth() * 0.40, b.getCenterY()), MouseButton.PRIMARY)
                .dropTo(new Point2D(b.getMinX() + b.getWidth() * 0.70, b.getCenterY()));

        TextField from = robot.lookup("#fromField").queryAs(TextField.class);
        TextField to = robot.lookup("#toField").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !from.getText().isEmpty() && !to.getText().isEmpty());
        long inRange = fixture.store.count(all()
                .since(TimeBound.parse(from.getText()).orElseThrow())
                .until(TimeBound.parse(to.getText()).orElseThrow()).build());
        assertThat(inRange).isPositive().isLessThan(fixture.store.totalCount());
        waitForCount(robot, inRange);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(histogram::shownTotal) == inRange);
    }

    @Test
    void liveTailShowsNewRecordsAtTheEnd(FxRobot robot) throws Exception {
        long before = fixture.store.totalCount();
        waitForCount(robot, before);

        robot.clickOn("#liveTailToggle");
        String marker = "live tail marker " + System.nanoTime();
        int status = fixture.post("{\"level\": \"WARNING\", \"message\": \"" + marker + "\", \"pipeline_id\": \"live_test\"}");

        assertThat(status).isEqualTo(202);
        waitForCount(robot, before + 1);
        TableView<LogRecord> table = table(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> marker.equals(onFx(() -> table.getItems().get(table.getItems().size() - 1).message())));
        robot.clickOn("#liveTailToggle");
    }

    @Test
    void liveTailSkipsToTheNewestWhenMoreArriveThanOneReadTakes(FxRobot robot) throws Exception {
        long before = fixture.store.totalCount();
        waitForCount(robot, before);
        robot.clickOn("#liveTailToggle");

        List<LogRecord> burst = new java.util.ArrayList<>();
        java.time.Instant now = java.time.Instant.now();
        for (int i = 0; i < 5_000; i++) {
            // A microsecond apart: all newer than what is shown, none far in the future (later tests post "now").
            burst.add(UiFixture.marker("burst " + i).toBuilder().timestamp(now.plusNanos(i * 1_000L)).build());
        }
        fixture.services.intake().submit(dev.pipelog.ingest.IntakeBatch.of(burst)).get(20, TimeUnit.SECONDS);

        waitForCount(robot, before + burst.size());
        TableView<LogRecord> table = table(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> "burst 4999".equals(onFx(() -> table.getItems().get(table.getItems().size() - 1).message())));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> lastRowIsOnScreen(table)));
        robot.clickOn("#liveTailToggle");
    }

    @Test
    void jumpingToTheStartShowsTheOldestAndClickingARowShowsItInFull(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        LogRecord oldest = fixture.store.find(all().limit(1).build()).items().get(0);
        TableView<LogRecord> table = table(robot);

        robot.clickOn("#jumpStartButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> oldest.equals(onFx(() -> table.getItems().get(0))));

        robot.clickOn(robot.lookup((Node n) -> n instanceof TableRow<?> r && r.getIndex() == 0 && r.isVisible())
                .queryAs(Node.class));
        TextArea message = robot.lookup("#detail-message").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> oldest.message().equals(message.getText()));
    }

    @Test
    void draggingTheScrollBarDeepIntoTheMatchesShowsTheRightRecords(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        ScrollBar bar = rowScroll(robot);
        // The bar spans every match, though the table holds only a window of them.
        long total = fixture.store.totalCount();
        assertThat(onFx(bar::getMax)).isGreaterThan(total - 100.0).isLessThan(total);
        int row = RECORDS / 2 + 123;
        TableView<LogRecord> table = table(robot);

        showAtTop(robot, bar, table, row);
    }

    @Test
    void wheelScrollingPastTheEdgeOfTheLoadedWindowContinuesWithTheNextOlderRecords(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        ScrollBar bar = rowScroll(robot);
        TableView<LogRecord> table = table(robot);
        // Just inside the window the end shows: the table re-centres it there without a visible jump.
        int row = (int) fixture.store.totalCount() - RowWindow.CAPACITY + 3;
        showAtTop(robot, bar, table, row);

        // TestFX's DOWN turns the wheel so the rows move down: towards older ones, out of the first window.
        robot.moveTo(table).scroll(20, VerticalDirection.DOWN);

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(bar::getValue) < row - 5);
        int top = (int) Math.round(onFx(bar::getValue));
        LogRecord above = nthOldest(top);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> above.equals(onFx(() -> topRecord(table))));
    }

    @Test
    void theSelectedRecordStaysSelectedWhileScrollingFarAway(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        ScrollBar bar = rowScroll(robot);
        TableView<LogRecord> table = table(robot);
        int row = (int) fixture.store.totalCount() - RowWindow.CAPACITY;
        LogRecord picked = showAtTop(robot, bar, table, row);
        robot.clickOn(robot.lookup((Node n) -> n instanceof TableRow<?> r && picked.equals(r.getItem()) && r.isVisible())
                .queryAs(Node.class));

        // Far enough up that the rows the table holds move under the selection.
        int above = row - RowWindow.CAPACITY / 3;
        showAtTop(robot, bar, table, above);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(() -> table.getSelectionModel().getSelectedItem())).isEqualTo(picked);
        TextArea message = robot.lookup("#detail-message").queryAs(TextArea.class);
        String details = onFx(message::getText);
        assertThat(details).isEqualTo(picked.message());
    }

    @Test
    void jumpingToTheEndAfterTheStartShowsTheNewestRecordLast(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        TableView<LogRecord> table = table(robot);
        robot.clickOn("#jumpStartButton");
        LogRecord oldest = fixture.store.find(all().limit(1).build()).items().get(0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> oldest.equals(onFx(() -> topRecord(table))));
        ScrollBar bar = rowScroll(robot);
        robot.interact(() -> bar.setValue(bar.getMax() / 2));

        robot.clickOn("#jumpEndButton");

        // The last record of reading every match oldest first, page by page: not the newest-first read the view makes.
        List<LogRecord> full = fixture.readAll(all().build());
        LogRecord newest = full.get(full.size() - 1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> newest.equals(onFx(() -> table.getItems().get(table.getItems().size() - 1))));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> lastRowIsOnScreen(table)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> bar.getValue() == bar.getMax()));
    }

    @Test
    void liveTailLeavesTheViewWhereTheUserScrolledTo(FxRobot robot) throws Exception {
        long before = fixture.store.totalCount();
        waitForCount(robot, before);
        ScrollBar bar = rowScroll(robot);
        TableView<LogRecord> table = table(robot);
        int row = (int) before / 3;
        LogRecord shown = showAtTop(robot, bar, table, row);
        double maxBefore = onFx(bar::getMax);

        robot.clickOn("#liveTailToggle");
        fixture.post("{\"level\": \"INFO\", \"message\": \"while scrolled away\", \"pipeline_id\": \"live_test\"}");

        waitForCount(robot, before + 1);
        robot.clickOn("#liveTailToggle");
        assertThat(onFx(() -> topRecord(table))).isEqualTo(shown);
        assertThat(onFx(bar::getMax)).isEqualTo(maxBefore + 1);
    }

    /** Drags the scroll bar to match {@code row} and waits until that record is the table's top row. */
    private static LogRecord showAtTop(FxRobot robot, ScrollBar bar, TableView<LogRecord> table, int row)
            throws Exception {
        robot.interact(() -> bar.setValue(row));
        LogRecord expected = nthOldest(row);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> expected.equals(onFx(() -> topRecord(table))));
        return expected;
    }

    /** The record in the table's top row, as the user sees it (null while loading). */
    private static LogRecord topRecord(TableView<LogRecord> table) {
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        IndexedCell<?> top = flow.getFirstVisibleCell();
        return top == null || top.isEmpty() ? null : (LogRecord) top.getItem();
    }

    @Test
    void ctrlFFocusesTheSearchBoxAndEscapeClearsIt(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        TextField query = robot.lookup("#queryField").queryAs(TextField.class);
        robot.clickOn("#table");

        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, query::isFocused);
        robot.write("no such words anywhere").type(KeyCode.ENTER);
        waitForCount(robot, 0);
        ScrollBar bar = rowScroll(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !onFx(bar::isVisible));
        robot.type(KeyCode.ESCAPE);

        assertThat(query.getText()).isEmpty();
        waitForCount(robot, fixture.store.totalCount());
    }

    private static LogRecord nthOldest(int row) {
        return fixture.readAll(all().build()).get(row);
    }

    private static LogQuery.Builder all() {
        return LogQuery.builder().order(SortOrder.ASCENDING);
    }

    @SuppressWarnings("unchecked")
    private static TableView<LogRecord> table(FxRobot robot) {
        return robot.lookup("#table").queryAs(TableView.class);
    }

    /** The scroll bar over every match (the table's own covers only the rows it holds). */
    private static ScrollBar rowScroll(FxRobot robot) {
        return robot.lookup("#rowScroll").queryAs(ScrollBar.class);
    }

    static void waitForCount(FxRobot robot, long expected) throws TimeoutException {
        Label count = robot.lookup("#countLabel").queryAs(Label.class);
        String text = Formats.count(expected) + (expected == 1 ? " match" : " matches");
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> text.equals(count.getText()));
        } catch (TimeoutException e) {
            throw new AssertionError("count label shows '" + count.getText() + "', expected '" + text + "'", e);
        }
    }

    static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }
}
