package dev.pipelog.api;

import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.decode.BodyTooLargeException;
import dev.pipelog.ingest.decode.IntakeContext;
import dev.pipelog.ingest.decode.MalformedBodyException;
import dev.pipelog.ingest.decode.ProtocolBody;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake path every shippers' protocol shares (OTLP, Seq, ...): the body is received without
 * blocking under the server's {@link BodyBudget}, decoded on a worker thread by the protocol's
 * decoder, submitted to the one Intake, and answered by the protocol's {@link ProtocolEndpoint} only
 * when the Intake says the records are durable. Same limits and guards as {@code POST /api/logs};
 * only the wire shapes differ.
 */
final class ProtocolIntakeHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolIntakeHandler.class);

    private final ProtocolEndpoint endpoint;
    private final Intake intake;
    private final OverloadCount overloads;
    private final long maxBodyBytes;
    private final BodyBudget budget;

    ProtocolIntakeHandler(ProtocolEndpoint endpoint, Intake intake, OverloadCount overloads, long maxBodyBytes,
                          BodyBudget budget) {
        this.endpoint = endpoint;
        this.intake = intake;
        this.overloads = overloads;
        this.maxBodyBytes = maxBodyBytes;
        this.budget = budget;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        // Counted by the request log like POST /api/logs instead of stored as a record per batch.
        exchange.putAttachment(RequestLoggingHandler.INTAKE_REQUEST, Boolean.TRUE);
        ProtocolEndpoint.Decoding decoding;
        boolean gzip;
        try {
            decoding = endpoint.prepare(exchange);
            gzip = gzip(exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING));
        } catch (ApiException e) {
            RequestBody.discard(exchange, () -> endpoint.failed(exchange, e.error()));
            return;
        }
        IntakeContext context = new IntakeContext(null, null, exchange.getAttachment(CorrelationIdHandler.KEY),
                exchange.getSourceAddress().getAddress().getHostAddress(), Instant.now());
        BodyBudget.Reservation reservation = budget.reservation();
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
                    ex.dispatch(() -> decodeAndSubmit(ex, decoding, new ProtocolBody(body, length, gzip), context,
                            reservation));
                },
                this::refused);
    }

    private void refused(HttpServerExchange exchange, Throwable why) {
        if (why instanceof BodyOverBudgetException) {
            overloads.count();
        } else if (why instanceof IOException && !(why instanceof BodyTooLargeException)) {
            LOG.debug("could not read a request body: {}", why.toString());
            endpoint.failed(exchange, ApiError.unreadableBody());
            return;
        }
        endpoint.failed(exchange, ExceptionMapper.toError(why, maxBodyBytes));
    }

    private void decodeAndSubmit(HttpServerExchange exchange, ProtocolEndpoint.Decoding decoding, ProtocolBody body,
                                 IntakeContext context, BodyBudget.Reservation reservation) {
        try {
            IntakeBatch batch = decoding.decode(body, context);
            CompletableFuture<IntakeResult> stored = intake.submit(batch);
            reservation.release();
            stored.whenComplete((result, error) -> exchange.getIoThread().execute(() -> {
                if (error != null) {
                    endpoint.failed(exchange, ExceptionMapper.toError(error, maxBodyBytes));
                } else {
                    answer(exchange, batch, result);
                }
            }));
        } catch (MalformedBodyException e) {
            endpoint.failed(exchange, new ApiError(400, "malformed_body", e.getMessage()));
        } catch (BodyTooLargeException e) {
            endpoint.failed(exchange, ExceptionMapper.bodyTooLarge(maxBodyBytes));
        } catch (RuntimeException e) {
            endpoint.failed(exchange, ExceptionMapper.toError(e, maxBodyBytes));
        }
    }

    private void answer(HttpServerExchange exchange, IntakeBatch batch, IntakeResult result) {
        if (result instanceof IntakeResult.Accepted a) {
            endpoint.accepted(exchange, batch, a.accepted(), List.of());
        } else if (result instanceof IntakeResult.PartiallyRejected p) {
            endpoint.accepted(exchange, batch, p.accepted(), p.rejections());
        } else if (result instanceof IntakeResult.Overloaded o) {
            overloads.count();
            endpoint.failed(exchange, ApiError.overloaded("Pipelog's write queue is full", o.retryAfter()));
        } else if (result instanceof IntakeResult.Unavailable u) {
            endpoint.failed(exchange, ApiError.nothingKept(u.reason(), u.retryAfter()));
        }
    }

    static boolean gzip(String encoding) {
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return false;
        }
        String e = encoding.strip().toLowerCase(Locale.ROOT);
        if (e.equals("gzip") || e.equals("x-gzip")) {
            return true;
        }
        throw new ApiException(415, "unsupported_encoding", "Content-Encoding " + encoding + " is not supported; use gzip");
    }

    /** The media type of a Content-Type header, lower case, without parameters; "" when absent. */
    static String mediaType(HttpServerExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        return type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }
}
