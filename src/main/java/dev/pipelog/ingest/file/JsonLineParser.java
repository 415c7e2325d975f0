package dev.pipelog.ingest.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.RecordJson;
import java.io.IOException;
import java.util.Optional;

/** One JSON object per line, with any of the common field names ({@link WireFields}). */
final class JsonLineParser implements LineParser {

    @Override
    public Optional<ObjectNode> parse(String line) {
        return object(line).map(WireFields::toWire);
    }

    /** The line as one JSON object, or empty when it is anything else (or has more after the object). */
    static Optional<ObjectNode> object(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.charAt(0) != '{') {
            return Optional.empty();
        }
        try (JsonParser p = RecordJson.MAPPER.getFactory().createParser(t)) {
            JsonNode node = RecordJson.MAPPER.readTree(p);
            if (node == null || !node.isObject() || p.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of((ObjectNode) node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("reading a String cannot fail with I/O", e);
        }
    }

    @Override
    public boolean continuationLines() {
        return false;
    }
}
