package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OTLP's {@code AnyValue} and attribute lists as JSON values, and ids as the lowercase hex OTLP prints. */
final class OtlpValues {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private OtlpValues() {
    }

    static JsonNode json(AnyValue v) {
        switch (v.getValueCase()) {
            case STRING_VALUE: return JSON.textNode(v.getStringValue());
            case BOOL_VALUE: return JSON.booleanNode(v.getBoolValue());
            case INT_VALUE: return JSON.numberNode(v.getIntValue());
            case DOUBLE_VALUE: return JSON.numberNode(v.getDoubleValue());
            case BYTES_VALUE: return JSON.textNode(Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
            case ARRAY_VALUE: {
                ArrayNode a = JSON.arrayNode();
                v.getArrayValue().getValuesList().forEach(e -> a.add(json(e)));
                return a;
            }
            case KVLIST_VALUE: {
                ObjectNode o = JSON.objectNode();
                v.getKvlistValue().getValuesList().forEach(kv -> o.set(kv.getKey(), json(kv.getValue())));
                return o;
            }
            default: return JSON.nullNode();
        }
    }

    /** Attributes in their order; a repeated key keeps its last value. */
    static Map<String, JsonNode> attributes(List<KeyValue> attributes) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (KeyValue kv : attributes) {
            out.put(kv.getKey(), json(kv.getValue()));
        }
        return out;
    }

    /** Lowercase hex; null for an absent (empty or all-zero) id. */
    static String hexId(ByteString id) {
        if (id.isEmpty()) {
            return null;
        }
        for (int i = 0; i < id.size(); i++) {
            if (id.byteAt(i) != 0) {
                return HEX.formatHex(id.toByteArray());
            }
        }
        return null;
    }

    /** An OTLP nanosecond timestamp as ISO-8601; null for 0 (unset). */
    static String time(long unixNanos) {
        return unixNanos == 0 ? null
                : java.time.Instant.ofEpochSecond(Math.floorDiv(unixNanos, 1_000_000_000L),
                Math.floorMod(unixNanos, 1_000_000_000L)).toString();
    }

    /** Text of a scalar attribute (numbers as written); null when absent or not a scalar. */
    static String text(JsonNode v) {
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
    }
}
