package dev.pipelog.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipelog.app.Engine;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.resilience.Eventually;
import dev.pipelog.resilience.TestSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Python program logs through {@code logging.handlers.RotatingFileHandler}, which rotates
 * the file several times while Pipelog follows it: every record arrives once, tracebacks attached.
 */
class PythonRotatingFileHandlerTest {
    private static final Path SCRIPT = Paths.get("src/test/resources/dev/pipelog/ingest/file/rotating_writer.py");
    private static final int ROUNDS = 8;
    private static final int PER_ROUND = 30;

    @TempDir
    Path temp;

    @Test
    void everyRecordOfARotatingPythonLogIsStoredOnce() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Engine engine = Engine.start(TestSettings.forDataDir(temp.resolve("data"),
                Map.of("ENABLE_REQUEST_LOGGING", "false")))) {
            Path log = temp.resolve("etl.log");
            var follows = new FollowService(new IntakeTarget(engine.intake()), ImportLedger.open(temp.resolve("data")),
                    Optional.of(new FollowRegistry(temp.resolve("data"))), ZoneId.systemDefault(), Clock.systemUTC(), scheduler);
            follows.follow(new FollowRequest(log, Optional.empty(), Optional.empty()));
            Process python = new ProcessBuilder("python3", SCRIPT.toString(), log.toString(),
                    String.valueOf(ROUNDS), String.valueOf(PER_ROUND)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
                 Writer in = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8)) {
                for (int round = 1; round <= ROUNDS; round++) {
                    String done = out.readLine();
                    assertEquals("done " + round * PER_ROUND, done);
                    int expected = round * PER_ROUND;
                    Eventually.await(expected + " records stored", Duration.ofSeconds(20),
                            () -> stored(engine).size() >= expected);
                    in.write("\n");
                    in.flush();
                }
            }
            assertTrue(python.waitFor(30, TimeUnit.SECONDS));
            follows.close();

            try (Stream<Path> files = Files.list(temp)) {
                assertTrue(files.filter(p -> p.getFileName().toString().startsWith("etl.log.")).count() >= 2,
                        "the handler rotated more than once");
            }
            List<LogRecord> records = stored(engine);
            assertEquals(ROUNDS * PER_ROUND, records.size(), "no record stored twice");
            Set<String> messages = records.stream().map(LogRecord::message).collect(Collectors.toSet());
            for (int i = 0; i < ROUNDS * PER_ROUND; i++) {
                assertTrue(messages.contains(i % 9 == 0 ? "record " + i + " failed" : "record " + i), "record " + i);
            }
            List<LogRecord> failures = records.stream().filter(r -> r.level() == Level.ERROR).collect(Collectors.toList());
            assertEquals((ROUNDS * PER_ROUND + 8) / 9, failures.size());
            assertTrue(failures.stream().allMatch(r -> r.stackTrace() != null && r.stackTrace().contains("KeyError: 'missing'")));
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static List<LogRecord> stored(Engine engine) {
        return engine.store().find(LogQuery.builder().pipelineId("etl").limit(LogQuery.MAX_LIMIT).build()).items();
    }
}
