package dev.pipelog.ingest.decode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What the request around a body says about its records: header defaults for fields a record lacks,
 * the client's address (the host of records that name none) and the receive time.
 *
 * @param correlationId the request's correlation id, given to records that carry none (may be null)
 */
public record IntakeContext(
        String pipelineId, String executionId, String correlationId, String clientHost, Instant receivedAt) {

    public IntakeContext {
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * The receive time of the request's record at {@code ordinal} (its index or line number): a
     * microsecond later for each, so records without a timestamp of their own keep the order they
     * were sent in.
     */
    public Instant receivedAt(int ordinal) {
        return receivedAt.plus(ordinal, ChronoUnit.MICROS);
    }

    public static IntakeContext at(Instant receivedAt) {
        return new IntakeContext(null, null, null, null, receivedAt);
    }
}
