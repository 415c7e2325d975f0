package dev.pipelog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FatalErrorExitTest {

    @Test
    void aThreadKilledByOutOfMemoryEndsTheProcessWithStatus70() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
        }, "XNIO-test I/O-1");
        t.setUncaughtExceptionHandler(new FatalErrorExit(exit::complete));
        t.start();

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(70);
    }

    @Test
    void anOrdinaryUncaughtExceptionIsLoggedAndTheProcessGoesOn() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            throw new IllegalStateException("thrown by the test");
        }, "pipelog-test");
        t.setUncaughtExceptionHandler(new FatalErrorExit(exit::complete));
        t.start();
        t.join(10_000);

        assertThat(t.isAlive()).isFalse();
        assertThat(exit).isNotDone();
    }
}
