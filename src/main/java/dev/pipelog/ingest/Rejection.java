package dev.pipelog.ingest;

/**
 * One item of a batch that was not kept. {@code index} is the 0-based position in a JSON array,
 * or the 1-based line number in NDJSON.
 */
public record Rejection(int index, String reason) {
}
