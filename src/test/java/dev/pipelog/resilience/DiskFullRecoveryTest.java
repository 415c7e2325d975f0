package dev.pipelog.resilience;

import static dev.pipelog.resilience.StoredRecords.batch;
import static dev.pipelog.resilience.StoredRecords.idCounts;
import static dev.pipelog.resilience.StoredRecords.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.IntakeResult.Destination;
import dev.pipelog.model.Health.BreakerState;
import dev.pipelog.model.LogRecord;
import dev.pipelog.testing.SmallFilesystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, finding 2: the database on a disk that really fills up (a 16 MB tmpfs), the fallback
 * files elsewhere. The writer used to fail forever after one failed commit ("no transaction is
 * active"), with the breaker closed and replay only after a restart.
 */
class DiskFullRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void onAFullDiskTheBreakerOpensTheFallbackTakesOverAndOnceSpaceReturnsEverythingIsStoredOnceByItself()
            throws Exception {
        try (var fs = SmallFilesystem.mount(dir.resolve("small-disk"), 16)) {
            Path database = fs.path().resolve("logs.duckdb");
            var settings = TestSettings.forDataDir(dir.resolve("data"), Map.of(
                    "PIPELOG_DB", database.toString(), "CIRCUIT_BREAKER_TIMEOUT", "1",
                    "PIPELOG_BATCH_SIZE", "5000"));
            try (var rig = ResilienceRig.on(settings)) {
                List<LogRecord> before = batch("disk", 500);
                assertThat(submit(rig, before)).isEqualTo(new IntakeResult.Accepted(500, 0, Destination.PRIMARY));
                fs.fill();

                List<LogRecord> duringOutage = new ArrayList<>();
                List<LogRecord> first = batch("disk", 400);
                assertThat(submit(rig, first)).isEqualTo(new IntakeResult.Accepted(400, 0, Destination.FALLBACK));
                duringOutage.addAll(first);
                // Open, or already half-open if writing the fallback file took longer than the breaker's second.
                assertThat(rig.health().breaker()).as("1 attempt + 2 retries reach the threshold of 3")
                        .isIn(BreakerState.OPEN, BreakerState.HALF_OPEN);
                assertThat(rig.health().lastStorageError()).contains("No space left on device").contains(database.toString());
                for (int i = 0; i < 4; i++) {
                    List<LogRecord> more = batch("disk", 400);
                    assertThat(submit(rig, more)).isInstanceOf(IntakeResult.Accepted.class);
                    duringOutage.addAll(more);
                }
                assertThat(rig.health().fallbackRecords()).isPositive();

                fs.free();
                // No more intake: the replayer alone must notice that storage works again.
                Eventually.await("every acknowledged record stored once space returned", Duration.ofSeconds(5),
                        () -> rig.store.totalCount() == before.size() + duringOutage.size());
                Eventually.await("the fallback drained", Duration.ofSeconds(5), () -> rig.health().fallbackFiles() == 0);

                List<LogRecord> after = batch("disk", 300);
                assertThat(submit(rig, after)).isEqualTo(new IntakeResult.Accepted(300, 0, Destination.PRIMARY));
                List<String> all = new ArrayList<>(ids(before));
                all.addAll(ids(duringOutage));
                all.addAll(ids(after));
                assertThat(idCounts(rig.store)).as("0 acknowledged records lost or duplicated")
                        .containsOnlyKeys(all).allSatisfy((id, n) -> assertThat(n).isOne());
                assertThat(rig.health().breaker()).isEqualTo(BreakerState.CLOSED);
                assertThat(rig.health().storedTotal()).isEqualTo(all.size());
            }
        }
    }

    @Test
    void withoutFallbackABatchAnsweredUnavailableOnAFullDiskIsNeverStoredAndOneAnsweredStoredIsStoredOnce()
            throws Exception {
        try (var fs = SmallFilesystem.mount(dir.resolve("small-disk"), 16)) {
            var settings = TestSettings.forDataDir(dir.resolve("data"), Map.of(
                    "PIPELOG_DB", fs.path().resolve("logs.duckdb").toString(), "ENABLE_FALLBACK_STORAGE", "false",
                    "PIPELOG_BATCH_SIZE", "5000"));
            try (var rig = ResilienceRig.on(settings)) {
                fs.fill();
                List<String> answeredStored = new ArrayList<>();
                List<String> answeredUnavailable = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    List<LogRecord> records = batch("disk", 400);
                    IntakeResult answer = submit(rig, records);
                    if (answer instanceof IntakeResult.Unavailable) {
                        answeredUnavailable.addAll(ids(records));
                    } else {
                        assertThat(answer).isEqualTo(new IntakeResult.Accepted(400, 0, Destination.PRIMARY));
                        answeredStored.addAll(ids(records));
                    }
                }
                assertThat(answeredUnavailable).as("a full disk refuses writes").isNotEmpty();
                assertThat(rig.health().lastStorageError()).contains("No space left on device");
                fs.free();

                List<LogRecord> after = batch("disk", 100);
                Eventually.await("the store takes writes again", Duration.ofSeconds(10),
                        () -> submit(rig, after) instanceof IntakeResult.Accepted);
                answeredStored.addAll(ids(after));
                assertThat(idCounts(rig.store)).as("stored: exactly what was answered stored, once each")
                        .containsOnlyKeys(answeredStored).allSatisfy((id, n) -> assertThat(n).isOne());
            }
        }
    }

    private static IntakeResult submit(ResilienceRig rig, List<LogRecord> records) {
        return rig.intake.submit(IntakeBatch.withServerIds(records)).join();
    }
}
