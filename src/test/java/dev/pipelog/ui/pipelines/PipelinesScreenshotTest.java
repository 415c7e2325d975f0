package dev.pipelog.ui.pipelines;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.Theme;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Renders the Pipelines view with demo data to target/view-shots so it can be looked at. */
@ExtendWith(ApplicationExtension.class)
class PipelinesScreenshotTest {
    @TempDir
    static Path dir;
    private static LogStore store;
    private static ExecutorService background;
    private PipelinesController controller;
    private Scene scene;

    @BeforeAll
    static void fillStore() {
        store = DemoStores.open(dir, 20_000, Instant.now(), Duration.ofDays(2));
        background = ViewTestSupport.background();
    }

    @AfterAll
    static void closeStore() {
        background.shutdownNow();
        store.close();
    }

    @Start
    void start(Stage stage) {
        var loaded = ViewTestSupport.<PipelinesController>load("/dev/pipelog/ui/pipelines/Pipelines.fxml",
                ViewTestSupport.services(store, ViewTestSupport.settings(dir), background, dir),
                new ViewTestSupport.RecordingNavigator());
        controller = loaded.controller();
        scene = new Scene(loaded.root(), 1270, 790);
        stage.setScene(scene);
        stage.show();
        controller.onShow();
    }

    @Test
    void aFailedExecutionWithItsStagesAndLogs() {
        ExecutionSummary failed = PipelinesViewModelTest.anyExecution(store, ExecutionStatus.FAILED);
        onFx(() -> controller.open(failed.pipelineId(), failed.executionId()));
        waitUntil(() -> controller.model().detailProperty().get() != null);
        BufferedImage image = ViewTestSupport.snapshot(scene, Path.of("target/view-shots/pipelines.png"));
        onFx(() -> Theme.DARK.apply(scene.getRoot()));
        ViewTestSupport.snapshot(scene, Path.of("target/view-shots/pipelines-dark.png"));
        onFx(() -> Theme.LIGHT.apply(scene.getRoot()));
        assertThat(image.getWidth()).isEqualTo(1270);
    }
}
