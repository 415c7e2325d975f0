package dev.pipelog.resilience;

import dev.pipelog.config.Settings;
import dev.pipelog.ingest.BatchingIntake;
import dev.pipelog.ingest.IngestMetrics;
import dev.pipelog.ingest.IntakeHealth;
import dev.pipelog.ingest.JsonFilePipelineSettings;
import dev.pipelog.model.Health;
import dev.pipelog.store.DuckDbLogStore;
import java.io.IOException;
import java.time.Duration;

/** The intake with its resilience, wired as the engine wires it, on a real store behind a fault injector. */
public final class ResilienceRig implements AutoCloseable {
    public final FaultInjectingStore store;
    public final IngestMetrics metrics = new IngestMetrics();
    public final JsonFilePipelineSettings pipelineSettings;
    final Quarantine quarantine;
    final GuardedStore guarded;
    final FallbackSpool spool;
    final FallbackReplayer replayer;
    public final BatchingIntake intake;
    final IntakeHealth health;

    public ResilienceRig(Settings settings, long maxFileBytes, Duration replayPoll) throws IOException {
        this(settings, maxFileBytes, replayPoll, Long.MAX_VALUE);
    }

    /**
     * @param maxFileBytes  rotation size of fallback files
     * @param replayPoll    how often the replayer looks for waiting files by itself
     * @param queueBytes    the intake queue's bound on the estimated heap of its records
     */
    public ResilienceRig(Settings settings, long maxFileBytes, Duration replayPoll, long queueBytes) throws IOException {
        store = new FaultInjectingStore(DuckDbLogStore.open(settings.databasePath(), settings.queryTimeout()));
        quarantine = new Quarantine(settings.fallbackDirectory().resolve("quarantine"));
        guarded = settings.faultTolerance()
                ? GuardedStore.withPolicies(store, metrics, quarantine, settings)
                : GuardedStore.direct(store, metrics, quarantine);
        boolean spoolNew = settings.faultTolerance() && settings.fallbackEnabled();
        spool = spoolNew ? new FallbackSpool(settings.fallbackDirectory(), settings.fallbackMaxFiles(), maxFileBytes)
                : null;
        replayer = spool == null ? null
                : new FallbackReplayer(spool, guarded, quarantine, settings.batchSize(), replayPoll);
        if (replayer != null) {
            guarded.onRecovery(replayer::trigger);
        }
        var sink = new StoreOrSpoolSink(guarded, spool, spoolNew, replayer, quarantine);
        pipelineSettings = JsonFilePipelineSettings.open(settings.dataDir());
        intake = new BatchingIntake(sink, pipelineSettings, metrics,
                settings.queueCapacity(), queueBytes, settings.batchSize(), settings.flushInterval());
        health = new IntakeHealth("test", intake, sink, metrics, store);
        if (replayer != null) {
            replayer.start();
        }
    }

    public Health health() {
        return health.health();
    }

    /** The rig with the defaults of the tests: 64 MB fallback files, replayer polling once a second. */
    public static ResilienceRig on(Settings settings) throws IOException {
        return new ResilienceRig(settings, FallbackSpool.DEFAULT_MAX_FILE_BYTES, Duration.ofSeconds(1));
    }

    @Override
    public void close() throws IOException {
        intake.close();
        if (replayer != null) {
            replayer.close();
        }
        if (spool != null) {
            spool.close();
        }
        store.close();
    }
}
