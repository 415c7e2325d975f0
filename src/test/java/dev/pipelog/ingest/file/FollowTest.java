package dev.pipelog.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipelog.app.Engine;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.resilience.Eventually;
import dev.pipelog.resilience.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following files into a real engine: lines appended are stored, rotation by rename + create and by
 * copytruncate loses and repeats nothing, and follows come back after a restart.
 */
class FollowTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path temp;

    private Engine engine;
    private ScheduledExecutorService scheduler;
    private FollowService follows;
    private int next;

    @BeforeEach
    void start() throws Exception {
        engine = Engine.start(TestSettings.forDataDir(temp.resolve("data"), Map.of("ENABLE_REQUEST_LOGGING", "false")));
        scheduler = Executors.newSingleThreadScheduledExecutor();
        follows = service();
    }

    private FollowService service() throws IOException {
        return new FollowService(new IntakeTarget(engine.intake()), ImportLedger.open(temp.resolve("data")),
                Optional.of(new FollowRegistry(temp.resolve("data"))), ZoneOffset.UTC, Clock.systemUTC(), scheduler);
    }

    @AfterEach
    void stop() {
        follows.close();
        scheduler.shutdownNow();
        engine.close();
    }

    private void append(Path file, int lines) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lines; i++, next++) {
            s.append(String.format("2026-12-07 10:%02d:%02d,%03d - etl - INFO - line %d%n", next / 60000 % 60,
                    next / 1000 % 60, next % 1000, next));
        }
        Files.writeString(file, s, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private List<LogRecord> stored(String pipeline) {
        return engine.store().find(LogQuery.builder().pipelineId(pipeline).limit(LogQuery.MAX_LIMIT).build()).items();
    }

    /** Every line written so far is stored, once. */
    private void awaitAllStoredOnce(String pipeline) {
        Eventually.await(next + " lines stored", WAIT, () -> stored(pipeline).size() >= next);
        List<LogRecord> records = stored(pipeline);
        Set<String> messages = records.stream().map(LogRecord::message).collect(Collectors.toSet());
        assertEquals(next, records.size(), "no line stored twice");
        for (int i = 0; i < next; i++) {
            assertTrue(messages.contains("line " + i), "line " + i + " is stored");
        }
    }

    @Test
    void linesAppendedToAFollowedFileAreStored() throws Exception {
        Path file = temp.resolve("etl.log");
        append(file, 10);
        follows.follow(new FollowRequest(file, Optional.empty(), Optional.empty()));
        awaitAllStoredOnce("etl");
        append(file, 5);
        awaitAllStoredOnce("etl");
        assertEquals(FollowStatus.State.FOLLOWING, follows.follows().get(0).state());
        assertEquals(15, follows.follows().get(0).records());
    }

    /** Polled by hand, so "after a poll" is exact. */
    @Test
    void aLineIsStoredOnlyOnceItIsComplete() throws Exception {
        Path file = temp.resolve("etl.log");
        append(file, 1);
        var tail = new FileTail(new FollowRequest(file, Optional.empty(), Optional.empty()),
                new IntakeTarget(engine.intake()), ImportLedger.open(temp.resolve("data")), ZoneOffset.UTC,
                Clock.systemUTC());
        tail.poll();
        assertEquals(0, stored("etl").size(), "the last record waits one poll for continuation lines");
        tail.poll();
        assertEquals(1, stored("etl").size(), "a poll that finds nothing new stores it");
        Files.writeString(file, "2026-12-07 11:00:00,000 - etl - INFO - half", StandardOpenOption.APPEND);
        tail.poll();
        tail.poll();
        assertEquals(1, stored("etl").size(), "half a line is not a record");
        Files.writeString(file, " and the rest\n", StandardOpenOption.APPEND);
        tail.poll();
        tail.poll();
        assertEquals(2, stored("etl").size());
        assertTrue(stored("etl").stream().anyMatch(r -> r.message().equals("half and the rest")));
        tail.stop();
    }

    @Test
    void renameAndCreateRotationLosesAndRepeatsNothing() throws Exception {
        Path file = temp.resolve("etl.log");
        append(file, 20);
        follows.follow(new FollowRequest(file, Optional.empty(), Optional.empty()));
        awaitAllStoredOnce("etl");
        for (int round = 1; round <= 3; round++) {
            append(file, 7); // written just before the rotation: read from the renamed file
            Files.move(file, temp.resolve("etl.log." + round), StandardCopyOption.ATOMIC_MOVE);
            append(file, 11);
            awaitAllStoredOnce("etl");
        }
    }

    @Test
    void copyTruncateRotationLosesAndRepeatsNothing() throws Exception {
        Path file = temp.resolve("etl.log");
        append(file, 20);
        follows.follow(new FollowRequest(file, Optional.empty(), Optional.empty()));
        for (int round = 1; round <= 3; round++) {
            awaitAllStoredOnce("etl");
            Files.copy(file, temp.resolve("etl.log." + round));
            try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            append(file, 3 + round); // shorter than before, and then longer: both are noticed
            awaitAllStoredOnce("etl");
            append(file, 40);
        }
        awaitAllStoredOnce("etl");
    }

    @Test
    void followsAreRememberedAcrossRestartsAndGoOnWhereTheyStopped() throws Exception {
        Path file = temp.resolve("etl.log");
        append(file, 10);
        follows.follow(new FollowRequest(file, Optional.of("nightly"), Optional.of(FileFormat.parse(
                "%(asctime)s - %(name)s - %(levelname)s - %(message)s"))));
        awaitAllStoredOnce("nightly");
        follows.close();
        append(file, 6); // written while Pipelog was not running

        follows = service();
        follows.resumeRemembered();
        assertEquals(1, follows.follows().size());
        assertEquals(Optional.of("nightly"), follows.follows().get(0).request().pipelineId());
        awaitAllStoredOnce("nightly");
        assertEquals(6, follows.follows().get(0).records(), "only the new lines were read again");

        assertTrue(follows.stop(file));
        follows.close();
        follows = service();
        follows.resumeRemembered();
        assertTrue(follows.follows().isEmpty(), "a stopped follow is forgotten");
    }

    @Test
    void aFileThatDoesNotExistYetIsWaitedFor() throws Exception {
        Path file = temp.resolve("later.log");
        follows.follow(new FollowRequest(file, Optional.empty(), Optional.empty()));
        assertEquals(FollowStatus.State.WAITING_FOR_FILE, follows.follows().get(0).state());
        append(file, 4);
        awaitAllStoredOnce("later");
        Set<FollowStatus.State> states = new HashSet<>();
        follows.follows().forEach(f -> states.add(f.state()));
        assertEquals(Set.of(FollowStatus.State.FOLLOWING), states);
    }
}
