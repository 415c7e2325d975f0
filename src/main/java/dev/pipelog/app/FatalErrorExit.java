package dev.pipelog.app;

import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence for the headless server: a thread killed by a {@link VirtualMachineError}
 * (out of memory, stack overflow) ends the process with a clear message and exit status
 * {@value #EXIT_STATUS}, so a supervisor restarts it. Once an out-of-memory run killed the HTTP I/O
 * threads and the replay thread, the process kept its port open and reset every connection: a
 * process that holds the port and answers nothing is worse than one that exits. Handlers answer
 * their own Errors (503) and the store's reads are bounded, so this fires only for what escapes
 * them. Other uncaught exceptions are logged and the process goes on. Thread-safe.
 */
final class FatalErrorExit implements Thread.UncaughtExceptionHandler {
    static final int EXIT_STATUS = 70;
    private static final Logger LOG = LoggerFactory.getLogger(FatalErrorExit.class);

    private final IntConsumer halt;

    /** @param halt ends the process with a status; {@link Runtime#halt} in production (shutdown hooks could wait on the dead thread) */
    FatalErrorExit(IntConsumer halt) {
        this.halt = halt;
    }

    static void install() {
        Thread.setDefaultUncaughtExceptionHandler(new FatalErrorExit(status -> Runtime.getRuntime().halt(status)));
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        if (!(error instanceof VirtualMachineError)) {
            LOG.error("thread {} ended with an uncaught exception", thread.getName(), error);
            return;
        }
        try {
            // The one line a supervisor's log shows; this may itself fail if memory is still gone.
            System.err.println("pipelog: fatal: thread " + thread.getName() + " died of " + error
                    + "; exiting with status " + EXIT_STATUS + " so a supervisor can restart Pipelog");
            LOG.error("thread {} died of {}; exiting with status {}", thread.getName(), error, EXIT_STATUS, error);
        } finally {
            halt.accept(EXIT_STATUS);
        }
    }
}
