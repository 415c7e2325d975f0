package dev.pipelog.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.PipelineSettingsService;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.CleanupRequest;
import dev.pipelog.model.CleanupResult;
import dev.pipelog.store.LogStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code POST /api/logs/cleanup}. Only {@code application/json} is accepted: a web page cannot send
 * that cross-site without a CORS preflight, so no page can wipe logs. Unknown body fields are
 * refused, so a misspelt filter never widens a delete. Per-pipeline retention comes from the
 * pipeline settings.
 */
final class CleanupHandler implements HttpHandler {
    static final Set<String> PARAMETERS = Set.of();
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Set<String> FIELDS = Set.of("older_than_days", "pipeline_id", "keep_last_per_pipeline",
            "apply_retention", "dry_run");

    private final LogStore store;
    private final PipelineSettingsService pipelineSettings;

    CleanupHandler(LogStore store, PipelineSettingsService pipelineSettings) {
        this.store = store;
        this.pipelineSettings = pipelineSettings;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        new Params(exchange, PARAMETERS);
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "cleanup takes a JSON body with Content-Type: application/json");
        }
        byte[] body = readBody(exchange);
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "body_too_large", "a cleanup request is a small JSON object");
        }
        CleanupRequest request = request(body);
        CleanupResult result = store.cleanup(request, pipelineSettings.all());
        Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            if (result.dryRun()) {
                g.writeNumberField("would_delete", result.records());
            } else {
                g.writeNumberField("deleted", result.records());
                g.writeNumberField("reclaimed_bytes", result.reclaimedBytes());
            }
            g.writeEndObject();
        });
    }

    /** At most one byte past the limit. A client cut off mid-body ({@link BodyIdleHandler}) gets a 400 nobody reads. */
    private static byte[] readBody(HttpServerExchange exchange) throws IOException {
        exchange.startBlocking();
        try {
            return exchange.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            if (exchange.getConnection().isOpen()) {
                throw e;
            }
            // Undertow's stream fails with an IOException or an NPE once its connection is closed; not our failure.
            throw new ApiException(400, "unreadable_request", "the request could not be read to its end");
        }
    }

    private static CleanupRequest request(byte[] body) {
        JsonNode node;
        try {
            node = RecordJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed_body", "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiException(400, "malformed_body", "the body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(400, "malformed_body", "the body must be a JSON object such as {\"older_than_days\": 30}");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ApiException(ApiError.badParameter(name, "unknown field; accepted: " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS))));
            }
        }
        try {
            return new CleanupRequest(
                    wholeNumber(node, "older_than_days"),
                    text(node, "pipeline_id"),
                    wholeNumber(node, "keep_last_per_pipeline"),
                    flag(node, "apply_retention"),
                    flag(node, "dry_run"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_body", e.getMessage());
        }
    }

    private static Integer wholeNumber(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ApiException(ApiError.badParameter(name, "must be a whole number"));
        }
        return v.intValue();
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new ApiException(ApiError.badParameter(name, "must be a non-empty string"));
        }
        return v.textValue();
    }

    private static boolean flag(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new ApiException(ApiError.badParameter(name, "must be true or false"));
        }
        return v.booleanValue();
    }
}
