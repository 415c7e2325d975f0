package dev.pipelog.app.capture;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.pipelog.ingest.IngestMetrics;
import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.model.LogRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Captures Pipelog's own logs into its store: a Logback appender on the root logger fills a
 * bounded buffer, and one flusher thread submits it through the intake like any other source.
 * Under pressure (a full buffer, an overloaded intake) DEBUG is shed first; everything shed or
 * refused is counted in the metrics' shed count.
 *
 * <p>Thread-safe. {@link #close()} detaches the appender and submits what is left.
 */
public final class LogCapture implements AutoCloseable {
    public static final String PIPELINE_ID = "pipelog";
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LogCapture.class);
    private static final int BUFFER_CAPACITY = 10_000;
    private static final int MAX_BATCH = 1_000;
    private static final long FLUSH_MILLIS = 200;

    private final Intake intake;
    private final IngestMetrics metrics;
    private final CaptureBuffer buffer;
    private final CaptureAppender appender;
    private final Logger root;
    private final Thread flusher;
    private volatile boolean closing;

    private LogCapture(Intake intake, IngestMetrics metrics, Logger root) {
        this.intake = intake;
        this.metrics = metrics;
        this.root = root;
        this.buffer = new CaptureBuffer(BUFFER_CAPACITY, metrics);
        this.appender = new CaptureAppender(buffer, hostName());
        this.flusher = new Thread(this::flushLoop, "pipelog-capture");
        flusher.setDaemon(true);
    }

    /**
     * Sets the root level of Pipelog's logs ({@code LOG_LEVEL}) and starts capturing them into the
     * intake. Without Logback as the SLF4J backend, logs are left alone and nothing is captured.
     */
    public static LogCapture install(Intake intake, IngestMetrics metrics, String rootLevel) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            LOG.warn("SLF4J is not bound to Logback ({}); Pipelog's own logs are not captured", factory.getClass());
            return new LogCapture(intake, metrics, null);
        }
        LoggerContext context = (LoggerContext) factory;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.toLevel(rootLevel, ch.qos.logback.classic.Level.INFO));
        var capture = new LogCapture(intake, metrics, root);
        capture.appender.setContext(context);
        capture.appender.start();
        root.addAppender(capture.appender);
        capture.flusher.start();
        return capture;
    }

    /** Stops capturing, then submits what the buffer still holds and waits for it. Idempotent. */
    @Override
    public void close() {
        if (root == null || closing) {
            return;
        }
        root.detachAppender(appender);
        appender.stop();
        closing = true;
        try {
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void flushLoop() {
        while (true) {
            List<LogRecord> batch;
            try {
                batch = closing ? buffer.drain(MAX_BATCH) : buffer.take(MAX_BATCH, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch.isEmpty()) {
                if (closing) {
                    return;
                }
                continue;
            }
            submit(batch);
        }
    }

    /** Submits one batch; an overloaded intake is waited out (the buffer sheds meanwhile), unavailability is counted. */
    private void submit(List<LogRecord> batch) {
        try {
            while (true) {
                IntakeResult result = intake.submit(IntakeBatch.withServerIds(batch)).get();
                if (result instanceof IntakeResult.Overloaded && !closing) {
                    Thread.sleep(((IntakeResult.Overloaded) result).retryAfter().toMillis());
                    continue;
                }
                if (result instanceof IntakeResult.Overloaded || result instanceof IntakeResult.Unavailable) {
                    metrics.shed(batch.size());
                    LOG.warn("{} of Pipelog's own log records could not be stored and were shed: {}",
                            batch.size(), result);
                }
                return;
            }
        } catch (InterruptedException e) {
            metrics.shed(batch.size());
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            metrics.shed(batch.size());
            LOG.error("Submitting Pipelog's own log records failed", e.getCause());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
