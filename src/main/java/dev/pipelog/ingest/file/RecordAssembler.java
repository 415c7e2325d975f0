package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Groups lines into records: a line the format reads starts a record; the lines after it that
 * continue it (a traceback, indented lines) are attached to it; a line that neither starts nor
 * continues a record becomes a record of its own, marked unparsed. Continuations are bounded
 * ({@value #MAX_CONTINUATION_CHARS} characters): past that the next line starts a new record. Not thread-safe.
 */
final class RecordAssembler {
    static final int MAX_CONTINUATION_CHARS = 4 << 20;

    private final LineParser parser;
    private Pending pending;

    RecordAssembler(LineParser parser) {
        this.parser = parser;
    }

    /** @return the record the line completed (the one before it), if any */
    Optional<AssembledRecord> accept(LineReader.Line line) {
        String text = line.text();
        if (text.isBlank()) {
            if (pending != null && !pending.continuation.isEmpty()) {
                pending.add(line); // a blank line inside a traceback ("During handling of ...")
            }
            return Optional.empty();
        }
        Optional<ObjectNode> fields = parser.parse(text);
        if (fields.isEmpty() && pending != null && pending.chars < MAX_CONTINUATION_CHARS
                && (parser.continuationLines() || Continuations.isContinuation(text))) {
            pending.add(line);
            return Optional.empty();
        }
        Optional<AssembledRecord> done = finish();
        pending = new Pending(line, fields.orElse(null));
        return done;
    }

    /** Whether a record is waiting for possible continuation lines. */
    boolean hasPending() {
        return pending != null;
    }

    /** @return the record still open (no more lines will come for it), if any */
    Optional<AssembledRecord> finish() {
        if (pending == null) {
            return Optional.empty();
        }
        Pending p = pending;
        pending = null;
        List<String> continuation = new ArrayList<>(p.continuation);
        while (!continuation.isEmpty() && continuation.get(continuation.size() - 1).isBlank()) {
            continuation.remove(continuation.size() - 1);
        }
        return Optional.of(new AssembledRecord(p.first.start(), p.end, p.fields, p.first.text(), continuation,
                p.droppedBytes));
    }

    private static final class Pending {
        final LineReader.Line first;
        final ObjectNode fields;
        final List<String> continuation = new ArrayList<>();
        long end;
        long chars;
        long droppedBytes;

        Pending(LineReader.Line first, ObjectNode fields) {
            this.first = first;
            this.fields = fields;
            this.end = first.end();
            this.droppedBytes = first.droppedBytes();
        }

        void add(LineReader.Line line) {
            continuation.add(line.text());
            end = line.end();
            chars += line.text().length() + 1;
            droppedBytes += line.droppedBytes();
        }
    }

    /**
     * One record's lines.
     *
     * @param fields the first line's wire fields, or null when no format read it
     */
    record AssembledRecord(long start, long end, ObjectNode fields, String firstLine, List<String> continuation,
                           long droppedBytes) {
    }
}
