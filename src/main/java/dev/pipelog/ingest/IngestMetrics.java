package dev.pipelog.ingest;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running counts behind the health snapshot: every record that enters, is stored, is refused
 * or is dropped somewhere is counted here, so nothing disappears without a number.
 *
 * <p>Thread-safe; every method is lock-free and cheap enough to call per batch.
 */
public final class IngestMetrics {
    /** The ingest rate is averaged over this many whole seconds. */
    static final int RATE_WINDOW_SECONDS = 5;

    private final LongAdder accepted = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder droppedByPolicy = new LongAdder();
    private final LongAdder shed = new LongAdder();
    private final AtomicLong storedTotal = new AtomicLong();
    // One slot per second (ring of RATE_WINDOW_SECONDS + 1), tagged with the second it belongs to.
    private final AtomicLongArray rateCounts = new AtomicLongArray(RATE_WINDOW_SECONDS + 1);
    private final AtomicLongArray rateSeconds = new AtomicLongArray(RATE_WINDOW_SECONDS + 1);

    /** Starts the stored total from the store's count, read once at start-up. */
    public void seedStoredTotal(long total) {
        storedTotal.set(total);
    }

    public void accepted(long n) {
        accepted.add(n);
    }

    public void rejected(long n) {
        rejected.add(n);
    }

    public void droppedByPolicy(long n) {
        droppedByPolicy.add(n);
    }

    /** Records the app's own log capture had to throw away under pressure. */
    public void shed(long n) {
        shed.add(n);
    }

    /** Records newly committed to the store (by the writer or by a replay). */
    public void stored(long n) {
        stored.add(n);
        storedTotal.addAndGet(n);
        long second = System.currentTimeMillis() / 1000;
        int slot = (int) (second % rateCounts.length());
        long slotSecond = rateSeconds.get(slot);
        if (slotSecond != second && rateSeconds.compareAndSet(slot, slotSecond, second)) {
            rateCounts.set(slot, 0);
        }
        rateCounts.addAndGet(slot, n);
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    public long storedCount() {
        return stored.sum();
    }

    public long rejectedCount() {
        return rejected.sum();
    }

    public long droppedByPolicyCount() {
        return droppedByPolicy.sum();
    }

    public long shedCount() {
        return shed.sum();
    }

    public long storedTotal() {
        return storedTotal.get();
    }

    /** Records stored per second over the last complete seconds (the current partial second excluded). */
    public double ingestRate() {
        long now = System.currentTimeMillis() / 1000;
        long sum = 0;
        for (int i = 0; i < rateCounts.length(); i++) {
            long second = rateSeconds.get(i);
            if (second < now && second >= now - RATE_WINDOW_SECONDS) {
                sum += rateCounts.get(i);
            }
        }
        return sum / (double) RATE_WINDOW_SECONDS;
    }
}
