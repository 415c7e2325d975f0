package dev.pipelog.store;

import java.time.Duration;

/** A query ran longer than the store allows and was cancelled. */
public class QueryTimeoutException extends StoreException {
    private static final long serialVersionUID = 1L;

    public QueryTimeoutException(Duration limit, Throwable cause) {
        super("query took longer than " + limit.toMillis() + " ms and was cancelled; narrow the filters", cause);
    }
}
