package dev.pipelog.ui.main;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.Theme;
import java.nio.file.Path;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Only Explore is built before the first frame; the other views appear, filled, when the user
 * opens their tab or another view links to them.
 */
@ExtendWith(ApplicationExtension.class)
class LazyViewsTest {
    @TempDir
    Path dir;
    private UiFixture fixture;
    private MainWindowController window;

    @Start
    void start(Stage stage) {
        fixture = UiFixture.withDemoData(dir, 3_000);
        window = MainWindow.open(stage, fixture.controllers(dir), Theme.LIGHT);
    }

    @AfterEach
    void close() throws Exception {
        fixture.closeAfterWindows();
    }

    @Test
    void aTabNeverOpenedIsBuiltAndFilledWhenTheUserClicksIt(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup("#tabPane").queryAs(TabPane.class);
        assertThat(onFx(() -> tabs.getTabs().stream().map(tab -> tab.getContent() != null).toList()))
                .containsExactly(true, false, false, false);
        assertThat(robot.lookup("#pipelinesTable").tryQuery()).isEmpty();

        robot.clickOn("#tab-pipelines .tab-label");

        waitUntil(() -> robot.lookup("#pipelinesTable").tryQuery()
                .map(table -> !((TableView<?>) table).getItems().isEmpty()).orElse(false));
        assertThat(onFx(() -> tabs.getSelectionModel().getSelectedItem().getId())).isEqualTo("tab-pipelines");
    }

    @Test
    void linkingToAViewNeverOpenedOpensItAtTheLinkedExecution(FxRobot robot) throws Exception {
        PipelineSummary pipeline = fixture.store.pipelines().stream().filter(p -> p.executions() > 0).findFirst().orElseThrow();
        ExecutionSummary run = fixture.store.executions(pipeline.pipelineId(), null, null, 1).get(0);

        robot.interact(() -> window.showPipeline(pipeline.pipelineId(), run.executionId()));

        waitUntil(() -> robot.lookup("#executionsTable").tryQuery()
                .map(table -> ((TableView<?>) table).getSelectionModel().getSelectedItem())
                .filter(ExecutionSummary.class::isInstance)
                .map(selected -> run.executionId().equals(((ExecutionSummary) selected).executionId()))
                .orElse(false));
        TabPane tabs = robot.lookup("#tabPane").queryAs(TabPane.class);
        assertThat(onFx(() -> tabs.getSelectionModel().getSelectedItem().getId())).isEqualTo("tab-pipelines");
    }
}
