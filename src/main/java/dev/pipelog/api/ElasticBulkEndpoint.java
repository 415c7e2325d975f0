package dev.pipelog.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.ingest.decode.ElasticBulkDecoder;
import dev.pipelog.model.LogRecord;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /_bulk} and {@code POST /{index}/_bulk}: one item per action in the answer, 201 for each
 * stored document and the reason for each refused one, {@code errors: true} when any failed. The
 * answer goes out when the stored items are durable.
 */
final class ElasticBulkEndpoint implements ProtocolEndpoint {
    static final Set<String> PARAMETERS = Set.of("refresh", "pipeline", "routing", "timeout", "wait_for_active_shards",
            "filter_path", "require_alias");
    private static final AttachmentKey<ElasticBulkDecoder.Decoded> DECODED = AttachmentKey.create(ElasticBulkDecoder.Decoded.class);

    private final ElasticBulkDecoder decoder;

    ElasticBulkEndpoint(long maxBodyBytes) {
        this.decoder = new ElasticBulkDecoder(maxBodyBytes);
    }

    @Override
    public Decoding prepare(HttpServerExchange exchange) {
        Map<String, String> path = exchange.getAttachment(io.undertow.util.PathTemplateMatch.ATTACHMENT_KEY) == null
                ? Map.of() : exchange.getAttachment(io.undertow.util.PathTemplateMatch.ATTACHMENT_KEY).getParameters();
        String index = path.get("index");
        return (body, context) -> {
            ElasticBulkDecoder.Decoded decoded = decoder.decode(body, index, context);
            exchange.putAttachment(DECODED, decoded);
            return decoded.batch();
        };
    }

    @Override
    public void accepted(HttpServerExchange exchange, IntakeBatch batch, int accepted, List<Rejection> rejections) {
        ElasticBulkDecoder.Decoded decoded = exchange.getAttachment(DECODED);
        Map<Integer, String> refused = new HashMap<>();
        rejections.forEach(r -> refused.put(r.index(), r.reason()));
        Iterator<LogRecord> stored = batch.records().iterator();
        ObjectNode root = RecordJson.MAPPER.createObjectNode();
        root.put("took", 0);
        root.put("errors", !rejections.isEmpty());
        ArrayNode items = root.putArray("items");
        for (int i = 0; i < decoded.items().size(); i++) {
            ElasticBulkDecoder.Item item = decoded.items().get(i);
            ObjectNode result = items.addObject().putObject(item.action());
            result.put("_index", item.index() == null ? "" : item.index());
            String reason = refused.get(i);
            if (reason != null) {
                result.put("_id", item.id());
                result.put("status", 400);
                result.putObject("error").put("type", "document_parsing_exception").put("reason", reason);
            } else {
                result.put("_id", stored.next().id());
                result.put("_version", 1);
                result.put("result", "created");
                result.putObject("_shards").put("total", 1).put("successful", 1).put("failed", 0);
                result.put("_seq_no", i);
                result.put("_primary_term", 1);
                result.put("status", 201);
            }
        }
        ElasticResponses.send(exchange, 200, root);
    }

    @Override
    public void failed(HttpServerExchange exchange, ApiError error) {
        Responses.retryAfter(exchange, error);
        String type = error.status() == 429 ? "es_rejected_execution_exception"
                : error.status() == 503 ? "unavailable_shards_exception"
                : error.status() == 413 ? "content_too_long_exception" : "parse_exception";
        ElasticResponses.send(exchange, error.status(), ElasticResponses.error(error.status(), type, error.message()));
    }
}
