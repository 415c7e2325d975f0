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
        // The dialog says what went and what the disk holds now, in the figures the status bar shows.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#dryRunLabel").queryAs(Label.class)
                .getText().startsWith("Deleted " + Formats.count(older) + " records. On disk: "));
        assertThat(robot.lookup("#cancelButton").queryAs(javafx.scene.control.Button.class).getText()).isEqualTo("Close");
    }

    @Test
    void recordsArrivingAfterTheCountAreShownBeforeAnythingIsDeleted(FxRobot robot) throws Exception {
        long older = olderThanDays(30);
        long total = fixture.store.totalCount();
        robot.clickOn("#cleanupButton");
        waitForDryRun(robot, Formats.count(older) + " records will be deleted");

        // A late backfill: three records from 40 days ago arrive while the user reads the count.
        for (int i = 0; i < 3; i++) {
            assertThat(fixture.post("{\"message\":\"late " + i + "\",\"pipeline_id\":\"backfill\",\"timestamp\":\""
                    + java.time.Instant.now().minus(Duration.ofDays(40)) + "\"}")).isEqualTo(202);
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fixture.store.totalCount() == total + 3);
        robot.clickOn("#deleteButton");

        waitForDryRun(robot, "The count changed since: " + Formats.count(older + 3) + " records will be deleted");
        assertThat(fixture.store.totalCount()).as("nothing deleted yet").isEqualTo(total + 3);
        robot.clickOn("#deleteButton");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fixture.store.totalCount() == total - older);
        assertThat(olderThanDays(30)).isZero();
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
