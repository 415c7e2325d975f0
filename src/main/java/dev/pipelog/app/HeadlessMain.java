package dev.pipelog.app;

import dev.pipelog.api.ApiServer;
import dev.pipelog.api.ApiStartException;
import dev.pipelog.config.Settings;
import dev.pipelog.store.StoreException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --headless}: the engine and the HTTP listener, no window (no JavaFX class is loaded on
 * this path). Prints the bound URL, then runs until the process is asked to stop (Ctrl-C, SIGTERM),
 * when it stops accepting requests, lets those in flight finish and flushes the writer.
 */
public final class HeadlessMain {
    private static final Logger LOG = LoggerFactory.getLogger(HeadlessMain.class);
    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(10);
    private static final int DEMO_RECORDS = 100_000;

    private HeadlessMain() {
    }

    /** @return the process exit status: 0 after a clean shutdown, 2 when the store or the listener cannot start */
    public static int run(Settings settings) {
        FatalErrorExit.install();
        Engine engine;
        try {
            engine = Engine.start(settings);
        } catch (StoreException | UncheckedIOException e) {
            LOG.error("the engine did not start", e);
            System.err.println("pipelog: " + e.getMessage());
            return 2;
        }
        ApiServer server = new ApiServer(settings, engine.store(), engine.intake(), engine.health(),
                engine.pipelineSettings());
        try {
            server.start();
        } catch (ApiStartException e) {
            engine.close();
            System.err.println("pipelog: " + e.getMessage());
            return 2;
        }
        engine.files().resumeFollows();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop(IN_FLIGHT_GRACE);
                engine.close();
            } finally {
                stopped.countDown();
            }
        }, "pipelog-shutdown"));
        // The one line a user (or a parent process) waits for; this is an entry point, like Main.
        System.out.println("Pipelog listening on " + server.url() + " (headless; Ctrl-C to stop)");
        System.out.flush();
        if (settings.demo()) {
            engine.loadDemoData(DEMO_RECORDS, done -> { })
                    .whenComplete((n, e) -> {
                        if (e != null) {
                            LOG.warn("demo data not loaded", e);
                        } else {
                            LOG.info("loaded {} demo records", n);
                        }
                    });
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
