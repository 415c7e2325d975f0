package dev.pipelog.app;

import dev.pipelog.api.ApiServer;
import dev.pipelog.api.ApiStartException;
import dev.pipelog.config.Settings;
import dev.pipelog.store.StoreException;
import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.DemoDataLoader;
import dev.pipelog.ui.common.UiPreferences;
import dev.pipelog.ui.common.UiServices;
import dev.pipelog.ui.main.MainWindow;
import dev.pipelog.ui.main.MainWindowController;
import dev.pipelog.ui.main.OpeningView;
import dev.pipelog.ui.main.Screenshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the engine, the listener and the window; closing the window, SIGTERM or SIGINT stops the
 * listener (letting requests in flight finish), then the engine (flushing what it accepted), and
 * the process exits 0, as headless does. With
 * {@code --screenshots DIR} it fills an empty store with demo data, writes a PNG of every view and
 * exits. JavaFX starts through {@link Platform#startup}: no {@code Application} subclass, and every
 * service reaches the views through the controller factory.
 */
public final class DesktopMain {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopMain.class);
    private static final int BACKGROUND_THREADS = 4;
    private static final Duration LISTENER_GRACE = Duration.ofSeconds(5);

    private DesktopMain() {
    }

    /** @return the process exit status: 0 after the window closed, 2 when the store or the listener cannot start */
    public static int run(Settings settings) {
        // The engine opens (DuckDB loads its native library, reads the database) and then the
        // listener starts, on threads of their own, while JavaFX starts its toolkit, loads the theme
        // and shows the window's frame: the two together are most of the time to a usable window.
        CompletableFuture<Engine> starting = CompletableFuture.supplyAsync(() -> Engine.start(settings),
                runnable -> startThread(runnable, "pipelog-engine-start"));
        // Its own thread: with thenApply the main thread, returning from join(), could take the
        // listener's start over and do it after the toolkit's instead of beside it.
        CompletableFuture<ApiServer> listening = starting.thenApplyAsync(engine -> startListener(settings, engine),
                runnable -> startThread(runnable, "pipelog-listener-start"));
        UiPreferences preferences = new UiPreferences(settings.dataDir());
        Platform.startup(() -> preferences.theme().useAsUserAgentStylesheet());
        // The frame shows at once, saying the store is opening; the views replace it when it is open.
        // Closing it (or a stop signal) before then skips the views and stops what has started.
        CountDownLatch closed = new CountDownLatch(1);
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        if (settings.screenshotDir() == null) {
            StopSignals.onStop(() -> {
                shown.thenAccept(stage -> Platform.runLater(stage::hide));
                closed.countDown();
            });
            Platform.runLater(() -> {
                Stage stage = new Stage();
                stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> closed.countDown());
                OpeningView.show(stage, preferences.theme());
                logFirstFrame(stage, "first frame");
                shown.complete(stage);
            });
        } else {
            Platform.runLater(() -> shown.complete(new Stage()));
        }
        Engine engine;
        try {
            engine = starting.join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof StoreException || e.getCause() instanceof UncheckedIOException)) {
                throw e;
            }
            LOG.error("the engine did not start", e.getCause());
            System.err.println("pipelog: " + e.getCause().getMessage()); // an entry point's one line, as in HeadlessMain
            Platform.exit();
            return 2;
        }
        ApiServer api;
        try {
            api = listening.join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof ApiStartException)) {
                throw e;
            }
            System.err.println("pipelog: " + e.getCause().getMessage());
            Platform.exit();
            return 2;
        }
        ThreadPoolExecutor background = backgroundExecutor();
        try {
            return runWindow(settings, engine, api, background, preferences, shown.join(), closed);
        } finally {
            api.stop(LISTENER_GRACE);
            background.shutdownNow();
            engine.close();
        }
    }

    private static void startThread(Runnable runnable, String name) {
        Thread t = new Thread(runnable, name);
        t.setDaemon(true);
        t.start();
    }

    /** Starts the listener on a started engine; closes the engine when the listener cannot start. */
    private static ApiServer startListener(Settings settings, Engine engine) {
        ApiServer api = new ApiServer(settings, engine.store(), engine.intake(), engine.health(), engine.pipelineSettings());
        try {
            api.start();
            return api;
        } catch (ApiStartException e) {
            engine.close();
            throw new CompletionException(e);
        }
    }

    private static int runWindow(Settings settings, Engine engine, ApiServer api, ThreadPoolExecutor background,
                                 UiPreferences preferences, Stage stage, CountDownLatch closed) {
        String url = api.url().toString().replaceAll("/$", "");
        UiServices services = new UiServices(settings, engine.store(), engine.intake(), engine.health(),
                engine.pipelineSettings(), background, url);
        DemoDataLoader demoData = (records, progress) -> engine.loadDemoData(records, progress).join();
        engine.files().resumeFollows();
        ControllerFactory controllers = new ControllerFactory(services, demoData, preferences,
                engine.files().importer(), engine.files().follows());
        boolean screenshots = settings.screenshotDir() != null;
        if (!screenshots && closed.getCount() == 0) {
            return 0; // closed while the store was opening
        }
        CompletableFuture<MainWindowController> window = new CompletableFuture<>();
        Platform.runLater(() -> {
            if (!screenshots && closed.getCount() == 0) {
                window.cancel(false); // closed a moment ago: showing the views would reopen the window
                return;
            }
            MainWindowController controller = MainWindow.open(stage, controllers, preferences.theme(),
                    settings.demo() || screenshots);
            logFirstFrame(stage, "window ready");
            window.complete(controller);
            background.execute(() -> ClassDataArchive.ofThisLauncher().ifPresent(ClassDataArchive::makeIfMissing));
        });
        try {
            if (screenshots) {
                MainWindowController controller = window.get(30, TimeUnit.SECONDS);
                new Screenshots(controller, controllers, () -> idle(background)).writeAll(settings.screenshotDir());
                LOG.info("screenshots written to {}", settings.screenshotDir().toAbsolutePath());
            } else {
                closed.await();
            }
            return 0;
        } catch (IOException e) {
            LOG.error("cannot write screenshots to {}", settings.screenshotDir(), e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.error("the window did not open", e);
            return 1;
        } finally {
            Platform.exit();
        }
    }

    /**
     * Logs how long after the JVM started the stage's current scene drew its first frame: the
     * opening state's ({@code first frame}, see docs/benchmarks/ui.md) and the views' ({@code window ready}).
     */
    private static void logFirstFrame(Stage stage, String what) {
        javafx.scene.Scene scene = stage.getScene();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            LOG.info("{} {} ms after start", what, ms);
            scene.removePostLayoutPulseListener(listener[0]);
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    private static boolean idle(ThreadPoolExecutor executor) {
        return executor.getActiveCount() == 0 && executor.getQueue().isEmpty();
    }

    /** Store work of the window: named daemon threads, so a stuck query never keeps the process alive. */
    private static ThreadPoolExecutor backgroundExecutor() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(BACKGROUND_THREADS, BACKGROUND_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "pipelog-ui-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }
}
