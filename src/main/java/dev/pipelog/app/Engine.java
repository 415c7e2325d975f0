package dev.pipelog.app;

import dev.pipelog.Version;
import dev.pipelog.app.capture.LogCapture;
import dev.pipelog.config.Settings;
import dev.pipelog.ingest.BatchingIntake;
import dev.pipelog.ingest.HealthService;
import dev.pipelog.ingest.IngestMetrics;
import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeHealth;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.JsonFilePipelineSettings;
import dev.pipelog.ingest.PipelineSettingsService;
import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.model.LogRecord;
import dev.pipelog.resilience.FallbackReplayer;
import dev.pipelog.resilience.FallbackSpool;
import dev.pipelog.resilience.GuardedStore;
import dev.pipelog.resilience.Quarantine;
import dev.pipelog.resilience.StoreOrSpoolSink;
import dev.pipelog.store.DuckDbLogStore;
import dev.pipelog.store.LogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine both the listener and the window stand on: the store, per-pipeline settings, the
 * intake with its writer, the resilience around storage (retry, breaker, fallback files, replay),
 * health, and the capture of Pipelog's own logs. Built once by {@link #start}, stopped by
 * {@link #close}.
 *
 * <p>Thread-safe: the accessors return thread-safe services and may be called from any thread;
 * {@link #close()} may be called from any thread, any number of times.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int DEMO_BATCH = 5_000;
    /** How often waiting fallback files are looked at when nothing else wakes the replayer. */
    private static final Duration REPLAY_POLL = Duration.ofSeconds(1);

    private final LogStore store;
    private final JsonFilePipelineSettings pipelineSettings;
    private final BatchingIntake intake;
    private final HealthService health;
    private final FallbackSpool spool;
    private final FallbackReplayer replayer;
    private final LogCapture capture;
    private final FileServices files;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Engine(LogStore store, JsonFilePipelineSettings pipelineSettings, BatchingIntake intake,
                   HealthService health, FallbackSpool spool, FallbackReplayer replayer, LogCapture capture,
                   FileServices files) {
        this.store = store;
        this.pipelineSettings = pipelineSettings;
        this.intake = intake;
        this.health = health;
        this.spool = spool;
        this.replayer = replayer;
        this.capture = capture;
        this.files = files;
    }

    /**
     * Opens (creating if needed) the data directory and database, replays fallback files left from
     * earlier runs in the background, and starts taking records.
     *
     * @throws UncheckedIOException when the data directory, settings file or fallback directory cannot be used
     * @throws dev.pipelog.store.StoreException when the database cannot be opened
     */
    public static Engine start(Settings settings) {
        try {
            Files.createDirectories(settings.dataDir());
            Path dbParent = settings.databasePath().toAbsolutePath().getParent();
            if (dbParent != null) {
                Files.createDirectories(dbParent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + settings.dataDir(), e);
        }
        return start(settings, DuckDbLogStore.open(settings.databasePath(), settings.queryTimeout(),
                settings.databaseMemoryBytes()));
    }

    /** Starts the engine on an already open store, which it then owns (tests wrap the real store). */
    static Engine start(Settings settings, LogStore store) {
        try {
            var metrics = new IngestMetrics();
            metrics.seedStoredTotal(store.totalCount());
            var pipelineSettings = JsonFilePipelineSettings.open(settings.dataDir());
            var quarantine = new Quarantine(settings.fallbackDirectory().resolve("quarantine"));
            GuardedStore guarded = settings.faultTolerance()
                    ? GuardedStore.withPolicies(store, metrics, quarantine, settings)
                    : GuardedStore.direct(store, metrics, quarantine);
            boolean spoolNewBatches = settings.faultTolerance() && settings.fallbackEnabled();
            // Files left from a run with fallback on are acknowledged records: replay them whatever the settings now.
            FallbackSpool spool = spoolNewBatches || Files.isDirectory(settings.fallbackDirectory())
                    ? new FallbackSpool(settings.fallbackDirectory(), settings.fallbackMaxFiles(),
                            FallbackSpool.DEFAULT_MAX_FILE_BYTES)
                    : null;
            FallbackReplayer replayer = spool == null ? null
                    : new FallbackReplayer(spool, guarded, quarantine, settings.batchSize(), REPLAY_POLL);
            if (replayer != null) {
                guarded.onRecovery(replayer::trigger);
            }
            var sink = new StoreOrSpoolSink(guarded, spool, spoolNewBatches, replayer, quarantine);
            var intake = new BatchingIntake(sink, pipelineSettings, metrics, settings.queueCapacity(),
                    queueBytes(), settings.batchSize(), settings.flushInterval());
            var health = new IntakeHealth(Version.current(), intake, sink, metrics, store);
            if (replayer != null) {
                replayer.start();
            }
            FileServices files = FileServices.start(settings, intake);
            LogCapture capture = LogCapture.install(intake, metrics, settings.logLevel());
            LOG.info("Engine started on {} ({} records stored, {} fallback files waiting)",
                    settings.databasePath(), metrics.storedTotal(), spool == null ? 0 : spool.fileCount());
            return new Engine(store, pipelineSettings, intake, health, spool, replayer, capture, files);
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("cannot start the engine: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** A quarter of the heap for queued records: the rest is the window's, the listener's, decoding's. */
    private static long queueBytes() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    public LogStore store() {
        return store;
    }

    public Intake intake() {
        return intake;
    }

    public HealthService health() {
        return health;
    }

    public PipelineSettingsService pipelineSettings() {
        return pipelineSettings;
    }

    /** Importing and following log files; follows are resumed only when asked ({@link FileServices#resumeFollows}). */
    public FileServices files() {
        return files;
    }

    /**
     * Generates realistic demo records and submits them through the intake in batches, on a
     * background thread, waiting out overload.
     *
     * @param progress told the number of records stored so far after each batch (on the loading thread)
     * @return completes with the number of records accepted, or exceptionally when the intake is unavailable
     */
    public CompletableFuture<Long> loadDemoData(int records, LongConsumer progress) {
        return CompletableFuture.supplyAsync(() -> {
            var generator = new DemoGenerator(System.nanoTime(), Instant.now(), Duration.ofDays(7), records);
            long done = 0;
            while (done < records) {
                List<LogRecord> batch = generator.next((int) Math.min(DEMO_BATCH, records - done));
                done += submitWaitingOutOverload(batch);
                progress.accept(done);
            }
            return done;
        }, runnable -> {
            Thread t = new Thread(runnable, "pipelog-demo");
            t.setDaemon(true);
            t.start();
        });
    }

    private int submitWaitingOutOverload(List<LogRecord> batch) {
        while (true) {
            IntakeResult result = intake.submit(IntakeBatch.withServerIds(batch)).join();
            if (result instanceof IntakeResult.Accepted) {
                return ((IntakeResult.Accepted) result).accepted();
            }
            if (result instanceof IntakeResult.Overloaded) {
                sleep(((IntakeResult.Overloaded) result).retryAfter());
                continue;
            }
            throw new CompletionException(new IllegalStateException("demo data not stored: " + result));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /**
     * Stops capturing, makes every accepted record durable (the writer drains its queue), stops
     * the replayer and closes the store. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        files.close();
        capture.close();
        intake.close();
        if (replayer != null) {
            replayer.close();
        }
        try {
            if (spool != null) {
                spool.close();
            }
        } catch (IOException e) {
            LOG.warn("Closing the fallback file failed; its records are fsync'd already", e);
        }
        store.close();
        LOG.info("Engine stopped");
    }
}
