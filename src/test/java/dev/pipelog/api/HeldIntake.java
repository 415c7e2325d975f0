package dev.pipelog.api;

import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Holds every batch inside {@code submit} until {@link #open()}, as a slow Intake would: a request
 * whose batch arrived here still holds its body budget, so a test knows exactly what is held.
 */
final class HeldIntake implements Intake {
    private final Intake real;
    private final Semaphore arrived = new Semaphore(0);
    private final CountDownLatch open = new CountDownLatch(1);

    HeldIntake(Intake real) {
        this.real = real;
    }

    /** @return whether {@code batches} more batches reached {@code submit} within 10 s */
    boolean awaitArrivals(int batches) throws InterruptedException {
        return arrived.tryAcquire(batches, 10, TimeUnit.SECONDS);
    }

    void open() {
        open.countDown();
    }

    @Override
    public CompletableFuture<IntakeResult> submit(IntakeBatch batch) {
        arrived.release();
        try {
            if (!open.await(30, TimeUnit.SECONDS)) {
                return CompletableFuture.failedFuture(new IllegalStateException("the test never opened the intake"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        return real.submit(batch);
    }
}
