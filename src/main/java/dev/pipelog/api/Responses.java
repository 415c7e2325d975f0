package dev.pipelog.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pipelog.ingest.RecordJson;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Writes JSON responses. Bodies are built in memory first so a failure half-way never sends half a document. */
final class Responses {
    private static final String JSON = "application/json";

    private Responses() {
    }

    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    static void json(HttpServerExchange exchange, int status, JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = RecordJson.MAPPER.getFactory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        send(exchange, status, out.toByteArray());
    }

    static void error(HttpServerExchange exchange, ApiError error) {
        if (exchange.isResponseStarted()) {
            // Headers are gone: the only honest signal left is to cut the connection.
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().remove(Headers.CONTENT_ENCODING);
        retryAfter(exchange, error);
        if (error.status() == 401) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
        }
        json(exchange, error.status(), g -> {
            g.writeStartObject();
            g.writeStringField("error", error.code());
            g.writeStringField("message", error.message());
            g.writeEndObject();
        });
    }

    /** Sets Retry-After (whole seconds, at least 1) when the error invites a retry. */
    static void retryAfter(HttpServerExchange exchange, ApiError error) {
        if (error.retryAfter() != null) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER,
                    Long.toString(Math.max(1, (error.retryAfter().toMillis() + 999) / 1000)));
        }
    }

    /** A body of any type (the shippers' protocols answer in their own media types). */
    static void bytes(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.setResponseContentLength(body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static void send(HttpServerExchange exchange, int status, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
        exchange.setResponseContentLength(body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
