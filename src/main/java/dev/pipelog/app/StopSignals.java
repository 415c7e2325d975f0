package dev.pipelog.app;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT to the window: instead of the JVM's default (run shutdown hooks, exit 143 or
 * 130, which Maven's javafx:run reports as a failed command with a stack trace), they ask the window
 * to close, and the window then stops as after its close button: listener, then engine, exit 0.
 * {@code sun.misc.Signal} is the JDK's only way to handle a signal (module jdk.unsupported, in the
 * packaged runtime); where a signal cannot be handled the JVM's default stays.
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    private static final List<String> STOP = List.of("TERM", "INT");

    private StopSignals() {
    }

    /** From now on, SIGTERM and SIGINT run {@code stop} (on the JVM's signal thread: it must not block). */
    static void onStop(Runnable stop) {
        for (String name : STOP) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("SIG{} received: closing the window", signal.getName());
                    stop.run();
                });
            } catch (IllegalArgumentException e) {
                // The JVM was started with -Xrs, or the platform has no such signal: its default stays.
                LOG.warn("cannot handle SIG{}; it stops the process without closing the window first", name, e);
            }
        }
    }
}
