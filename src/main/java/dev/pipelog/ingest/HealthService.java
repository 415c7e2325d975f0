package dev.pipelog.ingest;

import dev.pipelog.model.Health;

/** Reads the engine's current state for the health endpoint and the status bar. Thread-safe, cheap. */
public interface HealthService {
    Health health();
}
