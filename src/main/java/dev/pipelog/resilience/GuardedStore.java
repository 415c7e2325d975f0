package dev.pipelog.resilience;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.pipelog.config.Settings;
import dev.pipelog.ingest.IngestMetrics;
import dev.pipelog.model.Health;
import dev.pipelog.model.LogRecord;
import dev.pipelog.store.LogStore;
import dev.pipelog.store.RecordsRefusedException;
import dev.pipelog.store.StoreException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's append behind the retry and circuit-breaker policies, built once and shared by the
 * intake writer and the fallback replayer (a breaker created per call would never open).
 * Composition is retry outside, breaker inside: every attempt counts towards the breaker, and an
 * open breaker fails at once without spending the remaining retries.
 *
 * <p>With fault tolerance off there are no policies: one attempt, and its failure is the answer.
 *
 * <p>A batch the store refuses for its content ({@link RecordsRefusedException}) is not a storage
 * failure: it is neither retried nor counted by the breaker. It is split in halves, again and again,
 * until the records the store refuses are alone; every other record is stored and the refused ones
 * are kept in the {@link Quarantine} with the store's reason. One bad value never strands a batch,
 * nor the other clients' records written with it. Every other failure, whatever its type, counts.
 *
 * <p>Thread-safe.
 */
public final class GuardedStore {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedStore.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final LogStore store;
    private final IngestMetrics metrics;
    private final CircuitBreaker<Integer> breaker;
    private final FailsafeExecutor<Integer> executor;
    private final Duration retryAfter;
    private final AtomicReference<LastError> lastError = new AtomicReference<>();
    private final Quarantine quarantine;
    private volatile Runnable onRecovery = () -> { };

    private GuardedStore(LogStore store, IngestMetrics metrics, Quarantine quarantine, Settings settings) {
        this.store = store;
        this.metrics = metrics;
        this.quarantine = quarantine;
        if (settings == null) {
            this.breaker = null;
            this.executor = Failsafe.none();
            this.retryAfter = Duration.ofSeconds(1);
            return;
        }
        this.breaker = CircuitBreaker.<Integer>builder()
                .handleIf(GuardedStore::isStorageFailure)
                .withFailureThreshold(settings.breakerThreshold())
                .withDelay(settings.breakerTimeout())
                .withSuccessThreshold(1)
                .onOpen(e -> LOG.warn("Storage circuit breaker open: writes wait {} ms before a probe",
                        settings.breakerTimeout().toMillis()))
                .onHalfOpen(e -> LOG.info("Storage circuit breaker half-open: probing the store"))
                .onClose(e -> {
                    LOG.info("Storage circuit breaker closed: the store works again");
                    onRecovery.run();
                })
                .build();
        this.executor = Failsafe.with(retryPolicy(settings), breaker);
        this.retryAfter = settings.retryDelay().isZero() ? Duration.ofSeconds(1) : settings.retryDelay();
    }

    /** Retry with exponential backoff and jitter around a circuit breaker, as the settings say. */
    public static GuardedStore withPolicies(LogStore store, IngestMetrics metrics, Quarantine quarantine,
                                            Settings settings) {
        return new GuardedStore(store, metrics, quarantine, settings);
    }

    /** One attempt per batch, no breaker: failures go straight back to the caller. */
    public static GuardedStore direct(LogStore store, IngestMetrics metrics, Quarantine quarantine) {
        return new GuardedStore(store, metrics, quarantine, null);
    }

    /** Anything but a refusal of content: an error of any type in the store is storage failing. */
    private static boolean isStorageFailure(Throwable e) {
        return e != null && !(e instanceof RecordsRefusedException);
    }

    private RetryPolicy<Integer> retryPolicy(Settings settings) {
        var builder = RetryPolicy.<Integer>builder()
                // An open breaker answers at once; retrying it would only spend the attempts.
                .handleIf(e -> isStorageFailure(e) && !(e instanceof CircuitBreakerOpenException))
                .withMaxRetries(settings.maxRetryAttempts())
                .onFailedAttempt(e -> record(e.getLastException()))
                .onRetry(e -> LOG.warn("Storage write failed (attempt {}), retrying: {}", e.getAttemptCount(),
                        e.getLastException() == null ? "?" : e.getLastException().getMessage()));
        Duration delay = settings.retryDelay();
        if (!delay.isZero()) {
            Duration max = delay.multipliedBy(16);
            if (max.compareTo(MAX_BACKOFF) > 0) {
                max = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? delay.multipliedBy(2) : MAX_BACKOFF;
            }
            builder.withBackoff(delay, max).withJitter(0.25);
        }
        return builder.build();
    }

    /** Called (on the thread whose write closed the breaker) when the store works again. */
    public void onRecovery(Runnable action) {
        this.onRecovery = action;
    }

    /**
     * Commits the batch, retrying as the policies allow. A retry always deduplicates: a failed
     * attempt may have committed before it failed, and the retry must not store it twice.
     *
     * @return how many records were newly stored
     * @throws StorageFailure when the store did not take the batch
     */
    public int append(List<LogRecord> records, boolean deduplicate) throws StorageFailure {
        try {
            return attempt(records, deduplicate);
        } catch (RecordsRefusedException e) {
            return isolate(records, deduplicate, e);
        }
    }

    /**
     * Stores what the store takes of a batch it refused: halves are tried in order, a refused half is
     * split again, and a single refused record goes to quarantine. A storage failure on the way ends
     * it: the caller writes the whole batch elsewhere, and records stored by then are skipped on
     * replay (replays deduplicate by id).
     */
    private int isolate(List<LogRecord> records, boolean deduplicate, RecordsRefusedException refusal)
            throws StorageFailure {
        if (records.size() == 1) {
            try {
                quarantine.keepRefused(List.of(new Quarantine.RefusedRecord(records.get(0), reason(refusal))));
            } catch (IOException e) {
                throw new StorageFailure("the store refused a record (" + refusal.getMessage()
                        + ") and the quarantine could not keep it: " + e.getMessage(), retryAfter, e);
            }
            return 0;
        }
        int half = records.size() / 2;
        int stored = 0;
        for (List<LogRecord> part : List.of(records.subList(0, half), records.subList(half, records.size()))) {
            try {
                stored += attempt(part, deduplicate);
            } catch (RecordsRefusedException e) {
                stored += isolate(part, deduplicate, e);
            }
        }
        return stored;
    }

    private static String reason(RecordsRefusedException refusal) {
        Throwable cause = refusal.getCause();
        return cause == null ? refusal.getMessage() : refusal.getMessage() + " (" + cause.getClass().getSimpleName() + ")";
    }

    /** One write through the policies; a refusal of content passes through them untouched. */
    private int attempt(List<LogRecord> records, boolean deduplicate) throws StorageFailure {
        try {
            int stored = executor.get(ctx -> store.append(records, deduplicate || ctx.getAttemptCount() > 0));
            metrics.stored(stored);
            return stored;
        } catch (RecordsRefusedException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            Duration remaining = breaker.getRemainingDelay();
            throw new StorageFailure("storage is failing; circuit breaker open" + lastErrorSuffix(),
                    remaining.compareTo(retryAfter) > 0 ? remaining : retryAfter, e);
        } catch (StoreException e) {
            record(e);
            throw new StorageFailure("storage failed: " + e.getMessage(), retryAfter, e);
        } catch (RuntimeException e) {
            // FailsafeException wraps checked exceptions; anything else is a store bug, still a failure.
            Throwable cause = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
            record(cause);
            throw new StorageFailure("storage failed: " + cause, retryAfter, cause);
        } catch (Error e) {
            // Out of memory in the store: the batch goes elsewhere and the writer thread lives on.
            record(e);
            LOG.error("Storage write failed with {}", e.toString(), e);
            throw new StorageFailure("storage failed: " + e, retryAfter, e);
        }
    }

    /**
     * Whether a write now would reach the store: false only while the breaker is open and its
     * timeout has not run out.
     */
    public boolean mayAttempt() {
        return breaker == null || !breaker.isOpen() || breaker.getRemainingDelay().isZero();
    }

    /** How long an open breaker still refuses writes; zero when it lets them through. */
    public Duration remainingOpenDelay() {
        return breaker != null && breaker.isOpen() ? breaker.getRemainingDelay() : Duration.ZERO;
    }

    public Health.BreakerState breakerState() {
        if (breaker == null) {
            return Health.BreakerState.DISABLED;
        }
        if (breaker.isOpen()) {
            // Failsafe moves to half-open lazily, on the next call; report what that call will do.
            return breaker.getRemainingDelay().isZero() ? Health.BreakerState.HALF_OPEN : Health.BreakerState.OPEN;
        }
        return breaker.isHalfOpen() ? Health.BreakerState.HALF_OPEN : Health.BreakerState.CLOSED;
    }

    public Optional<LastError> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    /** Storage's last failure, for health. */
    public record LastError(String message, Instant at) {
    }

    private void record(Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            // The breaker refusing a write says nothing new about storage: keep the failure that opened it.
            return;
        }
        lastError.set(new LastError(String.valueOf(e.getMessage() == null ? e : e.getMessage()), Instant.now()));
    }

    private String lastErrorSuffix() {
        LastError last = lastError.get();
        return last == null ? "" : " (last error: " + last.message() + ")";
    }
}
