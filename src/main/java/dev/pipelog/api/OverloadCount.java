package dev.pipelog.api;

import java.util.concurrent.atomic.LongAdder;

/**
 * Intake requests this server answered 429 since it started: its write queue was full or it had
 * no room left for the body. Counted here, where the 429 is written, so Pipelog's own callers that
 * retry on a full queue (log capture, demo data) do not inflate it. Thread-safe.
 */
final class OverloadCount {
    private final LongAdder answered = new LongAdder();

    void count() {
        answered.increment();
    }

    long total() {
        return answered.sum();
    }
}
