package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Locale;
import java.util.Map;

/**
 * One span as one record, so the correlation view shows real spans beside the logs of the same
 * trace: start time → timestamp, name → message and logger (the scope → extra {@code scope}), trace id → correlation_id, span and parent ids,
 * status ERROR → level ERROR (else INFO), duration → extra {@code duration_ms}, kind, status
 * message, events and links → extra; an {@code exception} event's stack trace → stack_trace.
 */
final class OtlpSpanMapper {
    private OtlpSpanMapper() {
    }

    static ObjectNode toWire(Span span, InstrumentationScope scope, Map<String, JsonNode> resource) {
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        String start = OtlpValues.time(span.getStartTimeUnixNano());
        if (start != null) {
            wire.put("timestamp", start);
        }
        boolean error = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
        wire.put("level", error ? "ERROR" : "INFO");
        wire.put("message", span.getName());
        // The correlation view labels a span by its records' logger: the span's name is what a trace
        // viewer shows there, so it is the logger and the instrumentation scope goes to extra.
        wire.put("logger", span.getName());
        if (!scope.getName().isEmpty()) {
            extra.put("scope", scope.getName());
        }
        if (!scope.getVersion().isEmpty()) {
            extra.put("scope_version", scope.getVersion());
        }
        putId(wire, "correlation_id", OtlpValues.hexId(span.getTraceId()));
        putId(wire, "span_id", OtlpValues.hexId(span.getSpanId()));
        putId(wire, "parent_span_id", OtlpValues.hexId(span.getParentSpanId()));
        if (span.getStartTimeUnixNano() != 0 && span.getEndTimeUnixNano() >= span.getStartTimeUnixNano()) {
            extra.put("duration_ms", (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6);
            extra.put("end_time", OtlpValues.time(span.getEndTimeUnixNano()));
        }
        if (span.getKind() != Span.SpanKind.SPAN_KIND_UNSPECIFIED && span.getKind() != Span.SpanKind.UNRECOGNIZED) {
            extra.put("span_kind", span.getKind().name().substring("SPAN_KIND_".length()).toLowerCase(Locale.ROOT));
        }
        if (span.getStatus().getCode() != Status.StatusCode.STATUS_CODE_UNSET) {
            extra.put("status", error ? "error" : "ok");
        }
        if (!span.getStatus().getMessage().isEmpty()) {
            extra.put("status_message", span.getStatus().getMessage());
        }
        events(span, wire, extra);
        if (span.getLinksCount() > 0) {
            ArrayNode links = extra.putArray("links");
            for (Span.Link link : span.getLinksList()) {
                ObjectNode l = links.addObject();
                l.put("trace_id", OtlpValues.hexId(link.getTraceId()));
                l.put("span_id", OtlpValues.hexId(link.getSpanId()));
                OtlpValues.attributes(link.getAttributesList()).forEach(l::set);
            }
        }
        OtlpResourceFields.apply(OtlpValues.attributes(span.getAttributesList()), resource, wire, extra);
        if (!extra.isEmpty()) {
            wire.set("extra", extra);
        }
        return wire;
    }

    private static void events(Span span, ObjectNode wire, ObjectNode extra) {
        if (span.getEventsCount() == 0) {
            return;
        }
        ArrayNode events = extra.putArray("events");
        for (Span.Event event : span.getEventsList()) {
            ObjectNode e = events.addObject();
            e.put("name", event.getName());
            e.put("time", OtlpValues.time(event.getTimeUnixNano()));
            Map<String, JsonNode> attributes = OtlpValues.attributes(event.getAttributesList());
            attributes.forEach(e::set);
            String stack = OtlpValues.text(attributes.get("exception.stacktrace"));
            if ("exception".equals(event.getName()) && stack != null && !wire.has("stack_trace")) {
                wire.put("stack_trace", stack);
            }
        }
    }

    private static void putId(ObjectNode wire, String field, String hex) {
        if (hex != null) {
            wire.put(field, hex);
        }
    }
}
