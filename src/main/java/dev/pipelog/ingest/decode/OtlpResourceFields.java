package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The mapping OTLP logs and spans share: attributes (the item's own first, then its resource's) onto
 * record fields by the OpenTelemetry semantic conventions, the rest into extra. An item's own
 * attributes go to extra under their names; resource attributes under {@code extra.resource}.
 *
 * <ul>
 *   <li>pipeline_id: {@code pipeline.id} or {@code pipeline_id}, else the resource's {@code service.name};</li>
 *   <li>execution_id: {@code execution.id} / {@code execution_id};</li>
 *   <li>module: {@code code.namespace}, else {@code code.filepath} / {@code code.file.path};
 *       function: {@code code.function} / {@code code.function.name}; line: {@code code.lineno} /
 *       {@code code.line.number};</li>
 *   <li>stack_trace: {@code exception.stacktrace}, else {@code exception.type: exception.message};</li>
 *   <li>thread: {@code thread.name}, else {@code thread.id}; process_id: {@code process.pid};
 *       host: {@code host.name}.</li>
 * </ul>
 */
final class OtlpResourceFields {
    private OtlpResourceFields() {
    }

    static void apply(Map<String, JsonNode> own, Map<String, JsonNode> resource, ObjectNode wire, ObjectNode extra) {
        Map<String, JsonNode> ownLeft = new java.util.LinkedHashMap<>(own);
        Map<String, JsonNode> resourceLeft = new java.util.LinkedHashMap<>(resource);
        Map<String, JsonNode> both = new HashMap<>(resource);
        both.putAll(own);

        String pipeline = first(both, "pipeline.id", "pipeline_id");
        if (pipeline == null) {
            pipeline = OtlpValues.text(resource.get("service.name"));
        } else {
            consume(ownLeft, resourceLeft, "pipeline.id", "pipeline_id");
        }
        put(wire, "pipeline_id", pipeline);
        put(wire, "execution_id", take(both, ownLeft, resourceLeft, "execution.id", "execution_id"));
        String namespace = take(both, ownLeft, resourceLeft, "code.namespace");
        String file = take(both, ownLeft, resourceLeft, "code.filepath", "code.file.path");
        put(wire, "module", namespace != null ? namespace : file);
        if (namespace != null && file != null) {
            extra.put("code.filepath", file);
        }
        put(wire, "function", take(both, ownLeft, resourceLeft, "code.function", "code.function.name"));
        put(wire, "line", take(both, ownLeft, resourceLeft, "code.lineno", "code.line.number"));
        String stack = take(both, ownLeft, resourceLeft, "exception.stacktrace");
        String type = take(both, ownLeft, resourceLeft, "exception.type");
        String message = take(both, ownLeft, resourceLeft, "exception.message");
        if (stack == null && (type != null || message != null)) {
            stack = type == null ? message : message == null ? type : type + ": " + message;
        } else if (stack != null && type != null) {
            extra.put("exception.type", type);
        }
        put(wire, "stack_trace", stack);
        String thread = take(both, ownLeft, resourceLeft, "thread.name");
        String threadId = take(both, ownLeft, resourceLeft, "thread.id");
        put(wire, "thread", thread != null ? thread : threadId);
        put(wire, "process_id", take(both, ownLeft, resourceLeft, "process.pid"));
        put(wire, "host", take(both, ownLeft, resourceLeft, "host.name"));

        ownLeft.forEach(extra::set);
        if (!resourceLeft.isEmpty()) {
            ObjectNode r = JsonNodeFactory.instance.objectNode();
            resourceLeft.forEach(r::set);
            extra.set("resource", r);
        }
    }

    private static String first(Map<String, JsonNode> attributes, String... names) {
        for (String n : names) {
            String v = OtlpValues.text(attributes.get(n));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The first of {@code names} present (own attributes win), removed from what goes to extra. */
    private static String take(Map<String, JsonNode> both, Map<String, JsonNode> ownLeft,
                               Map<String, JsonNode> resourceLeft, String... names) {
        String v = first(both, names);
        if (v != null) {
            consume(ownLeft, resourceLeft, names);
        }
        return v;
    }

    private static void consume(Map<String, JsonNode> ownLeft, Map<String, JsonNode> resourceLeft, String... names) {
        for (String n : names) {
            if (OtlpValues.text(ownLeft.get(n)) != null) {
                ownLeft.remove(n);
            }
            if (OtlpValues.text(resourceLeft.get(n)) != null) {
                resourceLeft.remove(n);
            }
        }
    }

    private static void put(ObjectNode wire, String field, String value) {
        if (value != null) {
            wire.put(field, value);
        }
    }
}
