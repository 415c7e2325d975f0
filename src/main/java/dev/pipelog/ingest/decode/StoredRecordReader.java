package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.LogRecord;
import java.io.IOException;

/**
 * Reads one line of a fallback file (a record in {@code RecordJson}'s form) back into a record, under
 * the same rules as intake ({@link RecordNormaliser#restore}): a line a client could not have got
 * accepted is refused here too, whatever happened to the file in between. Thread-safe (stateless).
 */
public final class StoredRecordReader {
    private static final JsonFactory FACTORY = RecordJson.MAPPER.getFactory();

    private final RecordNormaliser normaliser = new RecordNormaliser();

    /** @throws RecordRejectedException when the line is not one record the store may hold; the message says why */
    public LogRecord read(String line) throws RecordRejectedException {
        JsonNode node;
        try (JsonParser p = FACTORY.createParser(line)) {
            node = RecordJson.MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new RecordRejectedException("unexpected content after the JSON object at column "
                        + p.currentLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            throw new RecordRejectedException("malformed JSON at column "
                    + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RecordRejectedException("unreadable: " + e.getMessage());
        }
        return normaliser.restore(node);
    }
}
