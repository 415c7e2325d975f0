package dev.pipelog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    @Test
    void everyFieldSurvivesALineRoundTrip() {
        LogRecord r = LogRecord.builder().id("r1").timestamp(Instant.parse("2026-11-28T10:15:30.123456Z"))
                .receivedAt(Instant.parse("2026-11-28T10:15:31Z")).level(Level.ERROR).logger("dlt.load")
                .message("line one\nline \"two\" \u0000 é").pipelineId("daily_sales").executionId("exec_1")
                .correlationId("c1").spanId("s2").parentSpanId("s1").module("load").function("run").line(42)
                .thread("MainThread").processId(1234L).host("etl-1").source("json")
                .extra("{\"rows\":10,\"nested\":{\"a\":[1,2]}}").stackTrace("Traceback...\n  File x").build();
        String line = RecordJson.toLine(r);
        assertThat(line).doesNotContain("\n").contains("\"pipeline_id\":\"daily_sales\"");
        assertThat(RecordJson.readLine(line)).isEqualTo(r);
    }

    @Test
    void absentOptionalFieldsStayAbsent() {
        LogRecord r = LogRecord.builder().id("r2").timestamp(Instant.parse("2026-11-28T10:00:00Z"))
                .receivedAt(Instant.parse("2026-11-28T10:00:00Z")).message("m").build();
        String line = RecordJson.toLine(r);
        assertThat(line).doesNotContain("extra").doesNotContain("line\"");
        assertThat(RecordJson.readLine(line)).isEqualTo(r);
    }

    @Test
    void aTornLineIsRefused() {
        assertThatThrownBy(() -> RecordJson.readLine("{\"id\":\"r1\",\"timest"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordJson.readLine("{\"id\":\"r1\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp");
    }
}
