package dev.pipelog.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.resilience.Eventually;
import dev.pipelog.resilience.StoredRecords;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill -9 at any moment loses no acknowledged record: a child JVM runs the engine and prints
 * every acknowledgement; it is killed mid-stream (SIGKILL), the engine is started again on the
 * same data directory, and every acknowledged record must be stored, exactly once.
 */
class EngineKillNineTest {
    private static final int ACKS_BEFORE_KILL = 120;

    @TempDir
    Path dir;

    @Test
    void killedWhileWritingToTheStoreLosesNoAcknowledgedRecord() throws Exception {
        Acknowledged acknowledged = runAndKill("healthy", 0);

        assertThat(acknowledged.fromFallback()).isZero();
        assertEveryAcknowledgedRecordStoredOnceAfterRestart(acknowledged.ids());
    }

    @Test
    void killedWhileTheStoreIsDownAndEveryAckComesFromFallbackFilesLosesNoAcknowledgedRecord() throws Exception {
        Acknowledged acknowledged = runAndKill("flaky", Integer.MAX_VALUE);

        assertThat(acknowledged.ids()).hasSize(acknowledged.fromFallback() * KillNineChild.BATCH);
        assertEveryAcknowledgedRecordStoredOnceAfterRestart(acknowledged.ids());
    }

    @Test
    void killedWhileAcknowledgingFromFallbackFilesAndReplayingLosesNoAcknowledgedRecord() throws Exception {
        Acknowledged acknowledged = runAndKill("flaky", ACKS_BEFORE_KILL / 2);

        assertThat(acknowledged.fromFallback()).as("batches acknowledged from fallback files").isPositive();
        assertEveryAcknowledgedRecordStoredOnceAfterRestart(acknowledged.ids());
    }

    /** The ids of every acknowledged record, and how many batches were acknowledged from fallback files. */
    private record Acknowledged(List<String> ids, int fromFallback) {
    }

    private Acknowledged runAndKill(String mode, int healAfter) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                KillNineChild.class.getName(), dir.toString(), mode, String.valueOf(healAfter))
                .redirectError(dir.resolve("child-stderr.txt").toFile())
                .start();
        List<String> acknowledged = new ArrayList<>();
        int acks = 0;
        int fromFallback = 0;
        try (var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                // A line cut by the kill has no END marker and acknowledges nothing.
                if (line.startsWith("ACK ") && line.endsWith(" END")) {
                    String[] parts = line.split(" ");
                    if (parts[2].equals("FALLBACK")) {
                        fromFallback++;
                    }
                    acknowledged.addAll(Arrays.asList(parts[3].split(",")));
                    if (++acks == ACKS_BEFORE_KILL) {
                        // SIGKILL through the handle: Process.destroyForcibly would also close the pipe,
                        // and acknowledgements printed just before the kill must still be read.
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acks).as("acknowledgements read before the child died (see child-stderr.txt)")
                .isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return new Acknowledged(acknowledged, fromFallback);
    }

    private void assertEveryAcknowledgedRecordStoredOnceAfterRestart(List<String> acknowledged) {
        try (Engine engine = Engine.start(KillNineChild.settings(dir))) {
            Eventually.await("fallback files replayed", Duration.ofSeconds(60),
                    () -> engine.health().health().fallbackFiles() == 0);
            Map<String, Integer> stored = StoredRecords.idCounts(engine.store());
            // A list of the missing, not containsAll: AssertJ's containsAll scans the set once per id,
            // minutes for the tens of thousands of ids a loaded machine acknowledges before the kill.
            assertThat(acknowledged.stream().filter(id -> !stored.containsKey(id)).toList())
                    .as("acknowledged records missing after the restart").isEmpty();
            assertThat(stored.values()).as("no record stored twice").containsOnly(1);
        }
    }
}
