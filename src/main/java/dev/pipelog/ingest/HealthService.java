package dev.pipelog.ingest;

import dev.pipelog.model.Health;

/** Reads the engine's current state for the health endpoint and the status bar. Thread-safe, cheap. */
@FunctionalInterface
public interface HealthService {
    Health health();

    /**
     * Counts a batch answered "overloaded" before it reached the intake (the HTTP layer had no room
     * left for its body), beside the ones the intake's full queue refused. The engine's health
     * ({@link IntakeHealth}) counts it; a read-only view of a fixed snapshot has nothing to count.
     */
    default void countOverloaded() {
    }
}
