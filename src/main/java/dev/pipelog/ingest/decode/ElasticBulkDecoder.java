package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.RecordJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elasticsearch's bulk API body: NDJSON pairs of an action line ({@code index} or {@code create},
 * with {@code _index} and {@code _id}) and a document. Each document becomes a wire record; its item
 * index (0-based, one per action) names it in rejections. {@code _id} becomes the record id, so a
 * shipper's retry of the same items is stored once. ECS fields, nested or dotted, are mapped (see
 * {@code docs/intake/elasticsearch.md}); the index → pipeline_id unless the document names one
 * ({@code pipeline_id}, {@code pipeline.id}, {@code service.name}). Thread-safe.
 */
public final class ElasticBulkDecoder {
    /** One bulk item as the answer needs it: its action, index and id (null: Pipelog generates it). */
    public record Item(String action, String index, String id) {
    }

    /** The records and, in order, every item of the request (kept or refused). */
    public record Decoded(IntakeBatch batch, List<Item> items) {
    }

    private static final Map<String, String> ECS = ecs();

    private final long maxBodyBytes;

    public ElasticBulkDecoder(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    private static Map<String, String> ecs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("@timestamp", "timestamp");
        m.put("timestamp", "timestamp");
        m.put("log.level", "level");
        m.put("level", "level");
        m.put("message", "message");
        m.put("log.logger", "logger");
        m.put("trace.id", "correlation_id");
        m.put("span.id", "span_id");
        m.put("parent.id", "parent_span_id");
        m.put("error.stack_trace", "stack_trace");
        m.put("process.pid", "process_id");
        m.put("process.thread.name", "thread");
        m.put("host.name", "host");
        m.put("host.hostname", "host");
        m.put("log.origin.function", "function");
        m.put("log.origin.file.name", "module");
        m.put("log.origin.file.line", "line");
        m.put("execution_id", "execution_id");
        m.put("execution.id", "execution_id");
        m.put("correlation_id", "correlation_id");
        return m;
    }

    /** @param defaultIndex the index of {@code /{index}/_bulk} (null for {@code /_bulk}) */
    public Decoded decode(ProtocolBody body, String defaultIndex, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        WireRecords out = new WireRecords(context, WireFormat.ELASTICSEARCH_BULK);
        List<Item> items = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body.open(maxBodyBytes),
                StandardCharsets.UTF_8), 64 * 1024)) {
            int lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode action = parse(line, lineNumber);
                if (!action.isObject() || action.size() != 1) {
                    throw new MalformedBodyException("line " + lineNumber + ": expected an action such as {\"index\":{}}");
                }
                String verb = action.fieldNames().next();
                JsonNode meta = action.get(verb);
                String index = text(meta, "_index", defaultIndex);
                String id = text(meta, "_id", null);
                int itemIndex = items.size();
                items.add(new Item(verb, index, id));
                if (verb.equals("delete")) {
                    out.reject(itemIndex, "delete is not supported: Pipelog's records are removed by cleanup");
                    continue;
                }
                String docLine = lines.readLine();
                lineNumber++;
                if (docLine == null) {
                    throw new MalformedBodyException("line " + lineNumber + ": the " + verb + " action has no document line");
                }
                if (!verb.equals("index") && !verb.equals("create")) {
                    out.reject(itemIndex, verb + " is not supported; send index or create");
                    continue;
                }
                JsonNode doc;
                try {
                    doc = parse(docLine, lineNumber);
                } catch (MalformedBodyException e) {
                    out.reject(itemIndex, e.getMessage());
                    continue;
                }
                if (!doc.isObject()) {
                    out.reject(itemIndex, "the document must be a JSON object");
                    continue;
                }
                out.add(wire(doc, index, id), itemIndex);
            }
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (java.util.zip.ZipException e) {
            throw new MalformedBodyException("the body is not valid gzip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedBodyException("the body could not be read: " + e.getMessage(), e);
        }
        if (items.isEmpty()) {
            throw new MalformedBodyException("the request body is required: NDJSON action and document lines");
        }
        return new Decoded(out.batch(), items);
    }

    private static JsonNode parse(String line, int lineNumber) throws MalformedBodyException {
        try {
            return RecordJson.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("line " + lineNumber + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? fallback : v.asText();
    }

    private static ObjectNode wire(JsonNode doc, String index, String id) {
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        flatten("", doc, flat);
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        if (id != null) {
            wire.put("id", id);
        }
        String pipeline = null;
        for (String name : List.of("pipeline_id", "pipeline.id", "service.name")) {
            JsonNode v = flat.remove(name);
            if (pipeline == null && v != null && v.isValueNode() && !v.isNull()) {
                pipeline = v.asText();
            } else if (v != null) {
                extra.set(name, v);
            }
        }
        wire.put("pipeline_id", pipeline != null ? pipeline : index);
        for (Map.Entry<String, JsonNode> e : flat.entrySet()) {
            String field = ECS.get(e.getKey());
            if (field != null && !wire.has(field) && (e.getValue().isValueNode() || field.equals("message"))) {
                wire.set(field, e.getValue());
            } else {
                extra.set(e.getKey(), e.getValue());
            }
        }
        if (!wire.has("stack_trace") && extra.has("error.message")) {
            String type = extra.path("error.type").asText("");
            wire.put("stack_trace", (type.isEmpty() ? "" : type + ": ") + extra.get("error.message").asText());
        }
        if (!wire.has("message")) {
            wire.put("message", "");
        }
        if (index != null && !index.equals(wire.path("pipeline_id").asText())) {
            extra.put("_index", index);
        }
        if (!extra.isEmpty()) {
            wire.set("extra", extra);
        }
        return wire;
    }

    /** ECS documents nest ({@code {"log":{"level":"info"}}}) or dot ({@code "log.level"}); both read alike. */
    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject() && !e.getValue().isEmpty()) {
                flatten(name, e.getValue(), into);
            } else {
                into.put(name, e.getValue());
            }
        }
    }
}
