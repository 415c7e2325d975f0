package dev.pipelog.ingest;

import static dev.pipelog.resilience.StoredRecords.batch;
import static dev.pipelog.resilience.StoredRecords.idCounts;
import static dev.pipelog.resilience.StoredRecords.ids;
import static dev.pipelog.resilience.StoredRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.IntakeResult.Destination;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSettings;
import dev.pipelog.resilience.Eventually;
import dev.pipelog.resilience.FallbackSpool;
import dev.pipelog.resilience.ResilienceRig;
import dev.pipelog.resilience.TestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake on a real DuckDB store: group commit, honest answers, overload, policy drops, dedupe. */
class BatchingIntakeTest {
    @TempDir
    Path dir;

    private ResilienceRig rig(Map<String, String> env) throws Exception {
        return ResilienceRig.on(TestSettings.forDataDir(dir, env));
    }

    @Test
    void concurrentProducersHaveEveryAcknowledgedRecordStoredExactlyOnce() throws Exception {
        try (var rig = rig(Map.of())) {
            ExecutorService producers = Executors.newFixedThreadPool(4);
            var acknowledged = new ConcurrentLinkedQueue<String>();
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                boolean clientIds = p % 2 == 0;
                done.add(producers.submit(() -> {
                    for (int b = 0; b < 40; b++) {
                        List<LogRecord> records = batch("etl-" + b % 3, 37);
                        var submitted = clientIds ? IntakeBatch.of(records) : IntakeBatch.withServerIds(records);
                        IntakeResult result = rig.intake.submit(submitted).join();
                        assertThat(result).isEqualTo(new IntakeResult.Accepted(37, 0, Destination.PRIMARY));
                        acknowledged.addAll(ids(records));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            producers.shutdown();

            Map<String, Integer> stored = idCounts(rig.store);
            assertThat(stored).hasSize(4 * 40 * 37).containsOnlyKeys(acknowledged);
            assertThat(stored.values()).containsOnly(1);
            assertThat(rig.health().recordsAccepted()).isEqualTo(4 * 40 * 37);
            assertThat(rig.health().storedTotal()).isEqualTo(4 * 40 * 37);
            assertThat(rig.health().queueDepth()).isZero();
        }
    }

    @Test
    void aBatchThatDoesNotFitIsAnsweredOverloadedAtOnceAndNothingOfItIsKept() throws Exception {
        try (var rig = rig(Map.of("PIPELOG_QUEUE_CAPACITY", "100", "PIPELOG_BATCH_SIZE", "50"))) {
            rig.store.hold();
            List<LogRecord> first = batch("etl", 50);
            List<LogRecord> second = batch("etl", 50);
            CompletableFuture<IntakeResult> a = rig.intake.submit(IntakeBatch.withServerIds(first));
            Eventually.await("writer busy with the first batch", Duration.ofSeconds(10), () -> rig.store.appendCalls() == 1);
            CompletableFuture<IntakeResult> b = rig.intake.submit(IntakeBatch.withServerIds(second));

            List<LogRecord> third = batch("etl", 1);
            CompletableFuture<IntakeResult> c = rig.intake.submit(IntakeBatch.withServerIds(third));

            assertThat(c).isCompletedWithValue(new IntakeResult.Overloaded(Duration.ofSeconds(1)));
            assertThat(rig.health().queueDepth()).isEqualTo(100);
            rig.store.release();
            assertThat(a.join()).isEqualTo(new IntakeResult.Accepted(50, 0, Destination.PRIMARY));
            assertThat(b.join()).isEqualTo(new IntakeResult.Accepted(50, 0, Destination.PRIMARY));
            assertThat(idCounts(rig.store)).hasSize(100).doesNotContainKeys(ids(third).toArray(String[]::new));
        }
    }

    @Test
    void withAFlushIntervalALoneBatchWaitsForCompanyUpToTheBatchSize() throws Exception {
        try (var rig = rig(Map.of("PIPELOG_FLUSH_INTERVAL_MS", "10000", "PIPELOG_BATCH_SIZE", "2"))) {
            CompletableFuture<IntakeResult> a = rig.intake.submit(IntakeBatch.withServerIds(batch("etl", 1)));
            CompletableFuture<IntakeResult> b = rig.intake.submit(IntakeBatch.withServerIds(batch("etl", 1)));

            assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo(new IntakeResult.Accepted(1, 0, Destination.PRIMARY));
            assertThat(b.get(30, TimeUnit.SECONDS)).isEqualTo(new IntakeResult.Accepted(1, 0, Destination.PRIMARY));
            assertThat(rig.store.appendCalls()).isEqualTo(1);
        }
    }

    @Test
    void whatQueuedWhileTheWriterWasBusyIsWrittenAsOneGroupBeyondTheBatchSize() throws Exception {
        try (var rig = rig(Map.of("PIPELOG_QUEUE_CAPACITY", "1000", "PIPELOG_BATCH_SIZE", "50"))) {
            rig.store.hold();
            CompletableFuture<IntakeResult> first = rig.intake.submit(IntakeBatch.withServerIds(batch("etl", 50)));
            Eventually.await("writer busy with the first batch", Duration.ofSeconds(10), () -> rig.store.appendCalls() == 1);
            List<CompletableFuture<IntakeResult>> queued = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                queued.add(rig.intake.submit(IntakeBatch.withServerIds(batch("etl", 50))));
            }

            rig.store.release();
            first.join();
            queued.forEach(CompletableFuture::join);

            assertThat(rig.store.appendCalls()).as("the six queued batches in one group of 300").isEqualTo(2);
            assertThat(idCounts(rig.store)).hasSize(350);
        }
    }

    @Test
    void aBatchLargerThanTheWholeHeapBoundIsTakenWhenTheQueueIsEmpty() throws Exception {
        List<LogRecord> small = batch("etl", 10);
        long budget = BatchingIntake.estimatedBytes(small);
        try (var rig = new ResilienceRig(TestSettings.forDataDir(dir, Map.of()), FallbackSpool.DEFAULT_MAX_FILE_BYTES,
                Duration.ofSeconds(1), budget)) {
            LogRecord huge = record("huge", "etl", Level.ERROR, 1).toBuilder()
                    .stackTrace("x".repeat((int) budget)).build();

            IntakeResult taken = rig.intake.submit(IntakeBatch.of(List.of(huge))).join();

            assertThat(taken).isEqualTo(new IntakeResult.Accepted(1, 0, Destination.PRIMARY));
            assertThat(idCounts(rig.store)).containsKey("huge");
        }
    }

    @Test
    void largeRecordsAreRefusedByTheQueuesHeapBoundWhileSmallOnesStillFit() throws Exception {
        List<LogRecord> small = batch("etl", 10);
        long budget = BatchingIntake.estimatedBytes(small) * 3;
        try (var rig = new ResilienceRig(TestSettings.forDataDir(dir, Map.of()), FallbackSpool.DEFAULT_MAX_FILE_BYTES,
                Duration.ofSeconds(1), budget)) {
            rig.store.hold();
            CompletableFuture<IntakeResult> first = rig.intake.submit(IntakeBatch.withServerIds(small));
            Eventually.await("writer busy with the first batch", Duration.ofSeconds(10), () -> rig.store.appendCalls() == 1);
            LogRecord huge = record("huge", "etl", Level.ERROR, 1).toBuilder()
                    .stackTrace("x".repeat((int) budget)).build();

            IntakeResult refused = rig.intake.submit(IntakeBatch.of(List.of(huge))).join();
            CompletableFuture<IntakeResult> fits = rig.intake.submit(IntakeBatch.withServerIds(batch("etl", 10)));

            assertThat(refused).isEqualTo(new IntakeResult.Overloaded(Duration.ofSeconds(1)));
            rig.store.release();
            assertThat(first.join()).isEqualTo(new IntakeResult.Accepted(10, 0, Destination.PRIMARY));
            assertThat(fits.join()).isEqualTo(new IntakeResult.Accepted(10, 0, Destination.PRIMARY));
            assertThat(idCounts(rig.store)).hasSize(20).doesNotContainKey("huge");
        }
    }

    @Test
    void recordsBelowTheirPipelinesMinimumLevelAreDroppedAndCounted() throws Exception {
        try (var rig = rig(Map.of())) {
            rig.pipelineSettings.put(new PipelineSettings("etl", Level.WARNING, null));
            List<LogRecord> records = List.of(
                    record("a", "etl", Level.DEBUG, 0), record("b", "etl", Level.INFO, 1),
                    record("c", "etl", Level.WARNING, 2), record("d", "etl", Level.ERROR, 3),
                    record("e", "other", Level.DEBUG, 4));

            IntakeResult mixed = rig.intake.submit(IntakeBatch.of(records)).join();
            int callsBefore = rig.store.appendCalls();
            IntakeResult allBelow = rig.intake.submit(IntakeBatch.of(List.of(record("f", "etl", Level.INFO, 5)))).join();

            assertThat(mixed).isEqualTo(new IntakeResult.Accepted(3, 2, Destination.PRIMARY));
            assertThat(allBelow).isEqualTo(new IntakeResult.Accepted(0, 1, Destination.NONE));
            assertThat(rig.store.appendCalls()).isEqualTo(callsBefore);
            assertThat(idCounts(rig.store)).containsOnlyKeys("c", "d", "e");
            assertThat(rig.health().recordsDroppedByPolicy()).isEqualTo(3);
        }
    }

    @Test
    void emptyAndAllRejectedBatchesAreAnsweredWithoutTouchingStorage() throws Exception {
        try (var rig = rig(Map.of())) {
            var rejection = new Rejection(0, "level: unknown level 'LOUD'");

            IntakeResult empty = rig.intake.submit(IntakeBatch.of(List.of())).join();
            IntakeResult allRejected = rig.intake.submit(new IntakeBatch(List.of(), List.of(rejection))).join();

            assertThat(empty).isEqualTo(new IntakeResult.Accepted(0, 0, Destination.NONE));
            assertThat(allRejected).isEqualTo(new IntakeResult.PartiallyRejected(0, 0, Destination.NONE, List.of(rejection)));
            assertThat(rig.store.appendCalls()).isZero();
            assertThat(rig.health().recordsRejected()).isEqualTo(1);
        }
    }

    @Test
    void validRecordsOfAPartlyRejectedBatchAreStoredAndTheRejectionsReported() throws Exception {
        try (var rig = rig(Map.of())) {
            var rejection = new Rejection(2, "timestamp: not a date");
            List<LogRecord> records = batch("etl", 2);

            IntakeResult result = rig.intake.submit(new IntakeBatch(records, List.of(rejection))).join();

            assertThat(result).isEqualTo(new IntakeResult.PartiallyRejected(2, 0, Destination.PRIMARY, List.of(rejection)));
            assertThat(idCounts(rig.store)).containsOnlyKeys(ids(records));
        }
    }

    @Test
    void aClientRetryingTheSameRecordsDoesNotDuplicateThem() throws Exception {
        try (var rig = rig(Map.of())) {
            List<LogRecord> records = List.of(record("client-1", "etl", Level.INFO, 0),
                    record("client-2", "etl", Level.ERROR, 1));
            rig.intake.submit(IntakeBatch.of(records)).join();
            // The retry arrives both alone and grouped with another copy of itself.
            rig.store.hold();
            var blocker = rig.intake.submit(IntakeBatch.withServerIds(batch("etl", 1)));
            Eventually.await("writer busy", Duration.ofSeconds(10), () -> rig.store.appendCalls() == 2);
            var retry1 = rig.intake.submit(IntakeBatch.of(records));
            var retry2 = rig.intake.submit(IntakeBatch.of(records));
            rig.store.release();

            assertThat(retry1.join()).isEqualTo(new IntakeResult.Accepted(2, 0, Destination.PRIMARY));
            assertThat(retry2.join()).isEqualTo(new IntakeResult.Accepted(2, 0, Destination.PRIMARY));
            blocker.join();
            Map<String, Integer> stored = idCounts(rig.store);
            assertThat(stored).containsEntry("client-1", 1).containsEntry("client-2", 1).hasSize(3);
        }
    }

    @Test
    void closingMakesEveryAcceptedRecordDurableAndRefusesLaterBatches() throws Exception {
        try (var rig = rig(Map.of())) {
            List<CompletableFuture<IntakeResult>> futures = new ArrayList<>();
            Set<String> submitted = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                List<LogRecord> records = batch("etl", 20);
                submitted.addAll(ids(records));
                futures.add(rig.intake.submit(IntakeBatch.withServerIds(records)));
            }

            rig.intake.close();

            assertThat(futures).allSatisfy(f -> assertThat(f).isCompletedWithValue(
                    new IntakeResult.Accepted(20, 0, Destination.PRIMARY)));
            assertThat(idCounts(rig.store).keySet()).isEqualTo(submitted);
            assertThat(rig.intake.submit(IntakeBatch.withServerIds(batch("etl", 1))).join())
                    .isInstanceOf(IntakeResult.Unavailable.class);
        }
    }

    @Test
    void healthReportsTheIngestRateOverTheLastSeconds() throws Exception {
        try (var rig = rig(Map.of())) {
            rig.intake.submit(IntakeBatch.withServerIds(batch("etl", 500))).join();

            Eventually.await("a complete second has passed", Duration.ofSeconds(5), () -> rig.health().ingestRate() > 0);
            assertThat(rig.health().ingestRate()).isEqualTo(500 / 5.0);
            assertThat(rig.health().queueCapacity()).isEqualTo(10_000);
            assertThat(rig.health().databaseBytes()).isPositive();
        }
    }
}
