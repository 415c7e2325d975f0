package dev.pipelog.ingest;

import java.time.Duration;
import java.util.List;

/** The outcome of one submitted batch. */
public sealed interface IntakeResult {

    /** Where accepted records were made durable. */
    enum Destination {
        /** Committed to the DuckDB store. */
        PRIMARY,
        /** Written and fsync'd to a fallback file; replayed into the store later. */
        FALLBACK,
        /** Nothing needed storing (every record dropped by policy, or an empty batch). */
        NONE
    }

    /**
     * Every decodable record is durable. {@code droppedByPolicy} counts records below their
     * pipeline's minimum level, which were counted and not stored.
     */
    record Accepted(int accepted, int droppedByPolicy, Destination destination) implements IntakeResult {
    }

    /** The decodable records are durable; {@code rejections} lists the rest and why. */
    record PartiallyRejected(int accepted, int droppedByPolicy, Destination destination, List<Rejection> rejections)
            implements IntakeResult {
        public PartiallyRejected {
            rejections = List.copyOf(rejections);
        }
    }

    /** The queue is full; nothing of the batch was kept. Try again after {@code retryAfter}. */
    record Overloaded(Duration retryAfter) implements IntakeResult {
    }

    /** Neither the store nor a fallback file could take the batch; nothing was kept. */
    record Unavailable(String reason, Duration retryAfter) implements IntakeResult {
    }
}
