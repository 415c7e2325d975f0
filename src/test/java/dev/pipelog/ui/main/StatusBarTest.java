package dev.pipelog.ui.main;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.model.LogRecord;
import java.time.Instant;
import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.Theme;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The status bar follows the engine's health: records stored, breaker state, listener URL. */
@ExtendWith(ApplicationExtension.class)
class StatusBarTest {
    @TempDir
    Path dir;
    private UiFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = UiFixture.withDemoData(dir, 3_000);
        MainWindow.open(stage, fixture.controllers(dir), Theme.LIGHT);
    }

    @AfterEach
    void close() throws Exception {
        fixture.closeAfterWindows();
    }

    @Test
    void showsTheStoredCountAndFollowsIt(FxRobot robot) throws Exception {
        Label stored = robot.lookup("#status-stored").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "3,000 records".equals(stored.getText()));

        fixture.services.intake().submit(IntakeBatch.of(List.of(UiFixture.marker("one more")))).get(5, TimeUnit.SECONDS);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> (Formats.count(3_001) + " records").equals(stored.getText()));
        Label breaker = robot.lookup("#status-breaker").queryAs(Label.class);
        // Read on the FX thread: the presenter refreshes the label there every second.
        assertThat(onFx(breaker::getText)).isEqualTo("breaker closed");
        assertThat(onFx(() -> List.copyOf(breaker.getStyleClass()))).contains("breaker-closed");
    }

    @Test
    void aRecordTheStoreRefusesShowsAsQuarantinedWithItsReason(FxRobot robot) throws Exception {
        Label quarantined = robot.lookup("#status-quarantine").queryAs(Label.class);
        assertThat(onFx(quarantined::isVisible)).as("nothing quarantined yet").isFalse();
        LogRecord poisoned = UiFixture.marker("from a decoder that let a far-future time through").toBuilder()
                .timestamp(Instant.parse("+300000-01-01T00:00:00Z")).build();

        fixture.services.intake().submit(IntakeBatch.of(List.of(poisoned, UiFixture.marker("its neighbour"))))
                .get(5, TimeUnit.SECONDS);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(quarantined::isVisible));
        assertThat(onFx(quarantined::getText)).isEqualTo("1 quarantined");
        assertThat(onFx(() -> quarantined.getTooltip().getText())).contains("Records the store refused: 1")
                .contains(poisoned.id()).contains("quarantine");
    }

    @Test
    void clickingTheListenerUrlCopiesIt(FxRobot robot) throws Exception {
        robot.clickOn(robot.lookup("#status-listener").queryAs(Hyperlink.class));

        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).isEqualTo(fixture.listenerUrl()).startsWith("http://127.0.0.1:");
    }
}
