package dev.pipelog.app;

import static dev.pipelog.resilience.StoredRecords.batch;
import static dev.pipelog.resilience.StoredRecords.ids;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.pipelog.config.Settings;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.IntakeResult.Destination;
import dev.pipelog.model.CleanupRequest;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.resilience.Eventually;
import dev.pipelog.resilience.FaultInjectingStore;
import dev.pipelog.resilience.StoredRecords;
import dev.pipelog.resilience.TestSettings;
import dev.pipelog.store.DuckDbLogStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class EngineTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @AfterEach
    void restoreTestLogLevel() {
        root().setLevel(Level.WARN);
    }

    @Test
    void startsOnAFreshDataDirectoryStoresRecordsAndClosesTwiceWithoutHarm() {
        Settings settings = TestSettings.forDataDir(dir.resolve("new/data"), Map.of());
        List<LogRecord> records = batch("etl", 10);

        Engine engine = Engine.start(settings);
        IntakeResult result = engine.intake().submit(IntakeBatch.withServerIds(records)).join();
        engine.close();
        engine.close();

        assertThat(result).isEqualTo(new IntakeResult.Accepted(10, 0, Destination.PRIMARY));
        try (var store = DuckDbLogStore.open(settings.databasePath(), settings.queryTimeout())) {
            assertThat(StoredRecords.idCounts(store)).containsKeys(ids(records).toArray(String[]::new));
        }
    }

    @Test
    void healthCountsWhatCleanupDeletedAtOnce() {
        // WARN: the cleanup's own INFO log would be captured and committed between the two counts read below.
        Settings settings = TestSettings.forDataDir(dir, Map.of("LOG_LEVEL", "WARN"));
        try (Engine engine = Engine.start(settings)) {
            engine.intake().submit(IntakeBatch.withServerIds(batch("etl", 30))).join();
            engine.intake().submit(IntakeBatch.withServerIds(batch("other", 12))).join();
            long before = engine.health().health().storedTotal();

            engine.store().cleanup(new CleanupRequest(null, "etl", null, false, false), engine.pipelineSettings().all());

            assertThat(engine.health().health().storedTotal()).isEqualTo(before - 30);
            assertThat(engine.health().health().storedTotal()).isEqualTo(engine.store().totalCount());
        }
    }

    @Test
    void aRestartReplaysFallbackFilesLeftByTheLastRun() {
        Settings settings = TestSettings.forDataDir(dir, Map.of());
        var failing = new FaultInjectingStore(DuckDbLogStore.open(settings.databasePath(), settings.queryTimeout()));
        failing.failUntilHealed();
        List<LogRecord> records = batch("etl", 40);
        try (Engine engine = Engine.start(settings, failing)) {
            assertThat(engine.intake().submit(IntakeBatch.withServerIds(records)).join())
                    .isEqualTo(new IntakeResult.Accepted(40, 0, Destination.FALLBACK));
        }

        try (Engine engine = Engine.start(settings)) {
            Eventually.await("leftovers replayed", WAIT, () -> engine.health().health().fallbackFiles() == 0);
            assertThat(StoredRecords.idCounts(engine.store())).containsKeys(ids(records).toArray(String[]::new))
                    .allSatisfy((id, n) -> assertThat(n).isOne());
        }
    }

    @Test
    void pipelogsOwnLogsBecomeRecordsOfPipelinePipelogWithTheirStackTraces() {
        Settings settings = TestSettings.forDataDir(dir, Map.of("LOG_LEVEL", "INFO"));
        try (Engine engine = Engine.start(settings)) {
            LoggerFactory.getLogger("dev.pipelog.api.IntakeHandler")
                    .warn("client sent 3 bad records", new IllegalStateException("bad level"));

            LogQuery query = LogQuery.builder().pipelineId("pipelog").text("client sent 3 bad records").build();
            Eventually.await("log captured", WAIT, () -> !engine.store().find(query).items().isEmpty());
            LogRecord captured = engine.store().find(query).items().get(0);
            assertThat(captured.logger()).isEqualTo("dev.pipelog.api.IntakeHandler");
            assertThat(captured.level()).isEqualTo(dev.pipelog.model.Level.WARNING);
            assertThat(captured.stackTrace()).contains("java.lang.IllegalStateException: bad level");
            assertThat(captured.thread()).isEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void logsAboutFailingStorageDoNotFeedThemselvesThroughTheCapture() throws Exception {
        Settings settings = TestSettings.forDataDir(dir, Map.of("LOG_LEVEL", "DEBUG"));
        var failing = new FaultInjectingStore(DuckDbLogStore.open(settings.databasePath(), settings.queryTimeout()));
        failing.failUntilHealed();
        try (Engine engine = Engine.start(settings, failing)) {
            assertThat(engine.intake().submit(IntakeBatch.withServerIds(batch("etl", 5))).join())
                    .isEqualTo(new IntakeResult.Accepted(5, 0, Destination.FALLBACK));
            // Retries, breaker changes and replay probes all log; none of it may come back as records.
            Thread.sleep(1_500);
            long settled = engine.health().health().fallbackRecords();
            Thread.sleep(1_500);

            assertThat(engine.health().health().fallbackRecords()).isEqualTo(settled);
            assertThat(engine.health().health().lastStorageError()).contains("disk on fire");
        }
    }

    @Test
    void logLevelSetsTheRootLevelOfPipelogsOwnLogs() {
        try (Engine engine = Engine.start(TestSettings.forDataDir(dir, Map.of("LOG_LEVEL", "ERROR")))) {
            assertThat(root().getLevel()).isEqualTo(Level.ERROR);
            assertThat(LoggerFactory.getLogger("dev.pipelog.anything").isWarnEnabled()).isFalse();
        }
    }

    @Test
    void demoDataIsLoadedThroughTheIntakeWithProgress() throws Exception {
        try (Engine engine = Engine.start(TestSettings.forDataDir(dir, Map.of()))) {
            List<Long> progress = new CopyOnWriteArrayList<>();

            long loaded = engine.loadDemoData(12_000, progress::add).get(60, TimeUnit.SECONDS);

            assertThat(loaded).isEqualTo(12_000);
            assertThat(new ArrayList<>(progress)).isSorted().endsWith(12_000L);
            assertThat(engine.store().count(LogQuery.builder().build()))
                    .isEqualTo(12_000 + engine.store().count(LogQuery.builder().pipelineId("pipelog").build()));
        }
    }

    private static ch.qos.logback.classic.Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
