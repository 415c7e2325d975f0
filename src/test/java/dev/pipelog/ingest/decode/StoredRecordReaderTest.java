package dev.pipelog.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Fallback lines are read back under intake's rules (issue 10, finding 6: replay skipped them). */
class StoredRecordReaderTest {
    private final StoredRecordReader reader = new StoredRecordReader();

    private static final String LINE = "{\"id\":\"r1\",\"timestamp\":\"2026-11-28T10:15:30.123456Z\","
            + "\"received_at\":\"2026-11-28T10:15:31Z\",\"level\":\"INFO\",\"message\":\"%s\"%s}";

    @Test
    void everyFieldSurvivesALineRoundTrip() throws Exception {
        LogRecord r = LogRecord.builder().id("r1").timestamp(Instant.parse("2026-11-28T10:15:30.123456Z"))
                .receivedAt(Instant.parse("2026-11-28T10:15:31Z")).level(Level.ERROR).logger("dlt.load")
                .message("line one\nline \"two\" é").pipelineId("daily_sales").executionId("exec_1")
                .correlationId("c1").spanId("s2").parentSpanId("s1").module("load").function("run").line(42)
                .thread("MainThread").processId(1234L).host("etl-1").source("json")
                .extra("{\"rows\":10,\"nested\":{\"a\":[1,2]}}").stackTrace("Traceback...\n  File x").build();
        String line = RecordJson.toLine(r);
        assertThat(line).doesNotContain("\n").contains("\"pipeline_id\":\"daily_sales\"");
        assertThat(reader.read(line)).isEqualTo(r);
    }

    @Test
    void absentOptionalFieldsStayAbsent() throws Exception {
        LogRecord r = LogRecord.builder().id("r2").timestamp(Instant.parse("2026-11-28T10:00:00Z"))
                .receivedAt(Instant.parse("2026-11-28T10:00:00Z")).message("m").build();
        String line = RecordJson.toLine(r);
        assertThat(line).doesNotContain("extra").doesNotContain("line\"");
        assertThat(reader.read(line)).isEqualTo(r);
    }

    @Test
    void nulCharactersAreRemovedAsAtIntake() throws Exception {
        LogRecord r = reader.read(String.format(LINE, "a\\u0000b", ",\"logger\":\"x\\u0000y\""));
        assertThat(r.message()).isEqualTo("ab");
        assertThat(r.logger()).isEqualTo("xy");
    }

    @Test
    void aTwoMillionCharacterMessageIsCutAsAtIntake() throws Exception {
        LogRecord r = reader.read(String.format(LINE, "m".repeat(2_000_000), ""));
        assertThat(r.message()).hasSizeLessThan(1_100_000)
                .endsWith("… [cut by Pipelog: 2000000 characters in total]");
    }

    @Test
    void aLineNumberBeyondItsColumnIsRefusedInsteadOfWrappingAround() {
        assertThatThrownBy(() -> reader.read(String.format(LINE, "m", ",\"line\":100000000000000000000")))
                .isInstanceOf(RecordRejectedException.class).hasMessageContaining("line must be a whole number from");
    }

    @Test
    void textAfterTheJsonObjectRefusesTheLine() {
        assertThatThrownBy(() -> reader.read(String.format(LINE, "m", "") + " {\"id\":\"r9\"}"))
                .isInstanceOf(RecordRejectedException.class).hasMessageContaining("unexpected content after");
    }

    @Test
    void aTimestampOutsideTheStorableYearsIsRefused() {
        assertThatThrownBy(() -> reader.read(String.format(LINE, "m", "").replace("2026-11-28T10:15:30.123456Z",
                "+300000-01-01T00:00:00Z")))
                .isInstanceOf(RecordRejectedException.class).hasMessageContaining("out of range");
    }

    @Test
    void aTornLineOrOneWithoutItsServerFieldsIsRefused() {
        assertThatThrownBy(() -> reader.read("{\"id\":\"r1\",\"timest"))
                .isInstanceOf(RecordRejectedException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> reader.read("{\"id\":\"r1\"}"))
                .isInstanceOf(RecordRejectedException.class).hasMessageContaining("received_at");
        assertThatThrownBy(() -> reader.read("{\"received_at\":\"2026-11-28T10:15:31Z\"}"))
                .isInstanceOf(RecordRejectedException.class).hasMessageContaining("id");
    }
}
