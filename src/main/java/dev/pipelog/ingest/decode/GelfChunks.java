package dev.pipelog.ingest.decode;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reassembles chunked GELF UDP datagrams: {@code 0x1e 0x0f}, an 8-byte message id, the chunk's
 * sequence number and the chunk count (at most 128), then the data. A message whose chunks do not all
 * arrive within {@code timeout} (5 s in the GELF spec) is discarded and counted. A datagram without the
 * magic bytes is a whole message. Not thread-safe: one per UDP socket.
 */
public final class GelfChunks {
    private static final int MAX_CHUNKS = 128;
    private static final int MAX_PENDING = 1_000;

    private final Duration timeout;
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private long incomplete;

    private static final class Pending {
        final byte[][] parts;
        final long firstNanos;
        int received;

        Pending(int count, long now) {
            parts = new byte[count][];
            firstNanos = now;
        }
    }

    public GelfChunks(Duration timeout) {
        this.timeout = timeout;
    }

    /** @return the whole message once its last chunk arrived; empty while chunks are missing or for a bad chunk */
    public Optional<byte[]> accept(byte[] datagram, int length, long nowNanos) {
        expire(nowNanos);
        if (length < 2 || datagram[0] != 0x1e || datagram[1] != 0x0f) {
            return Optional.of(Arrays.copyOf(datagram, length));
        }
        if (length < 12) {
            incomplete++;
            return Optional.empty();
        }
        long id = 0;
        for (int i = 2; i < 10; i++) {
            id = id << 8 | (datagram[i] & 0xFF);
        }
        int seq = datagram[10] & 0xFF;
        int count = datagram[11] & 0xFF;
        if (count == 0 || count > MAX_CHUNKS || seq >= count) {
            incomplete++;
            return Optional.empty();
        }
        if (!pending.containsKey(id) && pending.size() >= MAX_PENDING) {
            Iterator<Long> oldest = pending.keySet().iterator();
            oldest.next();
            oldest.remove();
            incomplete++;
        }
        Pending p = pending.computeIfAbsent(id, k -> new Pending(count, nowNanos));
        if (p.parts.length != count || p.parts[seq] != null) {
            return Optional.empty();
        }
        p.parts[seq] = Arrays.copyOfRange(datagram, 12, length);
        if (++p.received < count) {
            return Optional.empty();
        }
        pending.remove(id);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (byte[] part : p.parts) {
            whole.writeBytes(part);
        }
        return Optional.of(whole.toByteArray());
    }

    /** Messages given up on so far (chunks missing past the timeout, or malformed chunk headers). */
    public long incomplete() {
        return incomplete;
    }

    private void expire(long nowNanos) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next().firstNanos > timeout.toNanos()) {
                it.remove();
                incomplete++;
            }
        }
    }
}
