package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * OTLP/JSON differs from protobuf's canonical JSON in one way that matters: trace and span ids are
 * hex, not base64. This rewrites them in place so protobuf's own {@code JsonFormat} reads the rest.
 */
final class OtlpJsonIds {
    private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId",
            "trace_id", "span_id", "parent_span_id");

    private OtlpJsonIds() {
    }

    static void toProtobufJson(JsonNode node) {
        if (node.isArray()) {
            node.forEach(OtlpJsonIds::toProtobufJson);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (ID_FIELDS.contains(e.getKey()) && v.isTextual()) {
                e.setValue(object.textNode(base64(v.textValue(), e.getKey())));
            } else if (v.isContainerNode()) {
                toProtobufJson(v);
            }
        }
    }

    private static String base64(String hex, String field) {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " \"" + (hex.length() > 40 ? hex.substring(0, 40) + "…" : hex)
                    + "\" is not hex, as OTLP/JSON requires", e);
        }
    }
}
