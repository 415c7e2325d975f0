package dev.pipelog.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Set;

/** {@code GET /api/openapi.json}: the OpenAPI 3 description shipped in the jar (checked against the routes by a test). */
final class OpenApiHandler implements HttpHandler {
    static final String RESOURCE = "/dev/pipelog/api/openapi.json";
    static final Set<String> PARAMETERS = Set.of();

    private final byte[] document;

    OpenApiHandler() {
        this.document = load();
    }

    static byte[] load() {
        try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        new Params(exchange, PARAMETERS);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(document));
    }
}
