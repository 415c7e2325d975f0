package dev.pipelog.ui.explore;

import static dev.pipelog.ui.explore.ExploreViewTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.model.LogRecord;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.common.UiPreferences;
import dev.pipelog.ui.common.UiServices;
import dev.pipelog.ui.main.MainWindow;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A bulk load lands while Explore reads a search: the table's count and the histogram must end up
 * telling the same story as the store, without the user doing anything. The real store sits behind
 * a pass-through that lands the load at one exact point of the search, so the race is the same on
 * every run.
 */
@ExtendWith(ApplicationExtension.class)
class ExploreConsistencyTest {
    private static final int STORED = 3_000;
    private static final int LOADED = 2_000;
    @TempDir
    Path dir;
    private UiFixture fixture;
    /** Runs once, inside the next count the view asks for: before it reads, or after. */
    private final AtomicReference<Runnable> beforeCount = new AtomicReference<>();
    private final AtomicReference<Runnable> afterCount = new AtomicReference<>();

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        fixture = UiFixture.withDemoData(dir, STORED); // here: the window needs it before any @BeforeEach
        UiServices s = fixture.services;
        UiServices watched = new UiServices(s.settings(), landingLoadsAtCounts(s.store()), s.intake(), s.health(),
                s.pipelineSettings(), s.background(), s.listenerUrl());
        MainWindow.open(stage, new ControllerFactory(watched, fixture.demoLoader(), new UiPreferences(dir)), Theme.LIGHT);
    }

    @Test
    void recordsLandingAfterTheCountAreCountedAgainUntilCountAndHistogramAgree(FxRobot robot) throws Exception {
        waitUntilConsistentWith(robot, STORED);
        afterCount.set(this::bulkLoad);

        robot.clickOn("#queryField").write("retrying").type(KeyCode.ENTER);

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fixture.store.totalCount() == STORED + LOADED);
        long matches = fixture.store.count(ExploreFilterInputTest.all().text("retrying").build());
        waitUntilConsistentWith(robot, matches);
    }

    @Test
    void recordsLandingBeforeTheCountAreNotHiddenByTheLastHistogram(FxRobot robot) throws Exception {
        waitUntilConsistentWith(robot, STORED);
        beforeCount.set(this::bulkLoad);

        robot.clickOn("#queryField").type(KeyCode.ENTER);

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fixture.store.totalCount() == STORED + LOADED);
        waitUntilConsistentWith(robot, STORED + LOADED);
    }

    /** Older records, as the demo loader or a replay stores them: not at the end of the table. */
    private void bulkLoad() {
        List<LogRecord> records = new DemoGenerator(7, Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(20),
                LOADED).next(LOADED);
        try {
            fixture.services.intake().submit(IntakeBatch.of(records)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The count above the table and the histogram's bars both say {@code expected}, the store's count. */
    private void waitUntilConsistentWith(FxRobot robot, long expected) throws Exception {        Label count = robot.lookup("#countLabel").queryAs(Label.class);
        LevelHistogram histogram = robot.lookup("#histogram").queryAs(LevelHistogram.class);
        String text = Formats.count(expected) + " matches";
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                    () -> onFx(() -> text.equals(count.getText()) && histogram.shownTotal() == expected));
        } catch (TimeoutException e) {
            throw new AssertionError("count shows '" + onFx(count::getText) + "', histogram "
                    + onFx(histogram::shownTotal) + ", store " + expected, e);
        }
    }

    private LogStore landingLoadsAtCounts(LogStore real) {
        return (LogStore) Proxy.newProxyInstance(LogStore.class.getClassLoader(), new Class<?>[] {LogStore.class},
                (proxy, method, args) -> {
                    boolean count = method.getName().equals("count");
                    if (count) {
                        runOnce(beforeCount);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (count) {
                            runOnce(afterCount);
                        }
                    }
                });
    }

    private static void runOnce(AtomicReference<Runnable> hook) {
        Runnable r = hook.getAndSet(null);
        if (r != null) {
            r.run();
        }
    }
}
