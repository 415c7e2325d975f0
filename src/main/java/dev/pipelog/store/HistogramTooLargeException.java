package dev.pipelog.store;

import dev.pipelog.model.TimeBound;
import java.time.Duration;

/** An asked histogram bucket would cut the window into more bars than a read may hold. Bad input, not a failure. */
public final class HistogramTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    HistogramTooLargeException(long bars, int limit, Duration suggested) {
        super("gives " + bars + " bars over this window, more than the " + limit
                + " a histogram may have; ask for a wider bucket (" + TimeBound.format(suggested)
                + " gives at most " + HistogramBucket.MAX_BARS + ") or a narrower since/until");
    }
}
