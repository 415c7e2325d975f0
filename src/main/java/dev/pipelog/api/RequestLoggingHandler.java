package dev.pipelog.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipelog's own request log, under the pipeline id {@value #PIPELINE_ID}. Reads, cleanups and every
 * answer of 400 or more become one record each (method, path, status, duration, bytes, client and
 * correlation id; server errors at WARNING). An intake request answered 2xx is only counted in the
 * {@link IntakeRequestTally}: a one-record-per-request client would otherwise double what is stored and
 * pay a second commit per line, so each client gets a periodic summary record instead
 * ({@link ApiServer} drains the tally). With {@code storeRecords} off ({@code ENABLE_FLASK_LOGGING=false})
 * nothing is stored and intake requests are still counted for {@code /api/health}.
 * Records go through the same Intake as everything else, without waiting for it.
 */
final class RequestLoggingHandler implements HttpHandler {
    static final String PIPELINE_ID = "pipelog-http";
    /** Put on the exchange by every intake route (ApiRoutes), whatever its wire format. */
    static final AttachmentKey<Boolean> INTAKE_REQUEST = AttachmentKey.create(Boolean.class);
    private static final Logger LOG = LoggerFactory.getLogger(RequestLoggingHandler.class);

    private final HttpHandler next;
    private final Intake intake;
    private final IntakeRequestTally intakeRequests;
    private final boolean storeRecords;

    RequestLoggingHandler(HttpHandler next, Intake intake, IntakeRequestTally intakeRequests, boolean storeRecords) {
        this.next = next;
        this.intake = intake;
        this.intakeRequests = intakeRequests;
        this.storeRecords = storeRecords;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long started = System.nanoTime();
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            try {
                completed(ex, System.nanoTime() - started);
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    private void completed(HttpServerExchange ex, long nanos) {
        boolean intakeRequest = Boolean.TRUE.equals(ex.getAttachment(INTAKE_REQUEST));
        if (intakeRequest && ex.getStatusCode() < 400) {
            intakeRequests.answered(client(ex), ex.getRequestPath(), ex.getRequestContentLength(), nanos);
        } else if (storeRecords) {
            submit(ex, nanos);
        }
    }

    private void submit(HttpServerExchange ex, long nanos) {
        try {
            LogRecord record = record(ex, nanos);
            intake.submit(IntakeBatch.of(List.of(record))).whenComplete((result, error) -> {
                if (error != null) {
                    LOG.debug("request log record not stored", error);
                }
            });
        } catch (RuntimeException e) {
            // Logging a request must never fail the request; the cause is in Pipelog's own log.
            LOG.warn("request log record not submitted", e);
        }
    }

    private static String client(HttpServerExchange ex) {
        return ex.getSourceAddress() == null ? "unknown" : ex.getSourceAddress().getAddress().getHostAddress();
    }

    private static LogRecord record(HttpServerExchange ex, long nanos) {
        int status = ex.getStatusCode();
        String method = ex.getRequestMethod().toString();
        String path = ex.getRequestPath();
        Level level = status >= 500 ? Level.WARNING : Level.INFO;
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        String client = client(ex);
        ObjectNode extra = RecordJson.MAPPER.createObjectNode()
                .put("method", method)
                .put("path", path)
                .put("status", status)
                .put("duration_ms", millis)
                .put("bytes_in", Math.max(0, ex.getRequestContentLength()))
                .put("bytes_out", ex.getResponseBytesSent())
                .put("client", client);
        try {
            return LogRecord.builder()
                    .timestamp(Instant.now())
                    .level(level)
                    .logger("pipelog.http")
                    .message(method + " " + path + " " + status + " " + millis + " ms")
                    .pipelineId(PIPELINE_ID)
                    .correlationId(ex.getAttachment(CorrelationIdHandler.KEY))
                    .host(client)
                    .source("request-log")
                    .extra(RecordJson.MAPPER.writeValueAsString(extra))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a flat object of numbers and strings always serialises", e);
        }
    }
}
