package dev.pipelog.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.RecordJson;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * Answers as Elasticsearch gives them: {@code X-Elastic-Product: Elasticsearch} on every answer (the
 * official clients refuse a server without it) and the media-type family the request used (the
 * clients send {@code application/vnd.elasticsearch+json; compatible-with=9} and expect it back).
 */
final class ElasticResponses {
    static final String VERSION = "9.0.0";
    private static final HttpString PRODUCT = new HttpString("X-Elastic-Product");

    private ElasticResponses() {
    }

    static void send(HttpServerExchange exchange, int status, JsonNode body) {
        exchange.getResponseHeaders().put(PRODUCT, "Elasticsearch");
        byte[] bytes;
        try {
            bytes = RecordJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        Responses.bytes(exchange, status, contentType(exchange), bytes);
    }

    private static String contentType(HttpServerExchange exchange) {
        String sent = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
        if (sent == null) {
            sent = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        }
        if (sent != null && sent.contains("vnd.elasticsearch")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("compatible-with=(\\d+)").matcher(sent);
            return "application/vnd.elasticsearch+json; compatible-with=" + (m.find() ? m.group(1) : "9");
        }
        return "application/json";
    }

    /** Elasticsearch's error document. */
    static JsonNode error(int status, String type, String reason) {
        var root = RecordJson.MAPPER.createObjectNode();
        var error = root.putObject("error");
        error.putArray("root_cause").addObject().put("type", type).put("reason", reason);
        error.put("type", type).put("reason", reason);
        root.put("status", status);
        return root;
    }
}
