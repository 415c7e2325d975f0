package dev.pipelog.resilience;

import static dev.pipelog.resilience.StoredRecords.batch;
import static dev.pipelog.resilience.StoredRecords.idCounts;
import static dev.pipelog.resilience.StoredRecords.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.IntakeResult.Destination;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.Health.BreakerState;
import dev.pipelog.model.LogRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, findings 1 and 6 behind intake: a record the store refuses is isolated from the records
 * written with it, and fallback files are replayed under intake's rules without any of them blocking
 * the ones behind it.
 */
class StrandedRecordsTest {
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static final Duration NO_SELF_POLL = Duration.ofHours(1);

    @TempDir
    Path dir;

    @Test
    void aRecordTheStoreRefusesIsQuarantinedAloneAndTheOtherClientsRecordsOfItsGroupAreStored() throws Exception {
        try (var rig = ResilienceRig.on(TestSettings.forDataDir(dir, Map.of()))) {
            // A record no decoder lets through any more, as a future decoder's bug might hand it over.
            LogRecord poisoned = batch("poison", 1).get(0).toBuilder()
                    .timestamp(Instant.parse("+300000-01-01T00:00:00Z")).build();
            List<LogRecord> other = batch("other", 800);
            rig.store.hold();
            List<CompletableFuture<IntakeResult>> answers = new ArrayList<>();
            answers.add(rig.intake.submit(IntakeBatch.withServerIds(List.of(poisoned))));
            for (int i = 0; i < 800; i += 160) {
                answers.add(rig.intake.submit(IntakeBatch.withServerIds(other.subList(i, i + 160))));
            }
            rig.store.release();

            for (CompletableFuture<IntakeResult> answer : answers) {
                assertThat(answer.join()).isInstanceOf(IntakeResult.Accepted.class)
                        .extracting(r -> ((IntakeResult.Accepted) r).destination()).isEqualTo(Destination.PRIMARY);
            }
            Eventually.await("the other client's 800 records stored", FIVE_SECONDS,
                    () -> idCounts(rig.store).keySet().containsAll(ids(other)));
            assertThat(idCounts(rig.store)).containsOnlyKeys(ids(other)).allSatisfy((id, n) -> assertThat(n).isOne());
            assertThat(rig.health().quarantinedRecords()).isOne();
            assertThat(rig.health().lastQuarantineReason()).contains(poisoned.id()).contains("+300000-01-01T00:00:00Z");
            assertThat(rig.health().breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(rig.health().fallbackFiles()).isZero();
            Path refused = onlyFile(rig.quarantine.directory(), "refused-", ".ndjson");
            assertThat(Files.readString(refused)).isEqualTo(RecordJson.toLine(poisoned) + "\n");
            assertThat(Files.readString(refused.resolveSibling(refused.getFileName() + ".reasons")))
                    .startsWith(poisoned.id() + ": ").contains("outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
        }
    }

    @Test
    void replayAppliesIntakesRulesAndKeepsEveryRefusedLineByteForByteWithoutBlockingTheFilesBehind() throws Exception {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        String good = line("good", t, "\"message\":\"fine\"");
        String withNul = line("nul", t, "\"message\":\"a\\u0000b\"");
        String huge = line("huge", t, "\"message\":\"" + "m".repeat(2_000_000) + "\"");
        String bigLine = line("big-line", t, "\"message\":\"x\",\"line\":100000000000000000000");
        String trailing = line("trailing", t, "\"message\":\"x\"") + " {\"id\":\"smuggled\"}";
        String farFuture = line("future", Instant.parse("+300000-01-01T00:00:00Z"), "\"message\":\"x\"");
        byte[] notUtf8 = new byte[4096];
        for (int i = 0; i < notUtf8.length; i++) {
            notUtf8[i] = (byte) (0x80 | (i % 0x40));
        }
        Path fallback = Files.createDirectories(dir.resolve("fallback"));
        var first = new ByteArrayOutputStream();
        for (String l : List.of(good, withNul, huge, bigLine, trailing, farFuture)) {
            first.write((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        first.write(notUtf8);
        first.write('\n');
        Files.write(fallback.resolve("fallback-000000000001.ndjson"), first.toByteArray());
        String behind = line("behind", t, "\"message\":\"the file behind\"");
        Files.writeString(fallback.resolve("fallback-000000000002.ndjson"), behind + "\n");

        try (var rig = new ResilienceRig(TestSettings.forDataDir(dir, Map.of()), 64 << 20, NO_SELF_POLL)) {
            Eventually.await("both fallback files replayed", Duration.ofSeconds(20), () -> rig.health().fallbackFiles() == 0);

            assertThat(idCounts(rig.store)).containsOnlyKeys("good", "nul", "huge", "behind");
            Map<String, LogRecord> stored = byId(rig);
            assertThat(stored.get("nul").message()).isEqualTo("ab");
            assertThat(stored.get("huge").message()).hasSizeLessThan(1_100_000)
                    .endsWith("[cut by Pipelog: 2000000 characters in total]");
            assertThat(rig.health().quarantinedLines()).isEqualTo(4);
            Path bad = fallback.resolve("quarantine/fallback-000000000001.ndjson.bad");
            var expected = new ByteArrayOutputStream();
            for (String l : List.of(bigLine, trailing, farFuture)) {
                expected.write((l + "\n").getBytes(StandardCharsets.UTF_8));
            }
            expected.write(notUtf8);
            expected.write('\n');
            assertThat(Files.readAllBytes(bad)).as("the quarantine keeps the original bytes exactly")
                    .isEqualTo(expected.toByteArray());
            assertThat(Files.readAllLines(bad.resolveSibling(bad.getFileName() + ".reasons"))).containsExactly(
                    "line 4: line must be a whole number from -2147483648 to 2147483647, was 100000000000000000000",
                    "line 5: unexpected content after the JSON object at column " + (trailing.indexOf(" {") + 3),
                    "line 6: timestamp \"+300000-01-01T00:00:00Z\" is out of range; accepted from 0001-01-01T00:00:00Z"
                            + " to 9999-12-31T23:59:59.999999Z",
                    "line 7: not valid UTF-8 (java.nio.charset.MalformedInputException: Input length = 1)");
        }
    }

    private static String line(String id, Instant timestamp, String fields) {
        return "{\"id\":\"" + id + "\",\"timestamp\":\"" + timestamp + "\",\"received_at\":\"2026-11-28T10:00:01Z\","
                + "\"level\":\"INFO\"," + fields + ",\"source\":\"json\"}";
    }

    private static Map<String, LogRecord> byId(ResilienceRig rig) {
        var query = dev.pipelog.model.LogQuery.builder().limit(100).build();
        Map<String, LogRecord> records = new java.util.HashMap<>();
        rig.store.find(query).items().forEach(r -> records.put(r.id(), r));
        return records;
    }

    private static Path onlyFile(Path directory, String prefix, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> matching = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(suffix)).toList();
            assertThat(matching).as(Arrays.toString(directory.toFile().list())).hasSize(1);
            return matching.get(0);
        }
    }
}
