package dev.pipelog.ui.correlation;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.Correlation;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.pipelines.DemoStores;
import dev.pipelog.ui.pipelines.ViewTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Renders the Correlation view with a demo correlation to target/view-shots so it can be looked at. */
@ExtendWith(ApplicationExtension.class)
class CorrelationScreenshotTest {
    @TempDir
    static Path dir;
    private static LogStore store;
    private static ExecutorService background;
    private CorrelationController controller;
    private Scene scene;

    @BeforeAll
    static void fillStore() {
        store = DemoStores.open(dir, 6_000, Instant.now(), Duration.ofHours(6));
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
                ViewTestSupport.services(store, ViewTestSupport.settings(dir), background, dir),
                new ViewTestSupport.RecordingNavigator());
        controller = loaded.controller();
        scene = new Scene(loaded.root(), 1270, 790);
        stage.setScene(scene);
        stage.show();
        controller.onShow();
    }

    @Test
    void aSpanTreeWithAnOpenStage(FxRobot robot) {
        Correlation c = CorrelationViewModelTest.correlationWith(store, Correlation.Grouping.SPANS);
        onFx(() -> controller.open(c.correlationId()));
        TreeTableView<TraceRow> tree = robot.lookup("#treeTable").query();
        waitUntil(() -> tree.getRoot() != null && !tree.getRoot().getChildren().isEmpty());
        onFx(() -> {
            TreeItem<TraceRow> root = tree.getRoot().getChildren().get(0);
            root.getChildren().forEach(i -> i.setExpanded(true));
            tree.getSelectionModel().select(root.getChildren().get(root.getChildren().size() - 1));
        });
        waitUntil(() -> !controller.model().records().isEmpty());
        var image = ViewTestSupport.snapshot(scene, Path.of("target/view-shots/correlation.png"));
        onFx(() -> Theme.DARK.apply(scene.getRoot()));
        ViewTestSupport.snapshot(scene, Path.of("target/view-shots/correlation-dark.png"));
        onFx(() -> Theme.LIGHT.apply(scene.getRoot()));
        assertThat(image.getHeight()).isEqualTo(790);
    }
}
