package dev.pipelog.api;

import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.ingest.decode.BodyTooLargeException;
import dev.pipelog.ingest.decode.IntakeContext;
import dev.pipelog.ingest.decode.MalformedBodyException;
import dev.pipelog.ingest.decode.ProtocolBody;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * What one shippers' protocol adds to the common intake path of {@link ProtocolIntakeHandler}: how
 * its request is read and how it says success and failure, in the shape its clients count on.
 */
interface ProtocolEndpoint {

    /** Decodes one body into records; runs on a worker thread. */
    @FunctionalInterface
    interface Decoding {
        IntakeBatch decode(ProtocolBody body, IntakeContext context) throws MalformedBodyException, BodyTooLargeException;
    }

    /**
     * Looks at the request line and headers before the body is read.
     *
     * @throws ApiException a content type or parameter this protocol cannot take (answered at once)
     */
    Decoding prepare(HttpServerExchange exchange);

    /**
     * The records of {@code batch} are durable ({@code rejections} lists those that were not kept,
     * and why; {@code accepted} also counts records dropped by a pipeline's minimum level).
     */
    void accepted(HttpServerExchange exchange, IntakeBatch batch, int accepted, List<Rejection> rejections);

    /** Anything else, in the protocol's own error shape with {@code error}'s status and Retry-After. */
    void failed(HttpServerExchange exchange, ApiError error);
}
