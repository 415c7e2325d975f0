package dev.pipelog.app.capture;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.RecordIds;
import java.time.Instant;
import java.util.Set;

/**
 * Turns Pipelog's own SLF4J events into records of pipeline {@value LogCapture#PIPELINE_ID}.
 *
 * <p>Events logged by the threads that store records (the intake writer, the replayer, the capture
 * flusher) are not captured: storing them would make records about storing records, and a failing
 * store would feed itself. They still reach the console.
 *
 * <p>Thread-safe: called concurrently by every logging thread; it only converts and hands over.
 */
final class CaptureAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final Set<String> STORAGE_THREADS = Set.of("pipelog-writer", "pipelog-replay", "pipelog-capture");

    private final CaptureBuffer buffer;
    private final String host;
    private final long processId;

    CaptureAppender(CaptureBuffer buffer, String host) {
        this.buffer = buffer;
        this.host = host;
        this.processId = ProcessHandle.current().pid();
        setName("PIPELOG_CAPTURE");
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (STORAGE_THREADS.contains(event.getThreadName())) {
            return;
        }
        buffer.offer(toRecord(event));
    }

    private LogRecord toRecord(ILoggingEvent event) {
        Instant now = Instant.now();
        IThrowableProxy thrown = event.getThrowableProxy();
        return LogRecord.builder()
                .id(RecordIds.next())
                .timestamp(event.getInstant() != null ? event.getInstant() : now)
                .receivedAt(now)
                .level(level(event.getLevel()))
                .logger(event.getLoggerName())
                .message(event.getFormattedMessage())
                .pipelineId(LogCapture.PIPELINE_ID)
                .thread(event.getThreadName())
                .processId(processId)
                .host(host)
                .source(LogCapture.PIPELINE_ID)
                .stackTrace(thrown == null ? null : ThrowableProxyUtil.asString(thrown))
                .build();
    }

    private static Level level(ch.qos.logback.classic.Level level) {
        switch (level.toInt()) {
            case ch.qos.logback.classic.Level.ERROR_INT:
                return Level.ERROR;
            case ch.qos.logback.classic.Level.WARN_INT:
                return Level.WARNING;
            case ch.qos.logback.classic.Level.INFO_INT:
                return Level.INFO;
            case ch.qos.logback.classic.Level.DEBUG_INT:
                return Level.DEBUG;
            default:
                return Level.TRACE;
        }
    }
}
