package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.decode.FileRecordNormaliser;
import dev.pipelog.ingest.decode.IntakeContext;
import dev.pipelog.ingest.decode.RecordRejectedException;
import dev.pipelog.model.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Turns assembled lines into stored records through the one normaliser. Ids come from the file's
 * identity, the record's offset and its first line, so reading the same bytes again gives the same
 * ids (the store skips them) while a different file that happens to start alike does not. A record
 * without a time takes the time of the record before it, or the time the file was first seen: never
 * "now", which would differ on the next import. Not thread-safe.
 */
final class FileRecordFactory {
    private final FileRecordNormaliser normaliser = new FileRecordNormaliser();
    private final String identity;
    private final String path;
    private final String givenPipelineId;
    private final IntakeContext context;
    private Instant lastTime;
    private long unparsed;

    /**
     * @param givenPipelineId the pipeline the user named (wins over the record's), or null
     * @param filePipelineId  the pipeline of records that name none (from the file's name)
     * @param firstSeen       when this file identity was first imported
     */
    FileRecordFactory(String identity, String path, String givenPipelineId, String filePipelineId,
                      Instant firstSeen, Instant receivedAt) {
        this.identity = identity;
        this.path = path;
        this.givenPipelineId = givenPipelineId;
        this.context = new IntakeContext(filePipelineId, null, null, null, receivedAt);
        this.lastTime = firstSeen;
    }

    /** Records kept as plain text because no format read them (or the normaliser refused them). */
    long unparsed() {
        return unparsed;
    }

    LogRecord toRecord(RecordAssembler.AssembledRecord lines) {
        String id = id(lines.start(), lines.firstLine());
        ObjectNode wire;
        if (lines.fields() != null) {
            wire = lines.fields().deepCopy();
        } else {
            unparsed++;
            wire = plain(lines.firstLine());
            wire.put("unparsed", true);
        }
        attach(wire, lines.continuation());
        if (lines.droppedBytes() > 0) {
            wire.put("cut_bytes", lines.droppedBytes());
        }
        try {
            return normalise(wire, id);
        } catch (RecordRejectedException e) {
            if (lines.fields() != null) {
                unparsed++;
            }
            ObjectNode fallback = plain(lines.firstLine());
            attach(fallback, lines.continuation());
            fallback.put("unparsed", true);
            fallback.put("unparsed_reason", e.getMessage());
            try {
                return normalise(fallback, id);
            } catch (RecordRejectedException impossible) {
                throw new IllegalStateException("a plain-text record was refused: " + impossible.getMessage(), impossible);
            }
        }
    }

    private LogRecord normalise(ObjectNode wire, String id) throws RecordRejectedException {
        wire.put("id", id);
        JsonNode time = wire.get("timestamp");
        if (time == null || time.isNull()) {
            wire.put("timestamp", lastTime.toString());
        }
        if (givenPipelineId != null) {
            wire.put("pipeline_id", givenPipelineId);
        }
        wire.put("file", path);
        LogRecord record = normaliser.normalise(wire, context);
        lastTime = record.timestamp();
        return record;
    }

    private static ObjectNode plain(String line) {
        return new PlainTextParser().parse(line).orElseGet(() -> {
            ObjectNode wire = WireFields.NODES.objectNode();
            wire.put("message", line);
            return wire;
        });
    }

    /** Lines before a traceback continue the message; the traceback becomes the stack trace. */
    private static void attach(ObjectNode wire, List<String> continuation) {
        if (continuation.isEmpty()) {
            return;
        }
        int trace = continuation.size();
        for (int i = 0; i < continuation.size(); i++) {
            if (Continuations.startsTrace(continuation.get(i))) {
                trace = i;
                break;
            }
        }
        if (trace > 0) {
            String message = wire.path("message").asText("");
            wire.put("message", message + "\n" + String.join("\n", continuation.subList(0, trace)));
        }
        if (trace < continuation.size()) {
            String stack = String.join("\n", continuation.subList(trace, continuation.size()));
            JsonNode given = wire.get("stack_trace");
            wire.put("stack_trace", given == null || given.isNull() ? stack : given.asText() + "\n" + stack);
        }
    }

    private String id(long offset, String firstLine) {
        CRC32 crc = new CRC32();
        crc.update(firstLine.getBytes(StandardCharsets.UTF_8));
        return UUID.nameUUIDFromBytes((identity + ':' + offset + ':' + crc.getValue()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
