package dev.pipelog.ui.pipelines;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.JsonFilePipelineSettings;
import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSettings;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.store.LogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** What a user does in the Pipelines view, on a store of demo data. */
@ExtendWith(ApplicationExtension.class)
class PipelinesViewTest {
    @TempDir
    static Path dir;
    private static LogStore store;
    private static ExecutorService background;
    private Path settingsDir;
    private JsonFilePipelineSettings settings;
    private final ViewTestSupport.RecordingNavigator navigator = new ViewTestSupport.RecordingNavigator();
    private PipelinesController controller;

    @BeforeAll
    static void fillStore() {
        store = DemoStores.open(dir, 6_000, Instant.now(), Duration.ofHours(12));
        background = ViewTestSupport.background();
    }

    @AfterAll
    static void closeStore() {
        background.shutdownNow();
        store.close();
    }

    @Start
    void start(Stage stage) throws IOException {
        settingsDir = Files.createTempDirectory(dir, "settings");
        settings = JsonFilePipelineSettings.open(settingsDir);
        var loaded = ViewTestSupport.<PipelinesController>load("/dev/pipelog/ui/pipelines/Pipelines.fxml",
                ViewTestSupport.services(store, settings, background, dir), navigator);
        controller = loaded.controller();
        stage.setScene(new Scene(loaded.root(), 1200, 760));
        stage.show();
        controller.onShow();
    }

    @Test
    void openingAPipelineShowsItsExecutionsOnTheTimelineAndInTheList(FxRobot robot) {
        TableView<PipelineSummary> pipelines = robot.lookup("#pipelinesTable").queryTableView();
        waitUntil(() -> pipelines.getItems().size() == store.pipelines().size());
        String pipeline = store.pipelines().get(1).pipelineId();

        // The items arrive one pulse before the cells that show them: wait for the cell to click.
        waitUntil(() -> pipelineCell(robot, pipeline).isPresent());
        robot.clickOn(pipelineCell(robot, pipeline).orElseThrow());

        List<ExecutionSummary> expected = store.executions(pipeline, null, null, PipelinesViewModel.EXECUTION_LIMIT);
        TableView<ExecutionSummary> executions = robot.lookup("#executionsTable").queryTableView();
        waitUntil(() -> executions.getItems().size() == expected.size());
        assertThat(onFx(() -> List.copyOf(executions.getItems()))).containsExactlyElementsOf(expected);
        GanttChart<ExecutionSummary> timeline = robot.lookup("#timeline").query();
        assertThat(onFx(() -> timeline.bars().stream().map(GanttChart.Bar::value).toList()))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(robot.lookup("#pipelineTitle").queryAs(Label.class).getText()).isEqualTo(pipeline);

        robot.clickOn("#zoomInButton");
        assertThat(onFx(timeline::isZoomed)).isTrue();
        robot.clickOn("#zoomResetButton");
        assertThat(onFx(timeline::isZoomed)).isFalse();
    }

    @Test
    void clickingAnExecutionOnTheTimelineShowsItsLogs(FxRobot robot) {
        ExecutionSummary failed = PipelinesViewModelTest.anyExecution(store, ExecutionStatus.FAILED);
        onFx(() -> controller.open(failed.pipelineId(), null));
        GanttChart<ExecutionSummary> timeline = robot.lookup("#timeline").query();
        waitUntil(() -> timeline.bars().stream().anyMatch(b -> b.value().equals(failed)));

        Point2D centre = onFx(() -> timeline.localToScreen(timeline.centreOf(failed).orElseThrow()));
        robot.clickOn(centre);

        TableView<LogRecord> logs = robot.lookup("#logsTable").queryTableView();
        long total = store.count(LogQuery.builder().pipelineId(failed.pipelineId()).executionId(failed.executionId()).build());
        waitUntil(() -> logs.getItems().size() == Math.min(total, ExecutionDetail.LOG_PAGE));
        List<LogRecord> shown = onFx(() -> List.copyOf(logs.getItems()));
        assertThat(shown).allMatch(r -> failed.executionId().equals(r.executionId()));
        assertThat(shown).anyMatch(r -> r.level().atLeast(Level.ERROR));
        assertThat(robot.lookup("#executionTitle").queryAs(Label.class).getText()).isEqualTo(failed.executionId());
        GanttChart<StageLane> lanes = robot.lookup("#lanes").query();
        assertThat(onFx(() -> lanes.bars())).anyMatch(b -> !b.markers().isEmpty());

        robot.clickOn("#exploreButton");
        assertThat(navigator.calls).singleElement().isInstanceOfSatisfying(LogQuery.class,
                q -> assertThat(q.executionId()).isEqualTo(failed.executionId()));
    }

    @Test
    void aPipelineWithoutRunsSaysSoInTheTimelineAndTheRunsTableAlike(FxRobot robot) throws Exception {
        store.append(List.of(LogRecord.builder().id("no-runs-1").pipelineId("zz_no_runs").message("ad hoc")
                .logger("adhoc").build()), false);
        onFx(() -> controller.open("zz_no_runs", null));

        String expected = "No runs: this pipeline's records carry no execution_id.";
        GanttChart<ExecutionSummary> timeline = robot.lookup("#timeline").query();
        waitUntil(() -> expected.equals(timeline.placeholder()));
        Label tablePlaceholder = robot.lookup("#executionsPlaceholder").queryAs(Label.class);
        assertThat(onFx(tablePlaceholder::getText)).isEqualTo(expected);
        assertThat(onFx(() -> robot.lookup("#pipelineTitle").queryAs(Label.class).getText())).isEqualTo("zz_no_runs");
    }

    @Test
    void changingTheMinimumLevelSavesItForThePipeline(FxRobot robot) throws IOException {
        String pipeline = store.pipelines().get(0).pipelineId();
        onFx(() -> controller.open(pipeline, null));
        waitUntil(() -> robot.lookup("#settingsMessage").queryAs(Label.class).getText().startsWith("No rules"));

        robot.clickOn("#minLevelBox");
        robot.clickOn(robot.lookup(".list-cell").match(n -> n instanceof ListCell<?> c && "WARNING".equals(c.getText()))
                .<Node>query());
        robot.clickOn("#retentionField").write("30");
        robot.clickOn("#saveSettingsButton");

        waitUntil(() -> robot.lookup("#settingsMessage").queryAs(Label.class).getText()
                .equals("Saved: stores WARNING and above, keeps records 30 days"));
        assertThat(JsonFilePipelineSettings.open(settingsDir).get(pipeline))
                .contains(new PipelineSettings(pipeline, Level.WARNING, 30));
    }

    private static java.util.Optional<Node> pipelineCell(FxRobot robot, String pipeline) {
        return robot.lookup(".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && pipeline.equals(c.getText())).tryQuery();
    }
}
