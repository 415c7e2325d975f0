package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.RecordJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

/**
 * Seq's two intake bodies: CLEF (one event per line; rejections name the 1-based line) and the older
 * {@code {"Events":[...]}} JSON that Seq's own clients send (rejections name the 0-based index).
 * Both go through {@link ClefEventDecoder}, so they map alike. Thread-safe.
 */
public final class SeqDecoder {
    private final ClefEventDecoder clef = new ClefEventDecoder();
    private final long maxBodyBytes;

    public SeqDecoder(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public IntakeBatch decodeClef(ProtocolBody body, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        WireRecords out = new WireRecords(context, WireFormat.SEQ);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body.open(maxBodyBytes),
                StandardCharsets.UTF_8), 64 * 1024)) {
            int lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(clef.toWireRecord(ClefEventDecoder.parseLine(line)), lineNumber);
                } catch (RecordRejectedException e) {
                    out.reject(lineNumber, e.getMessage());
                }
            }
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (ZipException e) {
            throw new MalformedBodyException("the body is not valid gzip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedBodyException("the body could not be read: " + e.getMessage(), e);
        }
        return out.batch();
    }

    public IntakeBatch decodeEventsJson(ProtocolBody body, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        byte[] bytes = body.readAll(maxBodyBytes);
        WireRecords out = new WireRecords(context, WireFormat.SEQ);
        try (JsonParser p = RecordJson.MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedBodyException("the body must be {\"Events\": [...]}");
            }
            boolean sawEvents = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!"Events".equals(name)) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new MalformedBodyException("Events must be an array");
                }
                sawEvents = true;
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode event = RecordJson.MAPPER.readTree(p);
                    try {
                        out.add(clef.toWireRecord(ClefEventDecoder.fromSeqJsonEvent(event)), index);
                    } catch (RecordRejectedException e) {
                        out.reject(index, e.getMessage());
                    }
                    index++;
                }
            }
            if (!sawEvents) {
                throw new MalformedBodyException("the body must be {\"Events\": [...]}; for CLEF lines send"
                        + " Content-Type: application/vnd.serilog.clef");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedBodyException("the body could not be read: " + e.getMessage(), e);
        }
        return out.batch();
    }
}
