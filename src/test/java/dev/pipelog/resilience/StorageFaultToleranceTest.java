package dev.pipelog.resilience;

import static dev.pipelog.resilience.StoredRecords.batch;
import static dev.pipelog.resilience.StoredRecords.idCounts;
import static dev.pipelog.resilience.StoredRecords.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.config.Settings;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.IntakeResult.Destination;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.ingest.decode.StoredRecordReader;
import dev.pipelog.model.Health.BreakerState;
import dev.pipelog.model.LogRecord;
import dev.pipelog.store.DuckDbLogStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retry, circuit breaker, fallback files and replay, driven by a fault-injecting wrapper around a
 * real DuckDB store. Settings: 2 retries, breaker opens after 3 consecutive failures for 0.5 s.
 */
class StorageFaultToleranceTest {
    private static final Duration NO_SELF_POLL = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** For assertions that an open breaker spares the store: no probe may fall due during the test. */
    private static final Map<String, String> LONG_OPEN_BREAKER = Map.of("CIRCUIT_BREAKER_TIMEOUT", "60");

    @TempDir
    Path dir;

    private Settings settings(Map<String, String> env) {
        return TestSettings.forDataDir(dir, env);
    }

    private static IntakeResult submit(ResilienceRig rig, List<LogRecord> records) {
        return rig.intake.submit(IntakeBatch.withServerIds(records)).join();
    }

    @Test
    void failedWritesAreRetriedAndStoredOnce() throws Exception {
        try (var rig = new ResilienceRig(settings(Map.of()), FallbackSpool.DEFAULT_MAX_FILE_BYTES, NO_SELF_POLL)) {
            rig.store.failNext(2);
            List<LogRecord> records = batch("etl", 10);

            IntakeResult result = submit(rig, records);

            assertThat(result).isEqualTo(new IntakeResult.Accepted(10, 0, Destination.PRIMARY));
            assertThat(rig.store.appendCalls()).as("one attempt + two retries").isEqualTo(3);
            assertThat(idCounts(rig.store)).containsOnlyKeys(ids(records)).allSatisfy((id, n) -> assertThat(n).isOne());
            assertThat(rig.health().breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(rig.health().lastStorageError()).contains("disk on fire");
        }
    }

    @Test
    void breakerOpensAtTheThresholdAndBatchesGoToFsyncedFallbackFiles() throws Exception {
        try (var rig = new ResilienceRig(settings(LONG_OPEN_BREAKER), FallbackSpool.DEFAULT_MAX_FILE_BYTES,
                NO_SELF_POLL)) {
            rig.store.failUntilHealed();
            List<LogRecord> first = batch("etl", 5);
            List<LogRecord> second = batch("etl", 7);

            IntakeResult a = submit(rig, first);
            int callsWhenOpened = rig.store.appendCalls();
            IntakeResult b = submit(rig, second);

            assertThat(a).isEqualTo(new IntakeResult.Accepted(5, 0, Destination.FALLBACK));
            assertThat(b).isEqualTo(new IntakeResult.Accepted(7, 0, Destination.FALLBACK));
            assertThat(callsWhenOpened).as("3 failures (1 + 2 retries) reach the threshold").isEqualTo(3);
            assertThat(rig.store.appendCalls()).as("an open breaker spares the store").isEqualTo(3);
            assertThat(rig.health().breaker()).isEqualTo(BreakerState.OPEN);
            assertThat(rig.health().fallbackRecords()).isEqualTo(12);
            assertThat(rig.health().fallbackFiles()).isEqualTo(1);
            assertThat(readFallbackIds()).containsExactlyElementsOf(concat(ids(first), ids(second)));
            assertThat(rig.store.totalCount()).isZero();
        }
    }

    @Test
    void breakerHalfOpensAfterItsTimeoutAndRecoveryReplaysEveryRecordExactlyOnce() throws Exception {
        try (var rig = new ResilienceRig(settings(Map.of()), FallbackSpool.DEFAULT_MAX_FILE_BYTES, NO_SELF_POLL)) {
            rig.store.failUntilHealed();
            List<LogRecord> spooled = batch("etl", 50);
            assertThat(submit(rig, spooled)).isEqualTo(new IntakeResult.Accepted(50, 0, Destination.FALLBACK));
            rig.store.heal();

            Eventually.await("breaker half-open", WAIT, () -> rig.health().breaker() == BreakerState.HALF_OPEN);
            List<LogRecord> probe = batch("etl", 3);
            IntakeResult result = submit(rig, probe);

            assertThat(result).isEqualTo(new IntakeResult.Accepted(3, 0, Destination.PRIMARY));
            assertThat(rig.health().breaker()).isEqualTo(BreakerState.CLOSED);
            Eventually.await("fallback replayed", WAIT, () -> rig.health().fallbackFiles() == 0);
            assertThat(idCounts(rig.store)).containsOnlyKeys(concat(ids(spooled), ids(probe)))
                    .allSatisfy((id, n) -> assertThat(n).isOne());
            assertThat(rig.health().storedTotal()).isEqualTo(53);
        }
    }

    @Test
    void replayAfterACrashBetweenCommitAndDeleteStoresNothingTwice() throws Exception {
        List<LogRecord> records = batch("etl", 40);
        Files.createDirectories(dir.resolve("fallback"));
        writeFallbackFile("fallback-000000000001.ndjson", lines(records));
        Settings settings = settings(Map.of());
        try (var store = DuckDbLogStore.open(settings.databasePath(), settings.queryTimeout())) {
            store.append(records.subList(0, 25), false); // committed before the crash; the file was not deleted
        }
        try (var rig = new ResilienceRig(settings, FallbackSpool.DEFAULT_MAX_FILE_BYTES, NO_SELF_POLL)) {
            Eventually.await("fallback replayed", WAIT, () -> rig.health().fallbackFiles() == 0);
            assertThat(idCounts(rig.store)).containsOnlyKeys(ids(records)).allSatisfy((id, n) -> assertThat(n).isOne());
        }
    }

    @Test
    void corruptAndTruncatedLinesAreQuarantinedAndTheGoodOnesReplayed() throws Exception {
        List<LogRecord> records = batch("etl", 30);
        List<String> lines = new ArrayList<>(lines(records));
        lines.add(10, "{\"id\": \"x\", this is not json");
        lines.add(20, "\u0000\u0000\u0000garbage");
        String torn = RecordJson.toLine(batch("etl", 1).get(0));
        Files.createDirectories(dir.resolve("fallback"));
        Path file = writeFallbackFile("fallback-000000000001.ndjson", lines);
        Files.writeString(file, torn.substring(0, torn.length() / 2), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        try (var rig = new ResilienceRig(settings(Map.of()), FallbackSpool.DEFAULT_MAX_FILE_BYTES, NO_SELF_POLL)) {
            Eventually.await("fallback replayed", WAIT, () -> rig.health().fallbackFiles() == 0);
            assertThat(idCounts(rig.store)).containsOnlyKeys(ids(records));
            assertThat(rig.health().quarantinedLines()).isEqualTo(3);
            assertThat(Files.readAllLines(dir.resolve("fallback/quarantine/fallback-000000000001.ndjson.bad")))
                    .hasSize(3).anySatisfy(l -> assertThat(l).contains("this is not json"));
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void newFallbackFilesNeverReuseTheNameOfAQuarantinedOne() throws Exception {
        Path quarantined = Files.createDirectories(dir.resolve("fallback/quarantine"))
                .resolve("fallback-000000000005.ndjson.bad");
        Files.writeString(quarantined, "torn line from an earlier crash\n");
        try (var rig = new ResilienceRig(settings(Map.of()), FallbackSpool.DEFAULT_MAX_FILE_BYTES, NO_SELF_POLL)) {
            rig.store.failUntilHealed();

            submit(rig, batch("etl", 3));

            assertThat(dir.resolve("fallback/fallback-000000000006.ndjson")).exists();
            assertThat(quarantined).hasContent("torn line from an earlier crash");
            assertThat(rig.health().quarantinedLines()).isOne();
        }
    }

    @Test
    void whenTheFallbackFileCapIsReachedNewIntakeIsUnavailableAndOlderFilesStay() throws Exception {
        try (var rig = new ResilienceRig(settings(Map.of("FALLBACK_MAX_FILES", "2")), 1, NO_SELF_POLL)) {
            rig.store.failUntilHealed();
            List<LogRecord> first = batch("etl", 4);
            List<LogRecord> second = batch("etl", 4);
            assertThat(submit(rig, first)).isEqualTo(new IntakeResult.Accepted(4, 0, Destination.FALLBACK));
            assertThat(submit(rig, second)).isEqualTo(new IntakeResult.Accepted(4, 0, Destination.FALLBACK));

            IntakeResult third = submit(rig, batch("etl", 4));

            assertThat(third).isInstanceOf(IntakeResult.Unavailable.class);
            assertThat(((IntakeResult.Unavailable) third).reason()).contains("maximum of 2 files");
            assertThat(rig.health().fallbackFiles()).isEqualTo(2);
            assertThat(readFallbackIds()).containsExactlyElementsOf(concat(ids(first), ids(second)));
        }
    }

    @Test
    void withFaultToleranceOffAFailedWriteIsReportedUnavailableWithItsReason() throws Exception {
        try (var rig = new ResilienceRig(settings(Map.of("ENABLE_FAULT_TOLERANCE", "false")),
                FallbackSpool.DEFAULT_MAX_FILE_BYTES, NO_SELF_POLL)) {
            rig.store.failNext(1);

            IntakeResult result = submit(rig, batch("etl", 5));

            assertThat(result).isInstanceOf(IntakeResult.Unavailable.class);
            assertThat(((IntakeResult.Unavailable) result).reason()).contains("disk on fire");
            assertThat(rig.store.appendCalls()).as("no retry").isOne();
            assertThat(rig.health().breaker()).isEqualTo(BreakerState.DISABLED);
            assertThat(rig.store.totalCount()).isZero();
            assertThat(dir.resolve("fallback")).doesNotExist();
            assertThat(submit(rig, batch("etl", 2))).isEqualTo(new IntakeResult.Accepted(2, 0, Destination.PRIMARY));
        }
    }

    @Test
    void withFallbackOffAFailingStoreMeansUnavailable() throws Exception {
        try (var rig = new ResilienceRig(settings(Map.of("ENABLE_FALLBACK_STORAGE", "false",
                "CIRCUIT_BREAKER_TIMEOUT", "60")),
                FallbackSpool.DEFAULT_MAX_FILE_BYTES, NO_SELF_POLL)) {
            rig.store.failUntilHealed();

            IntakeResult first = submit(rig, batch("etl", 5));
            IntakeResult second = submit(rig, batch("etl", 5));

            assertThat(first).isInstanceOf(IntakeResult.Unavailable.class);
            assertThat(((IntakeResult.Unavailable) first).reason()).contains("disk on fire");
            assertThat(((IntakeResult.Unavailable) second).reason()).contains("circuit breaker open");
            assertThat(rig.store.totalCount()).isZero();
            assertThat(dir.resolve("fallback")).doesNotExist();
        }
    }

    private Path writeFallbackFile(String name, List<String> lines) throws Exception {
        return Files.write(dir.resolve("fallback").resolve(name), lines, StandardCharsets.UTF_8);
    }

    private static List<String> lines(List<LogRecord> records) {
        return records.stream().map(RecordJson::toLine).toList();
    }

    private List<String> readFallbackIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("fallback")).filter(p -> p.toString().endsWith(".ndjson"))
                .sorted()) {
            for (Path f : (Iterable<Path>) files::iterator) {
                for (String line : Files.readAllLines(f)) {
                    ids.add(new StoredRecordReader().read(line).id());
                }
            }
        }
        return ids;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
