package dev.pipelog.ui.main;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.common.Views;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every view and the cleanup dialog, in both themes, without a CSS warning: ControlsFX styles with
 * Modena's colour names, which AtlantaFX does not define, and each unresolved one was a
 * ClassCastException on stderr.
 */
@ExtendWith(ApplicationExtension.class)
class CssWarningsTest {
    @TempDir
    Path dir;
    private UiFixture fixture;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r.getLevel() + " " + r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("javafx.css").addHandler(recorder);
    }

    @AfterEach
    void close() throws Exception {
        Logger.getLogger("javafx.css").removeHandler(recorder);
        if (fixture != null) {
            fixture.closeAfterWindows();
        }
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void everyViewAndTheCleanupDialogShowWithoutCssWarnings(Theme theme, FxRobot robot) throws Exception {
        fixture = UiFixture.withDemoData(dir, 2_000);
        MainWindowController window = WaitForAsyncUtils.asyncFx(() -> MainWindow.open(new Stage(),
                fixture.controllers(dir), theme)).get(60, TimeUnit.SECONDS);
        for (Views view : onFx(window::featureViews)) {
            onFx(() -> window.select(view));
            WaitForAsyncUtils.waitForFxEvents();
        }
        robot.clickOn("#cleanupButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#deleteButton").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(warnings).isEmpty();
    }
}
