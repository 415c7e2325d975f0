package dev.pipelog.ui.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.LogQuery;
import dev.pipelog.model.TimeBound;
import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.main.MainWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The cleanup dialog deletes what its dry run counted when confirmed, and nothing when cancelled. */
@ExtendWith(ApplicationExtension.class)
class CleanupDialogTest {
    @TempDir
    Path dir;
    private UiFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = UiFixture.withDemoData(dir, 6_000);
        MainWindow.open(stage, fixture.controllers(dir), Theme.LIGHT);
    }

    @AfterEach
    void close() throws Exception {
        fixture.closeAfterWindows();
    }

    @Test
    void confirmingDeletesTheCountedRecordsOlderThanThePreset(FxRobot robot) throws Exception {
        long older = olderThanDays(30);
        assertThat(older).isPositive();
        long total = fixture.store.totalCount();

        robot.clickOn("#cleanupButton");
        waitForDryRun(robot, Formats.count(older) + " records will be deleted");
        robot.clickOn("#deleteButton");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> olderThanDays(30) == 0);
        assertThat(fixture.store.totalCount()).isEqualTo(total - older);
        // The notification says what went and that the file keeps its size.
        String said = "Deleted " + Formats.count(older) + " records; ";
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(n -> n instanceof javafx.scene.control.Labeled l
                && l.getText() != null && l.getText().startsWith(said)
                && l.getText().endsWith("of the database file is free again for new logs.")).tryQuery().isPresent());
    }

    @Test
    void choosingAnotherPresetRecountsAndCancelDeletesNothing(FxRobot robot) throws Exception {
        long total = fixture.store.totalCount();

        robot.clickOn("#cleanupButton");
        robot.clickOn("#older-than-7");
        waitForDryRun(robot, Formats.count(olderThanDays(7)) + " records will be deleted");
        robot.clickOn("#cancelButton");

        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#deleteButton").tryQuery()).isEmpty();
        assertThat(fixture.store.totalCount()).isEqualTo(total);
    }

    private long olderThanDays(int days) {
        return fixture.store.count(LogQuery.builder().until(TimeBound.ago(Duration.ofDays(days))).build());
    }

    private static void waitForDryRun(FxRobot robot, String expected) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                    () -> expected.equals(robot.lookup("#dryRunLabel").queryAs(Label.class).getText()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("dry run shows '" + robot.lookup("#dryRunLabel").queryAs(Label.class).getText()
                    + "', expected '" + expected + "'", e);
        }
    }
}
