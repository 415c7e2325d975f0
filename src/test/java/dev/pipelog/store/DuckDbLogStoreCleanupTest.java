package dev.pipelog.store;

import static dev.pipelog.store.StoreFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.model.CleanupRequest;
import dev.pipelog.model.CleanupResult;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSettings;
import dev.pipelog.model.SortOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbLogStoreCleanupTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path dir;
    DuckDbLogStore store;

    @BeforeEach
    void open() {
        store = StoreFixtures.openAt(dir, NOW);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** One record per day per pipeline, for the last {@code days} days (day 0 is today). */
    private void daily(String pipeline, int days) {
        List<LogRecord> batch = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            batch.add(record(pipeline + "-" + d, NOW.minus(Duration.ofDays(d)).minusSeconds(60), Level.INFO, "day " + d)
                    .pipelineId(pipeline).build());
        }
        store.append(batch, false);
    }

    @Test
    void dryRunCountsWhatARealRunThenDeletes() {
        daily("a", 10);
        daily("b", 10);

        CleanupResult dry = store.cleanup(new CleanupRequest(7, null, null, false, true), List.of());

        assertThat(dry).isEqualTo(CleanupResult.counted(6, NOW));
        assertThat(store.totalCount()).as("a dry run deletes nothing").isEqualTo(20);

        CleanupResult real = store.cleanup(new CleanupRequest(7, null, null, false, false), List.of());

        assertThat(real.dryRun()).isFalse();
        assertThat(real.records()).isEqualTo(6);
        assertThat(store.totalCount()).isEqualTo(14);
        assertThat(store.count(LogQuery.builder().until(dev.pipelog.model.TimeBound.at(NOW.minus(Duration.ofDays(7))))
                .build())).isZero();
    }

    @Test
    void onePipelineOnly() {
        daily("a", 10);
        daily("b", 10);

        assertThat(store.cleanup(new CleanupRequest(null, "a", null, false, false), List.of()).records()).isEqualTo(10);
        assertThat(store.pipelines()).extracting(p -> p.pipelineId()).containsExactly("b");
        assertThat(store.cleanup(new CleanupRequest(3, "b", null, false, false), List.of()).records()).isEqualTo(7);
        assertThat(store.totalCount()).isEqualTo(3);
    }

    @Test
    void keepsTheNewestNOfEveryPipelineEvenWithEqualTimestamps() {
        daily("a", 10);
        daily("b", 3);
        List<LogRecord> ties = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ties.add(record("t" + i, NOW.minus(Duration.ofDays(20)), Level.INFO, "tie").pipelineId("c").build());
        }
        store.append(ties, false);

        CleanupResult dry = store.cleanup(new CleanupRequest(null, null, 4, false, true), List.of());
        CleanupResult real = store.cleanup(new CleanupRequest(null, null, 4, false, false), List.of());

        assertThat(dry.records()).isEqualTo(6 + 0 + 1);
        assertThat(real.records()).isEqualTo(dry.records());
        assertThat(ids("a")).containsExactly("a-0", "a-1", "a-2", "a-3");
        assertThat(ids("b")).hasSize(3);
        assertThat(ids("c")).as("ties broken by id, newest first").containsExactly("t4", "t3", "t2", "t1");
    }

    @Test
    void olderThanCombinesWithKeepLast() {
        daily("a", 10);

        assertThat(store.cleanup(new CleanupRequest(2, null, 8, false, false), List.of()).records())
                .as("older than 2 days are 8 records, but only 2 fall outside the newest 8").isEqualTo(2);
        assertThat(store.totalCount()).isEqualTo(8);
    }

    @Test
    void perPipelineRetentionAppliesOnlyWhenAsked() {
        daily("a", 10);
        daily("b", 10);
        daily("c", 10);
        List<PipelineSettings> settings = List.of(
                new PipelineSettings("a", null, 3), new PipelineSettings("b", Level.WARNING, null));

        assertThat(store.cleanup(new CleanupRequest(8, null, null, false, true), settings).records())
                .as("retention ignored unless requested").isEqualTo(3 * 2);
        assertThat(store.cleanup(new CleanupRequest(null, null, null, true, false), settings).records())
                .as("only pipeline a has a retention").isEqualTo(7);
        assertThat(ids("a")).hasSize(3);
        assertThat(store.cleanup(new CleanupRequest(8, null, null, true, false), settings).records())
                .as("the request's own age applies to every pipeline as well").isEqualTo(2 * 2);
        assertThat(store.totalCount()).isEqualTo(3 + 8 + 8);
    }

    @Test
    void aConfirmedCleanupKeepsItsDryRunsCutOffWhileTimeMovesOn() {
        MutableClock clock = new MutableClock(NOW);
        store.close();
        store = DuckDbLogStore.open(dir.resolve("logs.duckdb"), Duration.ofSeconds(60), clock, new SchemaMigrator());
        daily("a", 10);
        CleanupRequest sevenDays = new CleanupRequest(7, null, null, false, true);
        CleanupResult dry = store.cleanup(sevenDays, List.of());
        assertThat(dry.records()).isEqualTo(3);

        clock.now = NOW.plus(Duration.ofDays(2)); // the user looked away; two more days crossed the line
        CleanupResult real = store.cleanup(sevenDays.confirming(dry), List.of());

        assertThat(real.countChanged()).isFalse();
        assertThat(real.records()).isEqualTo(3);
        assertThat(store.totalCount()).isEqualTo(7);
    }

    @Test
    void aConfirmedCleanupWhoseCountNoLongerHoldsDeletesNothingAndAnswersTheNewCount() {
        daily("a", 10);
        CleanupRequest sevenDays = new CleanupRequest(7, null, null, false, true);
        CleanupResult dry = store.cleanup(sevenDays, List.of());
        // A late backfill of old records arrives between counting and confirming.
        store.append(List.of(record("late-1", NOW.minus(Duration.ofDays(20)), Level.INFO, "late").pipelineId("a").build(),
                record("late-2", NOW.minus(Duration.ofDays(21)), Level.INFO, "late").pipelineId("a").build()), false);

        CleanupResult refused = store.cleanup(sevenDays.confirming(dry), List.of());

        assertThat(refused.countChanged()).isTrue();
        assertThat(refused.records()).isEqualTo(dry.records() + 2);
        assertThat(store.totalCount()).as("nothing deleted").isEqualTo(12);
        CleanupResult real = store.cleanup(sevenDays.confirming(refused), List.of());
        assertThat(real.records()).isEqualTo(5);
        assertThat(store.totalCount()).isEqualTo(7);
    }

    /** A clock a test moves forward. */
    private static final class MutableClock extends java.time.Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void reportsDiskSpaceAndKeepsWorkingAfterLargeCleanup() {
        DemoGenerator demo = new DemoGenerator(9, NOW, Duration.ofDays(30), 150_000);
        for (int i = 0; i < 3; i++) {
            store.append(demo.next(50_000), false);
        }
        long before = store.sizeBytes();

        CleanupResult result = store.cleanup(new CleanupRequest(10, null, null, false, false), List.of());

        assertThat(result.records()).isBetween(90_000L, 110_000L);
        assertThat(result.reclaimedBytes()).as("blocks freed inside the file for new records")
                .isPositive().isLessThanOrEqualTo(before);
        assertThat(result.diskBytesBefore()).as("what the status bar showed before").isEqualTo(before);
        assertThat(result.diskBytesAfter()).as("what it shows after").isEqualTo(store.sizeBytes());
        assertThat(store.totalCount()).isEqualTo(150_000 - result.records());
        store.append(demo.next(1_000), false);
        assertThat(store.totalCount()).isEqualTo(151_000 - result.records());
    }

    @Test
    void summariesFollowWhatACleanupLeaves() {
        List<LogRecord> run = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            run.add(record("r" + d, NOW.minus(Duration.ofDays(d)).minusSeconds(60), d == 5 ? Level.ERROR : Level.INFO,
                    "step " + d).pipelineId("p").executionId("long-run").correlationId("c").build());
        }
        store.append(run, false);

        store.cleanup(new CleanupRequest(3, null, null, false, false), List.of());

        assertThat(store.executions("p", null, null, 10)).singleElement().satisfies(e -> {
            assertThat(e.records()).isEqualTo(3);
            assertThat(e.status()).as("the failing record was deleted").isEqualTo(dev.pipelog.model.ExecutionStatus.OK);
            assertThat(e.lastError()).isNull();
            assertThat(e.start()).isEqualTo(NOW.minus(Duration.ofDays(2)).minusSeconds(60));
        });
        assertThat(store.correlation("c").records()).extracting(LogRecord::id).containsExactly("r2", "r1", "r0");
        assertThat(store.pipelines()).singleElement().satisfies(p -> assertThat(p.records()).isEqualTo(3));

        store.cleanup(new CleanupRequest(0, null, null, false, false), List.of());

        assertThat(store.executions("p", null, null, 10)).isEmpty();
        assertThat(store.pipelines()).isEmpty();
        assertThat(store.correlation("c").isEmpty()).isTrue();
        assertThat(store.find(LogQuery.builder().build()).items()).isEmpty();
    }

    private List<String> ids(String pipeline) {
        return store.find(LogQuery.builder().pipelineId(pipeline).order(SortOrder.DESCENDING).build()).items().stream()
                .map(LogRecord::id).toList();
    }
}
