package dev.pipelog.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.model.LogRecord;
import dev.pipelog.ui.UiFixture;
import java.util.List;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.Theme;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A first start with an empty store explains how to send logs and loads demo data on request. */
@ExtendWith(ApplicationExtension.class)
class EmptyStateTest {
    @TempDir
    Path dir;
    private UiFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = UiFixture.open(dir);
        // The engine stores Pipelog's own logs from its first second; they must not hide the first-start help.
        fixture.services.intake().submit(IntakeBatch.of(List.of(LogRecord.builder().pipelineId("pipelog")
                .logger("dev.pipelog.app.Engine").message("Engine started").build()))).join();
        MainWindow.open(stage, fixture.controllers(dir), Theme.LIGHT);
    }

    @AfterEach
    void close() throws Exception {
        fixture.closeAfterWindows();
    }

    @Test
    void showsHowToSendLogsToThisListenerAndLoadsDemoData(FxRobot robot) throws Exception {
        Node emptyState = robot.lookup("#empty-state").queryAs(Node.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, emptyState::isVisible);
        assertThat(robot.lookup("#curlCommand").queryAs(TextArea.class).getText())
                .contains("curl").contains(fixture.listenerUrl() + "/api/logs");
        assertThat(robot.lookup("#pythonSnippet").queryAs(TextArea.class).getText())
                .contains("pipelog.configure(url=\"http://127.0.0.1:" + fixture.api.port() + "\"")
                .contains("HTTPHandler(\"127.0.0.1:" + fixture.api.port() + "\", \"/api/logs\"")
                .contains("pipeline_id");

        robot.clickOn("#loadDemoButton");

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !emptyState.isVisible());
        long stored = fixture.store.totalCount();
        assertThat(stored).isEqualTo(EmptyStateController.DEMO_RECORDS + 1);
        Label count = robot.lookup("#countLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> (Formats.count(stored) + " matches").equals(count.getText()));
    }
}
