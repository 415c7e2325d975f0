package dev.pipelog.api;

import dev.pipelog.app.Engine;
import dev.pipelog.config.Settings;
import dev.pipelog.ingest.HealthService;
import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.PipelineSettingsService;
import dev.pipelog.store.LogStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real engine (DuckDB in the test's directory, batching intake, fallback files) as the listener
 * sees it, with one seam: the Intake can be told to answer the next batch as overloaded or
 * unavailable, or to hold it, since those outcomes are what some tests check over HTTP.
 */
final class TestEngine implements AutoCloseable {
    private final Engine engine;
    private final ScriptedIntake intake;

    private TestEngine(Engine engine) {
        this.engine = engine;
        this.intake = new ScriptedIntake(engine.intake());
    }

    static TestEngine start(Settings settings) {
        return new TestEngine(Engine.start(settings));
    }

    LogStore store() {
        return engine.store();
    }

    ScriptedIntake intake() {
        return intake;
    }

    HealthService health() {
        return engine.health();
    }

    PipelineSettingsService pipelineSettings() {
        return engine.pipelineSettings();
    }

    @Override
    public void close() {
        engine.close();
    }

    /** Delegates to the real intake unless told to answer the next batch otherwise. */
    static final class ScriptedIntake implements Intake {
        private final Intake real;
        private final AtomicReference<CompletableFuture<IntakeResult>> next = new AtomicReference<>();
        private final java.util.concurrent.CountDownLatch scriptedTaken = new java.util.concurrent.CountDownLatch(1);

        ScriptedIntake(Intake real) {
            this.real = real;
        }

        void answerNextWith(IntakeResult result) {
            next.set(CompletableFuture.completedFuture(result));
        }

        /** The next batch waits for {@code answer}; {@link #awaitScriptedBatch()} says when it arrived. */
        void answerNextWhen(CompletableFuture<IntakeResult> answer) {
            next.set(answer);
        }

        boolean awaitScriptedBatch() throws InterruptedException {
            return scriptedTaken.await(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public CompletableFuture<IntakeResult> submit(IntakeBatch batch) {
            if (isRequestLog(batch)) {
                // The previous request's log record arrives after its answer: it must not take the
                // answer scripted for the next request.
                return real.submit(batch);
            }
            CompletableFuture<IntakeResult> scripted = next.getAndSet(null);
            if (scripted == null) {
                return real.submit(batch);
            }
            scriptedTaken.countDown();
            return scripted;
        }

        private static boolean isRequestLog(IntakeBatch batch) {
            return !batch.records().isEmpty() && batch.records().stream()
                    .allMatch(r -> RequestLoggingHandler.PIPELINE_ID.equals(r.pipelineId()));
        }
    }
}
