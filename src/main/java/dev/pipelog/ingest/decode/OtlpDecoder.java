package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.RecordJson;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.Map;

/**
 * Decodes OTLP/HTTP export requests (logs and traces, protobuf or JSON, gzip or not) with the
 * published OpenTelemetry protobuf classes, and maps each log record or span onto a wire record
 * for the one normaliser. The mapping is in {@code docs/intake/otlp.md}. Rejection indexes count
 * log records (or spans) across the whole request from 0. Thread-safe.
 */
public final class OtlpDecoder {
    /** The two encodings OTLP/HTTP defines. */
    public enum Encoding { PROTOBUF, JSON }

    private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final long maxBodyBytes;

    public OtlpDecoder(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public IntakeBatch decodeLogs(ProtocolBody body, Encoding encoding, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        read(body, encoding, request);
        WireRecords out = new WireRecords(context, WireFormat.OTLP_LOGS);
        int index = 0;
        for (ResourceLogs rl : request.getResourceLogsList()) {
            Map<String, JsonNode> resource = OtlpValues.attributes(rl.getResource().getAttributesList());
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord log : sl.getLogRecordsList()) {
                    out.add(log(log, sl.getScope(), resource), index++);
                }
            }
        }
        return out.batch();
    }

    public IntakeBatch decodeTraces(ProtocolBody body, Encoding encoding, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        read(body, encoding, request);
        WireRecords out = new WireRecords(context, WireFormat.OTLP_TRACES);
        int index = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            Map<String, JsonNode> resource = OtlpValues.attributes(rs.getResource().getAttributesList());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    out.add(OtlpSpanMapper.toWire(span, ss.getScope(), resource), index++);
                }
            }
        }
        return out.batch();
    }

    private void read(ProtocolBody body, Encoding encoding, Message.Builder into)
            throws MalformedBodyException, BodyTooLargeException {
        if (encoding == Encoding.PROTOBUF) {
            // Decompressed in full first, so a gzip bomb stops at the body limit whatever it holds.
            CodedInputStream coded = body.gzip()
                    ? CodedInputStream.newInstance(body.readAll(maxBodyBytes))
                    : CodedInputStream.newInstance(body.bytes(), 0, checkedLength(body));
            try {
                into.mergeFrom(coded);
            } catch (InvalidProtocolBufferException e) {
                throw new MalformedBodyException("the body is not a valid OTLP protobuf message: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new MalformedBodyException("the body could not be read: " + e.getMessage(), e);
            }
        } else {
            byte[] json = body.readAll(maxBodyBytes);
            try {
                JsonNode tree = RecordJson.MAPPER.readTree(json);
                if (tree == null || !tree.isObject()) {
                    throw new MalformedBodyException("an OTLP/JSON body must be a JSON object");
                }
                OtlpJsonIds.toProtobufJson(tree);
                JSON_PARSER.merge(RecordJson.MAPPER.writeValueAsString(tree), into);
            } catch (JsonProcessingException e) {
                throw new MalformedBodyException("malformed JSON: " + e.getOriginalMessage(), e);
            } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                throw new MalformedBodyException("the body is not a valid OTLP/JSON message: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new MalformedBodyException("the body could not be read: " + e.getMessage(), e);
            }
        }
    }

    private int checkedLength(ProtocolBody body) throws BodyTooLargeException {
        if (body.length() > maxBodyBytes) {
            throw new BodyTooLargeException(maxBodyBytes);
        }
        return body.length();
    }

    private static ObjectNode log(LogRecord log, InstrumentationScope scope, Map<String, JsonNode> resource) {
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        String time = OtlpValues.time(log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano());
        if (time != null) {
            wire.put("timestamp", time);
        }
        if (log.getTimeUnixNano() != 0 && log.getObservedTimeUnixNano() != 0) {
            extra.put("observed_time", OtlpValues.time(log.getObservedTimeUnixNano()));
        }
        wire.put("level", OtlpSeverity.level(log.getSeverityNumberValue(), log.getSeverityText()).name());
        if (!log.getSeverityText().isEmpty() && log.getSeverityNumberValue() == 0
                && dev.pipelog.model.Level.parse(log.getSeverityText()).isEmpty()) {
            extra.put("severity_text", log.getSeverityText());
        }
        JsonNode body = OtlpValues.json(log.getBody());
        if (body.isTextual()) {
            wire.set("message", body);
        } else if (!body.isNull()) {
            wire.put("message", body.toString());
            extra.set("body", body);
        }
        putScope(wire, extra, scope);
        String trace = OtlpValues.hexId(log.getTraceId());
        if (trace != null) {
            wire.put("correlation_id", trace);
        }
        String span = OtlpValues.hexId(log.getSpanId());
        if (span != null) {
            wire.put("span_id", span);
        }
        if (!log.getEventName().isEmpty()) {
            extra.put("event_name", log.getEventName());
        }
        OtlpResourceFields.apply(OtlpValues.attributes(log.getAttributesList()), resource, wire, extra);
        if (!extra.isEmpty()) {
            wire.set("extra", extra);
        }
        return wire;
    }

    /** The instrumentation scope is the logger (the OpenTelemetry log bridges name it so). */
    static void putScope(ObjectNode wire, ObjectNode extra, InstrumentationScope scope) {
        if (!scope.getName().isEmpty()) {
            wire.put("logger", scope.getName());
        }
        if (!scope.getVersion().isEmpty()) {
            extra.put("scope_version", scope.getVersion());
        }
    }
}
