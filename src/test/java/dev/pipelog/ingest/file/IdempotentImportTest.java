package dev.pipelog.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipelog.app.Engine;
import dev.pipelog.model.LogQuery;
import dev.pipelog.resilience.StoredRecords;
import dev.pipelog.resilience.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing into a real engine and DuckDB file: the same file twice, a grown file, a renamed
 * (rotated) copy, a forgotten ledger, and a cancelled import resumed, never store a record twice
 * and never lose one.
 */
class IdempotentImportTest {
    @TempDir
    Path temp;

    private Engine engine;
    private FileImporter importer;

    @BeforeEach
    void start() throws Exception {
        engine = Engine.start(TestSettings.forDataDir(temp.resolve("data"), Map.of("ENABLE_REQUEST_LOGGING", "false")));
        importer = importer();
    }

    private FileImporter importer() throws Exception {
        return new FileImporter(new IntakeTarget(engine.intake()), ImportLedger.open(temp.resolve("data")),
                ZoneOffset.UTC, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private long stored(String pipeline) {
        return engine.store().count(LogQuery.builder().pipelineId(pipeline).build());
    }

    /** Python's basic format: no times at all, the hardest case for recognising a record again. */
    private static String lines(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            s.append(i % 10 == 0 ? "ERROR" : "INFO").append(":etl.step:row batch ").append(i).append('\n');
            if (i % 10 == 0) {
                s.append("Traceback (most recent call last):\n  File \"etl.py\", line ").append(i).append("\nKeyError: 'k'\n");
            }
        }
        return s.toString();
    }

    @Test
    void importingTheSameFileAgainAddsNothing() throws Exception {
        Path file = temp.resolve("nightly.log");
        Files.writeString(file, lines(0, 120));
        assertEquals(120, importer.run(ImportRequest.of(file), p -> { }, () -> false).records());
        assertEquals(0, importer.run(ImportRequest.of(file), p -> { }, () -> false).records());
        assertEquals(120, stored("nightly"));
    }

    /**
     * Records with their own times are recognised by the store alone; records without rely on the
     * ledger's first-seen time (docs/import.md).
     */
    @Test
    void withoutTheLedgerTheStoreStillRecognisesEveryRecordThatHasATime() throws Exception {
        Path file = temp.resolve("nightly.log");
        StringBuilder timed = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            timed.append(String.format("2026-12-07 10:%02d:%02d,000 - etl.step - INFO - row batch %d%n", i / 60, i % 60, i));
        }
        Files.writeString(file, timed);
        importer.run(ImportRequest.of(file), p -> { }, () -> false);
        Files.delete(temp.resolve("data/file-imports.json"));
        ImportSummary again = importer().run(ImportRequest.of(file), p -> { }, () -> false);
        assertEquals(120, again.records(), "read again from the start");
        assertEquals(120, stored("nightly"), "but stored once");
        assertEquals(120, StoredRecords.idCounts(engine.store()).entrySet().stream()
                .filter(e -> e.getValue() == 1).count() - ownRecords());
    }

    private long ownRecords() {
        return engine.store().count(LogQuery.builder().build()) - stored("nightly");
    }

    @Test
    void aGrownFileAddsOnlyItsNewRecords() throws Exception {
        Path file = temp.resolve("nightly.log");
        Files.writeString(file, lines(0, 50));
        importer.run(ImportRequest.of(file), p -> { }, () -> false);
        Files.writeString(file, lines(50, 80), StandardOpenOption.APPEND);
        ImportSummary grown = importer.run(ImportRequest.of(file), p -> { }, () -> false);
        assertEquals(30, grown.records());
        assertTrue(grown.resumedAt() > 0);
        assertEquals(80, stored("nightly"));
    }

    @Test
    void aRotatedCopyOfAnImportedFileAddsNothing() throws Exception {
        Path file = temp.resolve("nightly.log");
        Files.writeString(file, lines(0, 60));
        importer.run(ImportRequest.of(file), p -> { }, () -> false);
        Path rotated = Files.move(file, temp.resolve("nightly.log.1"));
        importer.run(ImportRequest.of(rotated), p -> { }, () -> false);
        assertEquals(60, stored("nightly"));
    }

    @Test
    void aCancelledImportKeepsWhatItStoredAndTheNextOneResumes() throws Exception {
        Path file = temp.resolve("big.log");
        long total = 3L * FileImporter.BATCH_RECORDS + 7;
        Files.writeString(file, lines(0, (int) total));
        AtomicBoolean cancel = new AtomicBoolean();
        RecordTarget intake = new IntakeTarget(engine.intake());
        RecordTarget cancelAfterFirstBatch = batch -> {
            intake.deliver(batch);
            cancel.set(true); // the user presses Cancel while the second batch is being read
        };
        var cancelling = new FileImporter(cancelAfterFirstBatch, ImportLedger.open(temp.resolve("data")),
                ZoneOffset.UTC, Clock.systemUTC());
        ImportSummary first = cancelling.run(ImportRequest.of(file), p -> { }, cancel::get);
        assertTrue(first.cancelled());
        long afterCancel = stored("big");
        assertEquals(first.records(), afterCancel, "what the summary reports is stored");
        assertTrue(afterCancel < total, afterCancel + " of " + total);

        ImportSummary rest = importer().run(ImportRequest.of(file), p -> { }, () -> false);
        assertEquals(total, afterCancel + rest.records());
        assertEquals(total, stored("big"));
    }

    @Test
    void aPipelineGivenByTheUserWinsAndImportedRecordsSayTheyCameFromAFile() throws Exception {
        Path file = temp.resolve("nightly.log");
        Files.writeString(file, lines(0, 5));
        importer.run(new ImportRequest(file, Optional.of("daily_sales"), Optional.empty()), p -> { }, () -> false);
        var page = engine.store().find(LogQuery.builder().pipelineId("daily_sales").build());
        assertEquals(5, page.items().size());
        assertTrue(page.items().stream().allMatch(r -> "file".equals(r.source())));
        assertTrue(page.items().stream().anyMatch(r -> r.stackTrace() != null && r.stackTrace().contains("KeyError")));
    }
}
