package dev.pipelog.ingest.decode;

import java.time.Instant;
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

    public static IntakeContext at(Instant receivedAt) {
        return new IntakeContext(null, null, null, null, receivedAt);
    }
}
