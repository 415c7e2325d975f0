package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.RecordJson;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xerial.snappy.Snappy;

/**
 * Loki's push API ({@code POST /loki/api/v1/push}): snappy-compressed protobuf {@code PushRequest}
 * (what Promtail, Alloy and winston-loki send) or JSON ({@code {"streams":[{"stream":{labels},
 * "values":[["<ns>","line",{metadata}]]}]}}, gzip allowed). Each entry becomes a wire record:
 * the first of {@code pipelineLabels} present → pipeline_id, label or metadata {@code level} /
 * {@code detected_level} → level, other labels and structured metadata → extra; a line that is a JSON
 * object gives its {@code message}/{@code msg} and {@code level}/{@code severity} fields, its other
 * fields go to extra. Rejection indexes count entries across the request from 0. Thread-safe.
 */
public final class LokiDecoder {
    /** The labels that name the pipeline, first present wins, unless configured otherwise. */
    public static final List<String> DEFAULT_PIPELINE_LABELS = List.of("pipeline_id", "service_name", "job");

    private final long maxBodyBytes;
    private final List<String> pipelineLabels;

    public LokiDecoder(long maxBodyBytes, List<String> pipelineLabels) {
        this.maxBodyBytes = maxBodyBytes;
        this.pipelineLabels = List.copyOf(pipelineLabels);
    }

    /** Snappy-compressed (as Loki requires; {@code gzip} only if the sender also set Content-Encoding) protobuf. */
    public IntakeBatch decodeProtobuf(ProtocolBody body, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        byte[] compressed = body.readAll(maxBodyBytes);
        byte[] plain;
        try {
            if (!Snappy.isValidCompressedBuffer(compressed)) {
                throw new MalformedBodyException("the body is not snappy-compressed protobuf, as Loki's push API requires");
            }
            if (Snappy.uncompressedLength(compressed) > maxBodyBytes) {
                throw new BodyTooLargeException(maxBodyBytes);
            }
            plain = Snappy.uncompress(compressed);
        } catch (BodyTooLargeException | MalformedBodyException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedBodyException("the body is not valid snappy: " + e.getMessage(), e);
        }
        WireRecords out = new WireRecords(context, WireFormat.LOKI);
        try {
            CodedInputStream in = CodedInputStream.newInstance(plain);
            int[] index = {0};
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == (1 << 3 | 2)) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    stream(in, out, index);
                    in.popLimit(limit);
                } else {
                    in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedBodyException("the body is not a valid Loki PushRequest: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedBodyException("the body could not be read: " + e.getMessage(), e);
        }
        return out.batch();
    }

    /** StreamAdapter: labels = 1 (text), entries = 2. Labels may follow entries on the wire, so entries wait. */
    private void stream(CodedInputStream in, WireRecords out, int[] index) throws IOException {
        String labels = "";
        java.util.List<Entry> entries = new java.util.ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | 2: labels = in.readStringRequireUtf8(); break;
                case 2 << 3 | 2: {
                    int limit = in.pushLimit(in.readRawVarint32());
                    entries.add(entry(in));
                    in.popLimit(limit);
                    break;
                }
                default: in.skipField(tag);
            }
        }
        Map<String, String> labelMap;
        try {
            labelMap = LokiLabels.parse(labels);
        } catch (IllegalArgumentException e) {
            for (int i = 0; i < entries.size(); i++) {
                out.reject(index[0]++, "the stream's labels " + e.getMessage());
            }
            return;
        }
        for (Entry e : entries) {
            out.add(wire(labelMap, e.nanos, e.line, e.metadata), index[0]++);
        }
    }

    private record Entry(String nanos, String line, Map<String, String> metadata) {
    }

    /** EntryAdapter: timestamp = 1 (google.protobuf.Timestamp), line = 2, structuredMetadata = 3. */
    private static Entry entry(CodedInputStream in) throws IOException {
        long seconds = 0;
        int nanos = 0;
        String line = "";
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | 2: {
                    int limit = in.pushLimit(in.readRawVarint32());
                    for (int t = in.readTag(); t != 0; t = in.readTag()) {
                        if (t == (1 << 3)) {
                            seconds = in.readInt64();
                        } else if (t == (2 << 3)) {
                            nanos = in.readInt32();
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                    break;
                }
                case 2 << 3 | 2: line = in.readStringRequireUtf8(); break;
                case 3 << 3 | 2: {
                    int limit = in.pushLimit(in.readRawVarint32());
                    String name = "";
                    String value = "";
                    for (int t = in.readTag(); t != 0; t = in.readTag()) {
                        if (t == (1 << 3 | 2)) {
                            name = in.readStringRequireUtf8();
                        } else if (t == (2 << 3 | 2)) {
                            value = in.readStringRequireUtf8();
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                    metadata.put(name, value);
                    break;
                }
                default: in.skipField(tag);
            }
        }
        String ns = seconds == 0 && nanos == 0 ? null
                : BigInteger.valueOf(seconds).multiply(BigInteger.valueOf(1_000_000_000L)).add(BigInteger.valueOf(nanos)).toString();
        return new Entry(ns, line, metadata);
    }

    public IntakeBatch decodeJson(ProtocolBody body, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        JsonNode root;
        try {
            root = RecordJson.MAPPER.readTree(body.readAll(maxBodyBytes));
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedBodyException("the body could not be read: " + e.getMessage(), e);
        }
        if (root == null || !root.path("streams").isArray()) {
            throw new MalformedBodyException("the body must be {\"streams\": [...]}");
        }
        WireRecords out = new WireRecords(context, WireFormat.LOKI);
        int index = 0;
        for (JsonNode stream : root.path("streams")) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = stream.path("stream").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                labels.put(e.getKey(), e.getValue().asText());
            }
            for (JsonNode value : stream.path("values")) {
                if (!value.isArray() || value.size() < 2 || !value.get(1).isTextual()) {
                    out.reject(index++, "a value must be [\"<unix epoch in nanoseconds>\", \"<log line>\", {metadata}?]");
                    continue;
                }
                Map<String, String> metadata = new LinkedHashMap<>();
                if (value.size() > 2 && value.get(2).isObject()) {
                    value.get(2).fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
                }
                out.add(wire(labels, value.get(0).asText(), value.get(1).textValue(), metadata), index++);
            }
        }
        return out.batch();
    }

    private ObjectNode wire(Map<String, String> labels, String epochNanos, String line, Map<String, String> metadata) {
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        if (epochNanos != null && !epochNanos.isEmpty()) {
            // Epoch nanoseconds as text; anything else goes to the normaliser, which names the problem.
            wire.put("timestamp", epochNanos.matches("\\d{1,30}") ? nanosToIso(epochNanos) : epochNanos);
        }
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.putAll(metadata);
        String pipeline = pipelineLabels.stream().map(all::get).filter(Objects::nonNull).findFirst().orElse(null);
        if (pipeline != null) {
            wire.put("pipeline_id", pipeline);
        }
        String level = all.containsKey("level") ? all.get("level") : all.get("detected_level");
        all.forEach((k, v) -> {
            if (!pipelineLabels.contains(k) || !v.equals(pipeline)) {
                extra.put(k, v);
            }
        });
        extra.remove("level");
        extra.remove("detected_level");
        JsonNode parsed = jsonLine(line);
        if (parsed != null) {
            JsonNode message = first(parsed, "message", "msg");
            JsonNode lineLevel = first(parsed, "level", "severity", "lvl");
            wire.put("message", message != null ? message.asText() : line);
            if (lineLevel != null && lineLevel.isValueNode()) {
                level = lineLevel.asText();
            }
            parsed.fields().forEachRemaining(e -> {
                if (!List.of("message", "msg", "level", "severity", "lvl").contains(e.getKey())) {
                    extra.set(e.getKey(), e.getValue());
                }
            });
        } else {
            wire.put("message", line);
        }
        if (level != null) {
            if (dev.pipelog.model.Level.parse(level).isPresent()) {
                wire.put("level", level);
            } else {
                extra.put("level", level);
            }
        }
        if (!extra.isEmpty()) {
            wire.set("extra", extra);
        }
        return wire;
    }

    private static String nanosToIso(String nanos) {
        BigInteger n = new BigInteger(nanos);
        BigInteger[] parts = n.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        try {
            return java.time.Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValue()).toString();
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return nanos;
        }
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    private static JsonNode jsonLine(String line) {
        String t = line.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            return null;
        }
        try {
            JsonNode n = RecordJson.MAPPER.readTree(t);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
