package dev.pipelog.ingest;

import java.util.concurrent.CompletableFuture;

/**
 * The one way records enter Pipelog: the HTTP listener, the app's own log capture and the demo
 * generator all submit here.
 *
 * <p>The returned future completes only when the outcome is final: for {@link IntakeResult.Accepted}
 * and {@link IntakeResult.PartiallyRejected} that means the accepted records are committed to the
 * store or written and fsync'd to a fallback file. Overload is answered at once, without waiting.
 * Thread-safe.
 */
public interface Intake {

    CompletableFuture<IntakeResult> submit(IntakeBatch batch);
}
