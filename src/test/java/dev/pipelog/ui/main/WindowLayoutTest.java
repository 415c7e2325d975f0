package dev.pipelog.ui.main;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.common.Views;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The window at its minimum size, 1024×680, in both themes: the Pipelines list keeps its Records
 * and Errors columns in view and the runs table shows several runs, not one and a half. Every view
 * is also written as a PNG to {@code target/layout-shots/<theme>-1024x680} and {@code -1600x1000},
 * for a person to look at.
 */
@ExtendWith(ApplicationExtension.class)
class WindowLayoutTest {
    @TempDir
    Path dir;
    private UiFixture fixture;

    @AfterEach
    void close() throws Exception {
        if (fixture != null) {
            fixture.closeAfterWindows();
        } else {
            FxToolkit.cleanupStages();
        }
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void atTheMinimumSizeThePipelinesViewKeepsItsColumnsAndShowsSeveralRuns(Theme theme, FxRobot robot) throws Exception {
        fixture = UiFixture.withDemoData(dir, 8_000);
        ControllerFactory controllers = fixture.controllers(dir);
        Stage stage = onFx(() -> new Stage());
        // Opening loads every view's FXML: longer than onFx waits on a busy machine.
        MainWindowController window = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> MainWindow.open(stage, controllers, theme))
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
        for (double[] size : List.of(new double[] {1600, 1000}, new double[] {MainWindow.MIN_WIDTH, MainWindow.MIN_HEIGHT})) {
            onFx(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            waitUntil(() -> stage.getScene().getWidth() == size[0] && stage.getScene().getHeight() == size[1]);
            new Screenshots(window, controllers, fixture::backgroundIdle).writeAll(Path.of("target", "layout-shots",
                    theme.name().toLowerCase(Locale.ROOT) + "-" + (int) size[0] + "x" + (int) size[1]));
        }
        // The screenshots left the Pipelines view with a pipeline open, at 1024×680.
        onFx(() -> window.select(Views.PIPELINES));
        TableView<?> pipelines = robot.lookup("#pipelinesTable").queryTableView();
        TableView<?> runs = robot.lookup("#executionsTable").queryTableView();
        waitUntil(() -> !runs.getItems().isEmpty());

        for (String column : List.of("Records", "Errors")) {
            assertThat(onFx(() -> rightEdge(pipelines, column))).as(column + " column ends inside the pipelines table")
                    .isLessThanOrEqualTo(onFx(pipelines::getWidth));
        }
        double rowHeight = onFx(() -> robot.lookup(".table-row-cell").match(n -> isIn(n, runs)).<Node>query()
                .getBoundsInLocal().getHeight());
        double header = onFx(() -> runs.lookup(".column-header-background").getBoundsInLocal().getHeight());
        assertThat(onFx(() -> (runs.getHeight() - header) / rowHeight)).as("runs visible at once").isGreaterThanOrEqualTo(4);
    }

    /** Where a column ends, from the table's left edge, with the columns before it at their widths. */
    private static double rightEdge(TableView<?> table, String text) {
        double x = 0;
        for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
            x += c.getWidth();
            if (text.equals(c.getText())) {
                return x;
            }
        }
        throw new AssertionError("no column " + text);
    }

    private static boolean isIn(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }
}
