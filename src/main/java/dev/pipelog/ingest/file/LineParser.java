package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Reads the line that starts a record of one file format into wire fields (see {@link WireFields}).
 * Implementations are immutable and thread-safe.
 */
interface LineParser {

    /** @return the record's fields, or empty when the line does not start a record of this format */
    Optional<ObjectNode> parse(String line);

    /**
     * Whether a line this parser does not read belongs to the record before it (a traceback under a
     * text log line) rather than being a line of its own that could not be read (junk in JSON lines).
     */
    boolean continuationLines();
}
