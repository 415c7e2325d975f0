package dev.pipelog.api;

import java.io.IOException;

/**
 * The server holds as many request bodies as its {@link BodyBudget} allows; this one was read and
 * dropped. Answered 429 with Retry-After: nothing of the batch was kept, and it fits once others finish.
 */
final class BodyOverBudgetException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyOverBudgetException() {
        super("too many request bodies are held at once");
    }
}
