package dev.pipelog.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 * heap-derived default ({@link #defaultCapacity}) always leaves.
 *
 * <p>Shared fairly across client addresses: one address may hold at most {@link #perClientCapacity()},
 * half the budget but never less than two maximum bodies (one raw gzip body and its decoded size),
 * so a client that posts many large or crawling bodies cannot take the room every other address
 * needs. Thread-safe.
 */
final class BodyBudget {
    /** Bodies leave the budget as soon as their batch is queued, so room comes back quickly. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(BodyBudget.class);
    /** Requests whose address is unknown share one client's room. */
    private static final InetAddress UNKNOWN_CLIENT = InetAddress.getLoopbackAddress();

    private final long capacity;
    private final long perClient;
    private final AtomicLong held = new AtomicLong();
    /** Bytes held per client address; an address leaves the map when it holds nothing. */
    private final Map<InetAddress, Long> heldByClient = new HashMap<>();

    /** @throws IllegalArgumentException when {@code capacity} cannot hold one body of {@code maxBodyBytes} */
    BodyBudget(long capacity, long maxBodyBytes) {
        if (capacity < maxBodyBytes) {
            throw new IllegalArgumentException("a body budget of " + capacity
                    + " bytes could never take a legal body of " + maxBodyBytes + " bytes");
        }
        this.capacity = capacity;
        this.perClient = Math.min(capacity, Math.max(capacity / 2, 2 * maxBodyBytes));
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

    /** The most one client address may hold at once. */
    long perClientCapacity() {
        return perClient;
    }

    long held() {
        return held.get();
    }

    /** A new, empty reservation for one request from {@code client} (null when unknown: all unknowns share one share). */
    Reservation reservation(InetAddress client) {
        return new Reservation(client == null ? UNKNOWN_CLIENT : client);
    }

    /** A reservation for a request whose client address does not matter (tests of the total alone). */
    Reservation reservation() {
        return reservation(null);
    }

    private synchronized boolean tryTake(InetAddress client, long bytes) {
        long clientHeld = heldByClient.getOrDefault(client, 0L);
        if (held.get() + bytes > capacity || clientHeld + bytes > perClient) {
            return false;
        }
        held.addAndGet(bytes);
        heldByClient.put(client, clientHeld + bytes);
        return true;
    }

    private synchronized void give(InetAddress client, long bytes) {
        long left = held.addAndGet(-bytes);
        long clientLeft = heldByClient.getOrDefault(client, 0L) - bytes;
        if (left < 0 || clientLeft < 0) {
            throw new IllegalStateException("body budget released more than it reserved (" + left + " bytes held, "
                    + clientLeft + " by " + client + ")");
        }
        if (clientLeft == 0) {
            heldByClient.remove(client);
        } else {
            heldByClient.put(client, clientLeft);
        }
    }

    /**
     * What one request holds. Grows while its body arrives; {@link #release()} gives everything back
     * once and closes it, so a release from both the handler and the exchange's completion listener
     * is harmless, and a grow after the release cannot leak.
     */
    final class Reservation {
        private final InetAddress client;
        private long bytes;
        private boolean closed;

        private Reservation(InetAddress client) {
            this.client = client;
        }

        /** @return false (and nothing reserved) when {@code more} does not fit or this is released */
        synchronized boolean grow(long more) {
            if (more < 0) {
                throw new IllegalArgumentException("cannot grow by " + more + " bytes");
            }
            if (closed) {
                return false;
            }
            if (!tryTake(client, more)) {
                LOG.debug("request body from {} refused: {} more bytes would exceed the body budget ({} of {} bytes"
                        + " held; at most {} per client address)", client, more, held.get(), capacity, perClient);
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
            give(client, bytes);
            bytes = 0;
        }
    }
}
