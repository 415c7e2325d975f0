package dev.pipelog.api;

import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.ingest.decode.GelfDecoder;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * {@code POST /gelf}: one GELF message per request, as Graylog's GELF HTTP input takes it; 202 with an
 * empty body once durable (Graylog's answer). A message the rules refuse is a 400 naming the reason.
 */
final class GelfEndpoint implements ProtocolEndpoint {
    private final GelfDecoder decoder;

    GelfEndpoint(long maxBodyBytes) {
        this.decoder = new GelfDecoder(maxBodyBytes);
    }

    @Override
    public Decoding prepare(HttpServerExchange exchange) {
        return decoder::decodeHttp;
    }

    @Override
    public void accepted(HttpServerExchange exchange, IntakeBatch batch, int accepted, List<Rejection> rejections) {
        if (!rejections.isEmpty()) {
            failed(exchange, new ApiError(400, "rejected", rejections.get(0).reason()));
            return;
        }
        exchange.setStatusCode(202);
        exchange.endExchange();
    }

    @Override
    public void failed(HttpServerExchange exchange, ApiError error) {
        Responses.error(exchange, error);
    }
}
