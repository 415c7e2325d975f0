package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.model.LogRecord;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decodes one request body into an {@link IntakeBatch}: records that could be read, and a
 * {@link Rejection} for each that could not (0-based index in a JSON array, 1-based line in NDJSON).
 * One bad record never costs the others; only a body that is not readable at all fails as a whole.
 * Bytes that are not valid UTF-8 become U+FFFD. Thread-safe.
 */
public final class BodyDecoder {
    /**
     * How deep a body may nest arrays and objects. Records are rejected past 16 levels of
     * {@code extra} anyway; a body ten thousand levels deep is an attack, answered 400 naming this
     * limit instead of Jackson's own (which ended in a 500 for NDJSON).
     */
    public static final int MAX_NESTING = 64;
    private static final ObjectMapper MAPPER = RecordJson.MAPPER;
    private static final JsonFactory FACTORY = MAPPER.getFactory().rebuild()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    private final RecordNormaliser normaliser = new RecordNormaliser();
    private final PythonLogRecordMapper pythonMapper = new PythonLogRecordMapper();
    private final long maxBodyBytes;

    /** @param maxBodyBytes the largest body accepted after decompression */
    public BodyDecoder(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * @param gzip whether the body is gzip-compressed ({@code Content-Encoding: gzip})
     * @throws MalformedBodyException the body as a whole cannot be read; the message says where
     * @throws BodyTooLargeException  the body exceeds the limit once decompressed
     */
    public IntakeBatch decode(byte[] body, boolean gzip, WireFormat format, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        return decode(body, body.length, gzip, format, context);
    }

    /** The first {@code length} bytes of {@code body}: a buffer read to its end need not be trimmed by a copy. */
    public IntakeBatch decode(byte[] body, int length, boolean gzip, WireFormat format, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        try (InputStream in = open(body, length, gzip)) {
            WireFormat effective = format == WireFormat.PYTHON_HTTPHANDLER && !gzip && looksLikeJson(body, length)
                    ? WireFormat.JSON : format;
            switch (effective) {
                case JSON:
                    return decodeJson(reader(in), context);
                case NDJSON:
                    return decodeNdjson(reader(in), context);
                case PYTHON_HTTPHANDLER:
                    return decodeForm(in, context);
                default:
                    throw new IllegalStateException("unhandled format " + effective);
            }
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (ZipException e) {
            throw new MalformedBodyException("the body is not valid gzip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedBodyException("the body could not be read: " + e.getMessage(), e);
        }
    }

    private InputStream open(byte[] body, int length, boolean gzip) throws IOException {
        InputStream raw = new ByteArrayInputStream(body, 0, length);
        return new BoundedInputStream(gzip ? new GZIPInputStream(raw, 64 * 1024) : raw, maxBodyBytes);
    }

    // curl -d sends form encoding by default; a body that is plainly JSON is read as JSON.
    private static boolean looksLikeJson(byte[] body, int length) {
        for (int i = 0; i < length; i++) {
            byte b = body[i];
            if (b == '{' || b == '[') {
                return true;
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return false;
    }

    private static Reader reader(InputStream in) {
        // InputStreamReader replaces malformed UTF-8 with U+FFFD instead of failing the body.
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
    }

    private IntakeBatch decodeJson(Reader in, IntakeContext context) throws MalformedBodyException, IOException {
        Decoded out = new Decoded();
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                add(MAPPER.readTree(p), 0, context, WireFormat.JSON, out);
            } else if (first == JsonToken.START_ARRAY) {
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == null) {
                        throw new MalformedBodyException("the JSON array is not closed");
                    }
                    add(MAPPER.readTree(p), index++, context, WireFormat.JSON, out);
                }
            } else if (first == null) {
                throw new MalformedBodyException("the body is empty; send a JSON object, an array of them, or NDJSON");
            } else {
                throw new MalformedBodyException("the body must be a JSON object or an array of objects");
            }
            if (p.nextToken() != null) {
                JsonLocation at = p.currentLocation();
                throw new MalformedBodyException("unexpected content after the JSON value at line " + at.getLineNr()
                        + ", column " + at.getColumnNr() + "; several objects need Content-Type: application/x-ndjson");
            }
        } catch (StreamConstraintsException e) {
            throw tooDeep(e, "");
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
        return out.batch();
    }

    private IntakeBatch decodeNdjson(Reader in, IntakeContext context) throws MalformedBodyException, IOException {
        Decoded out = new Decoded();
        BufferedReader lines = (BufferedReader) in;
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try (JsonParser p = FACTORY.createParser(line)) {
                JsonNode node = MAPPER.readTree(p);
                if (p.nextToken() != null) {
                    out.rejections.add(new Rejection(lineNumber, "unexpected content after the JSON object at column "
                            + p.currentLocation().getColumnNr()));
                    continue;
                }
                add(node, lineNumber, context, WireFormat.NDJSON, out);
            } catch (StreamConstraintsException e) {
                throw tooDeep(e, " on line " + lineNumber);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                out.rejections.add(new Rejection(lineNumber, "malformed JSON" + (at == null ? "" : " at column "
                        + at.getColumnNr()) + ": " + e.getOriginalMessage()));
            }
        }
        return out.batch();
    }

    private IntakeBatch decodeForm(InputStream in, IntakeContext context) throws MalformedBodyException, IOException {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        JsonNode node = pythonMapper.toWireRecord(FormBody.parse(body));
        Decoded out = new Decoded();
        add(node, 0, context, WireFormat.PYTHON_HTTPHANDLER, out);
        return out.batch();
    }

    private void add(JsonNode node, int index, IntakeContext context, WireFormat format, Decoded out) {
        try {
            out.records.add(normaliser.normalise(node, context, format, index));
            // Only a record that brought its own id can repeat one already stored (a client's retry).
            out.clientIds |= node.hasNonNull("id");
        } catch (RecordRejectedException e) {
            out.rejections.add(new Rejection(index, e.getMessage()));
        }
    }

    /** What one body decoded to so far. */
    private static final class Decoded {
        final List<LogRecord> records = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        boolean clientIds;

        IntakeBatch batch() {
            return new IntakeBatch(records, rejections, clientIds);
        }
    }

    private static MalformedBodyException tooDeep(StreamConstraintsException e, String where) {
        return new MalformedBodyException("the body nests arrays and objects deeper than " + MAX_NESTING
                + " levels" + where + "; Pipelog reads at most " + MAX_NESTING, e);
    }

    private static MalformedBodyException malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new MalformedBodyException("malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
}
