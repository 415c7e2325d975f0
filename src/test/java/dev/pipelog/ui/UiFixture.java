package dev.pipelog.ui;

import dev.pipelog.api.ApiServer;
import dev.pipelog.app.Engine;
import dev.pipelog.config.Settings;
import dev.pipelog.config.SettingsLoader;
import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.model.Cursor;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.store.DuckDbLogStore;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.DemoDataLoader;
import dev.pipelog.ui.common.UiPreferences;
import dev.pipelog.ui.common.UiServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.testfx.api.FxToolkit;

/**
 * The real engine (DuckDB store in a temporary directory, intake, health) and the real HTTP listener
 * on a free loopback port, with the services the window gets from {@code DesktopMain}. Demo
 * records end now and reach 60 days back, so every time preset and cleanup preset finds some.
 * Pipelog's own logs are captured only from ERROR up and requests are not logged as records, so
 * tests see exactly the records they made.
 */
public final class UiFixture implements AutoCloseable {
    public static final Duration DEMO_SPAN = Duration.ofDays(60);

    public final Settings settings;
    public final Engine engine;
    public final ApiServer api;
    public final LogStore store;
    public final ThreadPoolExecutor background;
    public final UiServices services;

    private UiFixture(Path dir, int demoRecords) {
        // No request log records either: each test counts exactly what it posted.
        settings = SettingsLoader.load(List.of("--data-dir", dir.toString(), "--port", "0", "--log-level", "ERROR"),
                Map.of("ENABLE_REQUEST_LOGGING", "false"));
        if (demoRecords > 0) {
            appendDemoData(settings.databasePath(), demoRecords);
        }
        engine = Engine.start(settings);
        api = new ApiServer(settings, engine.store(), engine.intake(), engine.health(), engine.pipelineSettings());
        api.start();
        store = engine.store();
        AtomicInteger n = new AtomicInteger();
        background = new ThreadPoolExecutor(3, 3, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "ui-test-background-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        services = new UiServices(settings, store, engine.intake(), engine.health(), engine.pipelineSettings(),
                background, listenerUrl());
    }

    public static UiFixture open(Path dir) {
        return new UiFixture(dir, 0);
    }

    /** A store already holding {@code demoRecords} demo records when the engine starts. */
    public static UiFixture withDemoData(Path dir, int demoRecords) {
        return new UiFixture(dir, demoRecords);
    }

    /** Every match of {@code query}, page after page along its keyset cursor: what a table shows, in full. */
    public List<LogRecord> readAll(LogQuery query) {
        List<LogRecord> all = new ArrayList<>();
        LogQuery page = query.toBuilder().limit(LogQuery.MAX_LIMIT).build();
        while (true) {
            List<LogRecord> items = store.find(page).items();
            all.addAll(items);
            if (items.size() < LogQuery.MAX_LIMIT) {
                return all;
            }
            page = page.after(Cursor.after(items.get(items.size() - 1)));
        }
    }

    public String listenerUrl() {
        return api.url().toString().replaceAll("/$", "");
    }

    public DemoDataLoader demoLoader() {
        return (records, progress) -> engine.loadDemoData(records, progress).join();
    }

    public ControllerFactory controllers(Path dataDir) {
        return new ControllerFactory(services, demoLoader(), new UiPreferences(dataDir),
                engine.files().importer(), engine.files().follows());
    }

    public boolean backgroundIdle() {
        return background.getActiveCount() == 0 && background.getQueue().isEmpty();
    }

    /** Posts one record to the listener as a pipeline would, and returns the HTTP status. */
    public int post(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(listenerUrl() + "/api/logs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Closes the test's windows first: they stop their pollers before the services go away. */
    public void closeAfterWindows() throws TimeoutException {
        FxToolkit.cleanupStages();
        close();
    }

    @Override
    public void close() {
        api.stop(Duration.ofSeconds(2));
        background.shutdownNow();
        engine.close();
    }

    private static void appendDemoData(Path database, int records) {
        DemoGenerator generator = new DemoGenerator(42, Instant.now(), DEMO_SPAN, records);
        try (LogStore direct = DuckDbLogStore.open(database, Duration.ofSeconds(30))) {
            int left = records;
            while (left > 0) {
                int n = Math.min(5_000, left);
                direct.append(generator.next(n), false);
                left -= n;
            }
        }
    }

    /** A record that no demo record resembles, for live tail checks. */
    public static LogRecord marker(String message) {
        return LogRecord.builder().message(message).pipelineId("live_test").logger("test.live").build();
    }
}
