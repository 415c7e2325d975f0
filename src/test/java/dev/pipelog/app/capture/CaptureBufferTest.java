package dev.pipelog.app.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.IngestMetrics;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CaptureBufferTest {

    @Test
    void underPressureDebugIsShedFirstThenEverythingAndAllOfItIsCounted() throws Exception {
        var metrics = new IngestMetrics();
        var buffer = new CaptureBuffer(8, metrics);
        for (int i = 0; i < 6; i++) {
            buffer.offer(record(Level.INFO, "info " + i));
        }

        buffer.offer(record(Level.DEBUG, "debug shed at three quarters"));
        buffer.offer(record(Level.TRACE, "trace shed too"));
        buffer.offer(record(Level.WARNING, "warning kept"));
        buffer.offer(record(Level.ERROR, "error kept"));
        buffer.offer(record(Level.ERROR, "error shed: full"));

        List<LogRecord> kept = buffer.take(100, 1, TimeUnit.SECONDS);
        assertThat(kept).extracting(LogRecord::message).hasSize(8).contains("warning kept", "error kept")
                .doesNotContain("debug shed at three quarters", "trace shed too", "error shed: full");
        assertThat(metrics.shedCount()).isEqualTo(3);
    }

    private static LogRecord record(Level level, String message) {
        return LogRecord.builder().level(level).message(message).pipelineId(LogCapture.PIPELINE_ID).build();
    }
}
