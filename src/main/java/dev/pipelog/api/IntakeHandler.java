package dev.pipelog.api;

import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.ingest.decode.BodyDecoder;
import dev.pipelog.ingest.decode.BodyTooLargeException;
import dev.pipelog.ingest.decode.IntakeContext;
import dev.pipelog.ingest.decode.MalformedBodyException;
import dev.pipelog.ingest.decode.WireFormat;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/logs}. The body is received without blocking, decoded (on the IO thread when it
 * is small, else on a worker thread) and submitted to the Intake; the 202 goes out only when the Intake's future says the records are
 * durable. No thread waits for that: the answer is written from the IO thread when the future completes.
 *
 * <p>The body (and, for gzip, its decoded size) is held under the server's {@link BodyBudget} from
 * the first byte until the Intake has the batch; a body that does not fit is answered 429.
 */
final class IntakeHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeHandler.class);
    private static final HttpString PIPELINE_HEADER = new HttpString("X-Pipeline-Id");
    private static final HttpString EXECUTION_HEADER = new HttpString("X-Execution-Id");
    private static final int MAX_ID_HEADER_CHARS = 1024;
    /**
     * A plain body up to this size is decoded on the IO thread that read it: a few records take
     * microseconds, less than handing the exchange to a worker thread and back, which on a busy
     * machine costs a scheduling delay each way. Larger or gzip bodies go to a worker.
     */
    static final int DECODE_ON_IO_THREAD_BYTES = 8 * 1024;

    private final Intake intake;
    private final OverloadCount overloads;
    private final BodyDecoder decoder;
    private final long maxBodyBytes;
    private final BodyBudget budget;

    IntakeHandler(Intake intake, OverloadCount overloads, long maxBodyBytes, BodyBudget budget) {
        this.intake = intake;
        this.overloads = overloads;
        this.decoder = new BodyDecoder(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
        this.budget = budget;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        WireFormat format = WireFormat.forContentType(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))
                .orElseThrow(() -> new ApiException(415, "unsupported_media_type", "send application/json (an object"
                        + " or an array), application/x-ndjson, or application/x-www-form-urlencoded (Python HTTPHandler)"));
        boolean gzip = gzip(exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING));
        IntakeContext context = new IntakeContext(
                header(exchange, PIPELINE_HEADER), header(exchange, EXECUTION_HEADER),
                exchange.getAttachment(CorrelationIdHandler.KEY),
                exchange.getSourceAddress().getAddress().getHostAddress(), Instant.now());
        BodyBudget.Reservation reservation = budget.reservation(exchange.getSourceAddress().getAddress());
        // However the exchange ends (answer, error, client gone), the bytes go back to the budget.
        exchange.addExchangeCompleteListener((ex, next) -> {
            reservation.release();
            next.proceed();
        });
        RequestBody.read(exchange, maxBodyBytes, reservation,
                (ex, body, length) -> {
                    if (gzip && !reservation.grow(GzipTrailer.decodedSize(body, length, maxBodyBytes))) {
                        refused(ex, new BodyOverBudgetException());
                        return;
                    }
                    if (!gzip && length <= DECODE_ON_IO_THREAD_BYTES) {
                        // Dispatched to the same thread, so Undertow does not end the exchange when this returns.
                        ex.dispatch(SameThreadExecutor.INSTANCE,
                                () -> decodeAndSubmit(ex, body, length, false, format, context, reservation));
                    } else {
                        ex.dispatch(() -> decodeAndSubmit(ex, body, length, gzip, format, context, reservation));
                    }
                },
                this::refused);
    }

    /** The body could not be taken: no room for it, too large, or the client went away mid-body. */
    private void refused(HttpServerExchange exchange, Throwable why) {
        if (why instanceof BodyOverBudgetException) {
            overloads.count();
        } else if (why instanceof IOException && !(why instanceof BodyTooLargeException)) {
            LOG.debug("could not read a request body: {}", why.toString());
            Responses.error(exchange, ApiError.unreadableBody());
            return;
        }
        Responses.error(exchange, ExceptionMapper.toError(why, maxBodyBytes));
    }

    private void decodeAndSubmit(HttpServerExchange exchange, byte[] body, int length, boolean gzip,
                                 WireFormat format, IntakeContext context, BodyBudget.Reservation reservation) {
        try {
            IntakeBatch batch = decoder.decode(body, length, gzip, format, context);
            CompletableFuture<IntakeResult> stored = intake.submit(batch);
            // The queue bounds its records by heap from here on; the body itself is garbage.
            reservation.release();
            if (stored.isDone()) {
                // Nothing to wait for (all records dropped by policy, overloaded, shutting down).
                answer(exchange, stored.join());
                return;
            }
            stored.whenComplete((result, error) -> exchange.getIoThread().execute(() -> {
                if (error != null) {
                    Responses.error(exchange, ExceptionMapper.toError(error, maxBodyBytes));
                } else {
                    answer(exchange, result);
                }
            }));
        } catch (MalformedBodyException e) {
            Responses.error(exchange, new ApiError(400, "malformed_body", e.getMessage()));
        } catch (BodyTooLargeException e) {
            Responses.error(exchange, ExceptionMapper.bodyTooLarge(maxBodyBytes));
        } catch (RuntimeException e) {
            Responses.error(exchange, ExceptionMapper.toError(e, maxBodyBytes));
        }
    }

    private void answer(HttpServerExchange exchange, IntakeResult result) {
        if (result instanceof IntakeResult.Accepted a) {
            accepted(exchange, a.accepted(), a.droppedByPolicy(), List.of());
        } else if (result instanceof IntakeResult.PartiallyRejected p) {
            accepted(exchange, p.accepted(), p.droppedByPolicy(), p.rejections());
        } else if (result instanceof IntakeResult.Overloaded o) {
            overloads.count();
            Responses.error(exchange, ApiError.overloaded("Pipelog's write queue is full", o.retryAfter()));
        } else if (result instanceof IntakeResult.Unavailable u) {
            Responses.error(exchange, ApiError.nothingKept(u.reason(), u.retryAfter()));
        }
    }

    private static void accepted(HttpServerExchange exchange, int accepted, int dropped, List<Rejection> rejections) {
        Responses.json(exchange, 202, g -> {
            g.writeStartObject();
            g.writeNumberField("accepted", accepted);
            g.writeNumberField("rejected", rejections.size());
            if (dropped > 0) {
                g.writeNumberField("dropped_by_policy", dropped);
            }
            g.writeArrayFieldStart("errors");
            for (Rejection r : rejections) {
                g.writeStartObject();
                g.writeNumberField("index", r.index());
                g.writeStringField("reason", r.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static boolean gzip(String encoding) {
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return false;
        }
        String e = encoding.strip().toLowerCase(Locale.ROOT);
        if (e.equals("gzip") || e.equals("x-gzip")) {
            return true;
        }
        throw new ApiException(415, "unsupported_encoding", "Content-Encoding " + encoding + " is not supported; use gzip");
    }

    private static String header(HttpServerExchange exchange, HttpString name) {
        String v = exchange.getRequestHeaders().getFirst(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > MAX_ID_HEADER_CHARS) {
            throw new ApiException(ApiError.badParameter(name.toString(), "longer than " + MAX_ID_HEADER_CHARS + " characters"));
        }
        return v.strip();
    }
}
