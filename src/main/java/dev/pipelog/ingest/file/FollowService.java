package dev.pipelog.ingest.file;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The followed files: each polled every {@link #POLL} on the given scheduler (new lines are stored
 * well within a second), remembered in a {@link FollowRegistry} so a restart follows them again
 * from where they stopped. Thread-safe: follow, stop and list from any thread; each file is polled
 * by one scheduler thread at a time.
 */
public final class FollowService implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(FollowService.class);

    private final RecordTarget target;
    private final ImportLedger ledger;
    private final Optional<FollowRegistry> registry;
    private final ZoneId zone;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Map<Path, Running> running = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param registry where follows are remembered; empty for follows that end with the process
     *                 ({@code pipelog import --follow})
     */
    public FollowService(RecordTarget target, ImportLedger ledger, Optional<FollowRegistry> registry, ZoneId zone,
                         Clock clock, ScheduledExecutorService scheduler) {
        this.target = target;
        this.ledger = ledger;
        this.registry = registry;
        this.zone = zone;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Follows again every file remembered from earlier runs. */
    public void resumeRemembered() throws IOException {
        if (registry.isEmpty()) {
            return;
        }
        for (FollowRequest request : registry.get().load()) {
            start(request);
        }
        LOG.info("Following {} remembered files", running.size());
    }

    /** Starts following (a file already followed is followed with the new settings). */
    public synchronized void follow(FollowRequest request) throws IOException {
        if (closed) {
            throw new IllegalStateException("Pipelog is shutting down");
        }
        stopRunning(request.file());
        start(request);
        save();
    }

    /** Stops following; the records stored stay. @return whether the file was followed */
    public synchronized boolean stop(Path file) throws IOException {
        boolean was = stopRunning(file.toAbsolutePath().normalize());
        save();
        return was;
    }

    public synchronized List<FollowStatus> follows() {
        List<FollowStatus> list = new ArrayList<>();
        for (Running r : running.values()) {
            synchronized (r.tail) {
                list.add(r.tail.status());
            }
        }
        return list;
    }

    /** Stops polling (what is stored stays, and the registry keeps the follows for the next start). */
    @Override
    public synchronized void close() {
        closed = true;
        for (Path file : new ArrayList<>(running.keySet())) {
            stopRunning(file);
        }
    }

    private synchronized void start(FollowRequest request) {
        FileTail tail = new FileTail(request, target, ledger, zone, clock);
        ScheduledFuture<?> polling = scheduler.scheduleWithFixedDelay(() -> poll(tail), 0, POLL.toMillis(),
                TimeUnit.MILLISECONDS);
        running.put(request.file(), new Running(tail, polling));
    }

    private static void poll(FileTail tail) {
        synchronized (tail) {
            try {
                tail.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the scheduler is shutting down
            } catch (RuntimeException e) {
                LOG.error("Following failed unexpectedly; the next poll tries again", e);
            }
        }
    }

    private boolean stopRunning(Path file) {
        Running r = running.remove(file);
        if (r == null) {
            return false;
        }
        r.polling.cancel(false);
        synchronized (r.tail) {
            r.tail.stop();
        }
        return true;
    }

    private void save() throws IOException {
        if (registry.isPresent()) {
            List<FollowRequest> requests = new ArrayList<>();
            for (Running r : running.values()) {
                requests.add(r.tail.status().request());
            }
            registry.get().save(requests);
        }
    }

    private record Running(FileTail tail, ScheduledFuture<?> polling) {
    }
}
