package dev.pipelog.resilience;

import dev.pipelog.ingest.DistinctIds;
import dev.pipelog.model.LogRecord;
import dev.pipelog.ingest.decode.RecordRejectedException;
import dev.pipelog.ingest.decode.StoredRecordReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves fallback files back into the store, oldest first, on its own thread: at start-up, when the
 * store works again, and on a slow poll while files wait.
 *
 * <p>Each record is stored exactly once: replays always deduplicate by id, and a file is deleted
 * only after all its records are committed, so a crash between commit and delete replays the file
 * into a no-op. Every line is read under intake's rules ({@link StoredRecordReader}). Lines that
 * are not records the store may hold (a torn last line after a crash, corruption, a value intake
 * would refuse) do not stop the replay: they are kept byte for byte in the {@link Quarantine} with
 * their reasons before the file is deleted, and counted; a record the store itself refuses is
 * isolated from its batch by {@link GuardedStore}. So no file blocks the ones behind it: only
 * storage failing pauses replay.
 *
 * <p>Thread-safe: {@link #trigger()} may be called from any thread; replays run on one thread.
 */
public final class FallbackReplayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackReplayer.class);
    /** The active file is taken while storage is failing only after it has rested this long. */
    private static final long ACTIVE_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * Records read before each write: the first write is also the probe of a store that may just
     * have come back, so it should come soon, and each batch is searched for ids already stored.
     */
    private static final int MAX_REPLAY_BATCH = 1_000;

    private final FallbackSpool spool;
    private final GuardedStore store;
    private final int batchSize;
    private final Duration pollInterval;
    private final Quarantine quarantine;
    private final StoredRecordReader reader = new StoredRecordReader();
    private final Object signal = new Object();
    private boolean triggered;
    private volatile boolean stopped;
    private Thread thread;

    public FallbackReplayer(FallbackSpool spool, GuardedStore store, Quarantine quarantine, int batchSize,
                            Duration pollInterval) {
        this.spool = spool;
        this.store = store;
        this.quarantine = quarantine;
        this.batchSize = Math.min(batchSize, MAX_REPLAY_BATCH);
        this.pollInterval = pollInterval;
    }

    /** Starts the replay thread; the first pass replays whatever is left from earlier runs. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        triggered = true;
        thread = new Thread(this::run, "pipelog-replay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for a replay now, including the file being written: the store is known to work. */
    public void trigger() {
        synchronized (signal) {
            triggered = true;
            signal.notifyAll();
        }
    }

    /** Stops the thread, letting a file replay in progress end at its next batch. */
    @Override
    public void close() {
        stopped = true;
        trigger();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!stopped) {
            boolean storeKnownGood;
            synchronized (signal) {
                if (!triggered) {
                    try {
                        signal.wait(nextLookMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                storeKnownGood = triggered;
                triggered = false;
            }
            try {
                if (!stopped && spool.fileCount() > 0 && store.mayAttempt()) {
                    replayAvailable(storeKnownGood);
                }
            } catch (RuntimeException | Error e) {
                // Acknowledged records wait in these files: the replay thread must outlive any one failure.
                LOG.error("Replay of fallback files in {} failed; trying again in {} ms", spool.directory(),
                        pollInterval.toMillis(), e);
            }
        }
    }

    /** The poll interval, or sooner when an open breaker lets writes through before that. */
    private long nextLookMillis() {
        long untilProbe = store.remainingOpenDelay().toMillis();
        return untilProbe > 0 ? Math.min(pollInterval.toMillis(), untilProbe + 1) : pollInterval.toMillis();
    }

    /**
     * Replays every file that can be taken now, oldest first, stopping at the first file the
     * store does not take (it stays, with every later one, for the next pass).
     *
     * @return true when every taken file was replayed and deleted
     */
    boolean replayAvailable(boolean includeActive) {
        try {
            for (Path file : spool.takeForReplay(includeActive, ACTIVE_IDLE_NANOS)) {
                if (stopped || !replay(file)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            LOG.error("Replay of fallback files in {} failed; will try again", spool.directory(), e);
            return false;
        }
    }

    private boolean replay(Path file) throws IOException {
        List<Quarantine.BadLine> bad = new ArrayList<>();
        List<LogRecord> batch = new ArrayList<>(batchSize);
        long stored = 0;
        long lineNumber = 0;
        try (InputStream in = Files.newInputStream(file)) {
            ByteLines lines = new ByteLines(in);
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                lineNumber++;
                if (isBlank(line)) {
                    continue;
                }
                try {
                    batch.add(reader.read(utf8(line)));
                } catch (RecordRejectedException e) {
                    bad.add(new Quarantine.BadLine(line, lineNumber, e.getMessage()));
                    LOG.warn("Fallback file {} line {} is not a record the store may hold ({}); quarantined",
                            file.getFileName(), lineNumber, e.getMessage());
                }
                if (batch.size() >= batchSize) {
                    stored += store.append(DistinctIds.firstOfEach(batch), true);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                stored += store.append(DistinctIds.firstOfEach(batch), true);
            }
        } catch (StorageFailure e) {
            LOG.info("Replay of {} paused, the store does not take it yet: {}", file.getFileName(), e.getMessage());
            return false;
        }
        if (!bad.isEmpty()) {
            quarantine.keepBadLines(file, bad);
        }
        spool.remove(file);
        LOG.info("Replayed fallback file {}: {} records newly stored, {} lines quarantined",
                file.getFileName(), stored, bad.size());
        return true;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * The line as text, strictly: Pipelog writes valid UTF-8, so bytes that are not are damage,
     * and the line goes to quarantine as it is rather than replayed with replacement characters.
     */
    private static String utf8(byte[] line) throws RecordRejectedException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw RecordRejectedException.of("not valid UTF-8 (" + e + ")");
        }
    }
}
