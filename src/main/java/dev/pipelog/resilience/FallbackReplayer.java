package dev.pipelog.resilience;

import dev.pipelog.ingest.DistinctIds;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.LogRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves fallback files back into the store, oldest first, on its own thread: at start-up, when the
 * store works again, and on a slow poll while files wait.
 *
 * <p>Each record is stored exactly once: replays always deduplicate by id, and a file is deleted
 * only after all its records are committed, so a crash between commit and delete replays the file
 * into a no-op. Lines that are not stored records (a torn last line after a crash, corruption) do
 * not stop the replay: they are written to {@code quarantine/<file>.bad} before the file is
 * deleted, and counted.
 *
 * <p>Thread-safe: {@link #trigger()} may be called from any thread; replays run on one thread.
 */
public final class FallbackReplayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackReplayer.class);
    /** The active file is taken while storage is failing only after it has rested this long. */
    private static final long ACTIVE_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final FallbackSpool spool;
    private final GuardedStore store;
    private final int batchSize;
    private final Duration pollInterval;
    private final Path quarantineDirectory;
    private final AtomicLong quarantinedLines = new AtomicLong();
    private final Object signal = new Object();
    private boolean triggered;
    private volatile boolean stopped;
    private Thread thread;

    public FallbackReplayer(FallbackSpool spool, GuardedStore store, int batchSize, Duration pollInterval)
            throws IOException {
        this.spool = spool;
        this.store = store;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.quarantineDirectory = spool.directory().resolve("quarantine");
        quarantinedLines.set(countQuarantined());
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

    public long quarantinedLines() {
        return quarantinedLines.get();
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
                        signal.wait(pollInterval.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                storeKnownGood = triggered;
                triggered = false;
            }
            if (!stopped && spool.fileCount() > 0 && store.mayAttempt()) {
                replayAvailable(storeKnownGood);
            }
        }
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
        List<String> bad = new ArrayList<>();
        List<LogRecord> batch = new ArrayList<>(batchSize);
        long stored = 0;
        long lineNumber = 0;
        // A decoder that replaces bad bytes: corruption must cost a line, not the whole file.
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    batch.add(RecordJson.readLine(line));
                } catch (IllegalArgumentException e) {
                    bad.add(line);
                    LOG.warn("Fallback file {} line {} is not a stored record ({}); quarantined",
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
            quarantine(file, bad);
        }
        spool.remove(file);
        LOG.info("Replayed fallback file {}: {} records newly stored, {} lines quarantined",
                file.getFileName(), stored, bad.size());
        return true;
    }

    /** Written whole (temp file + move), so replaying the same file twice leaves one copy of its bad lines. */
    private void quarantine(Path file, List<String> lines) throws IOException {
        Files.createDirectories(quarantineDirectory);
        Path target = quarantineDirectory.resolve(file.getFileName() + ".bad");
        Path temp = quarantineDirectory.resolve(file.getFileName() + ".bad.tmp");
        Files.write(temp, lines, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        long previous = Files.exists(target) ? lineCount(target) : 0;
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        quarantinedLines.addAndGet(lines.size() - previous);
    }

    private long countQuarantined() throws IOException {
        if (!Files.isDirectory(quarantineDirectory)) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> list = Files.list(quarantineDirectory)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (p.getFileName().toString().endsWith(".bad")) {
                    total += lineCount(p);
                }
            }
        }
        return total;
    }

    private static long lineCount(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.count();
        }
    }
}
