package dev.pipelog.api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of request bodies one server may hold in memory at once, shared by all its requests.
 * Without it, every worker thread could hold a whole body (and its decoded records) at the same
 * time, so a small heap could run out under many large concurrent posts. A request takes a
 * {@link Reservation} before it holds bytes and gives it back once the Intake has its batch (the
 * queue's own heap bound covers the records from then on) or the request ends.
 *
 * <p>Never blocks: a reservation that does not fit fails at once, so IO threads never wait, and
 * the client is told to retry. The capacity is at least the largest legal body, so a body alone
 * on an idle server always fits; a gzip body also needs room for its decoded size, which the
 * heap-derived default ({@link #defaultCapacity}) always leaves. Thread-safe.
 */
final class BodyBudget {
    /** Bodies leave the budget as soon as their batch is queued, so room comes back quickly. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(BodyBudget.class);

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    /** @throws IllegalArgumentException when {@code capacity} cannot hold one body of {@code maxBodyBytes} */
    BodyBudget(long capacity, long maxBodyBytes) {
        if (capacity < maxBodyBytes) {
            throw new IllegalArgumentException("a body budget of " + capacity
                    + " bytes could never take a legal body of " + maxBodyBytes + " bytes");
        }
        this.capacity = capacity;
    }

    /**
     * An eighth of the heap, but at least two maximum bodies: one raw and one decoded gzip body
     * always fit on an idle server, whatever the heap.
     */
    static long defaultCapacity(long maxBodyBytes) {
        return Math.max(2 * maxBodyBytes, Runtime.getRuntime().maxMemory() / 8);
    }

    long capacity() {
        return capacity;
    }

    long held() {
        return held.get();
    }

    /** A new, empty reservation for one request. */
    Reservation reservation() {
        return new Reservation();
    }

    private boolean tryTake(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    private void give(long bytes) {
        long left = held.addAndGet(-bytes);
        if (left < 0) {
            throw new IllegalStateException("body budget released more than it reserved (" + left + " bytes held)");
        }
    }

    /**
     * What one request holds. Grows while its body arrives; {@link #release()} gives everything back
     * once and closes it, so a release from both the handler and the exchange's completion listener
     * is harmless, and a grow after the release cannot leak.
     */
    final class Reservation {
        private long bytes;
        private boolean closed;

        /** @return false (and nothing reserved) when {@code more} does not fit or this is released */
        synchronized boolean grow(long more) {
            if (more < 0) {
                throw new IllegalArgumentException("cannot grow by " + more + " bytes");
            }
            if (closed) {
                return false;
            }
            if (!tryTake(more)) {
                LOG.debug("request body refused: {} more bytes would exceed the body budget ({} of {} bytes held)",
                        more, held.get(), capacity);
                return false;
            }
            bytes += more;
            return true;
        }

        synchronized long bytes() {
            return bytes;
        }

        synchronized void release() {
            if (closed) {
                return;
            }
            closed = true;
            give(bytes);
            bytes = 0;
        }
    }
}
