package dev.pipelog.ui.explore;

import dev.pipelog.model.LogRecord;
import dev.pipelog.ui.common.UiTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.collections.ObservableListBase;
import javafx.concurrent.Task;

/**
 * The matches of one search, oldest first, as a list a {@code TableView} can show without holding
 * them: {@link #size()} is the exact match count; {@link #get(int)} answers from a bounded window of
 * loaded blocks and returns null for a row not loaded yet, asking the {@link KeysetSeeker} for it in
 * the background. One read runs at a time; when it lands the rows it covers are announced as
 * updated, and the table asks again for whatever it still lacks. FX thread only.
 */
final class PagedRecordList extends ObservableListBase<LogRecord> {
    static final int MAX_BLOCKS = 40;
    static final int MAX_TAIL_ROWS = 5_000;
    private static final int MAX_MISSES = 4;
    /** No search shown yet. */
    static final PagedRecordList EMPTY = new PagedRecordList(null, Runnable::run, 0, null, e -> { });

    private final KeysetSeeker seeker;
    private final Executor executor;
    private final Consumer<Throwable> onError;
    private final TreeMap<Integer, Block> blocks = new TreeMap<>();
    private int size;
    private int wanted = -1;
    private int misses;
    private Task<Block> inFlight;
    private boolean disposed;

    PagedRecordList(KeysetSeeker seeker, Executor executor, int size, Block initial, Consumer<Throwable> onError) {
        this.seeker = seeker;
        this.executor = executor;
        this.size = size;
        this.onError = onError;
        if (initial != null && !initial.records().isEmpty()) {
            blocks.put(initial.start(), initial);
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** The record at {@code row}, or null while it loads. */
    @Override
    public LogRecord get(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException(row);
        }
        Block block = blockAt(row);
        if (block != null) {
            return block.records().get(row - block.start());
        }
        wanted = row;
        if (inFlight == null && !disposed) {
            load(row);
        }
        return null;
    }

    boolean isLoaded(int row) {
        return blockAt(row) != null;
    }

    /** The last record, when the end of the list is loaded (live tail continues after it). */
    LogRecord lastLoaded() {
        Block last = blocks.isEmpty() ? null : blocks.lastEntry().getValue();
        return last != null && last.end() == size ? last.last() : null;
    }

    /**
     * Appends records that arrived after the last one (live tail); one change for all of them. The
     * end block keeps at most {@link #MAX_TAIL_ROWS}: under heavy intake older rows fall out of
     * memory and are read again if the user scrolls back to them.
     */
    void append(List<LogRecord> arrived) {
        if (arrived.isEmpty()) {
            return;
        }
        Block last = blocks.lastEntry().getValue();
        List<LogRecord> merged = new ArrayList<>(last.records());
        merged.addAll(arrived);
        int drop = Math.max(0, merged.size() - MAX_TAIL_ROWS);
        blocks.remove(last.start());
        blocks.put(last.start() + drop, new Block(last.start() + drop, merged.subList(drop, merged.size())));
        int from = size;
        size += arrived.size();
        beginChange();
        nextAdd(from, size);
        endChange();
        evict(size - 1);
    }

    /**
     * More arrived than live tail reads at once: the list grows to the new count and shows its last
     * rows; the ones in between load if the user scrolls up to them.
     */
    void skipTo(int newSize, Block end) {
        growTo(newSize);
        insert(end);
    }

    /** Grows the list when records arrived but the end is not loaded; they load when scrolled to. */
    void growTo(int newSize) {
        if (newSize <= size) {
            return;
        }
        int from = size;
        size = newSize;
        beginChange();
        nextAdd(from, size);
        endChange();
    }

    /** Stops loading; a replaced search must not write into the table. */
    void dispose() {
        disposed = true;
        if (inFlight != null) {
            inFlight.cancel();
        }
    }

    private Block blockAt(int row) {
        Map.Entry<Integer, Block> e = blocks.floorEntry(row);
        return e != null && e.getValue().contains(row) ? e.getValue() : null;
    }

    private void load(int row) {
        Map.Entry<Integer, Block> before = blocks.floorEntry(row);
        Map.Entry<Integer, Block> after = blocks.higherEntry(row);
        List<Block> known = List.copyOf(blocks.values());
        int currentSize = size;
        inFlight = UiTask.supply(() -> seeker.fetch(row, currentSize,
                        before == null ? null : before.getValue(), after == null ? null : after.getValue(), known))
                .onSuccess(this::landed)
                .onError(e -> {
                    inFlight = null;
                    onError.accept(e);
                })
                .start(executor);
    }

    private void landed(Block block) {
        inFlight = null;
        if (disposed) {
            return;
        }
        insert(block);
        // A read that missed the wanted row still taught the seeker where it is; try a few times.
        misses = block.contains(wanted) ? 0 : misses + 1;
        if (wanted >= 0 && wanted < size && blockAt(wanted) == null && misses < MAX_MISSES) {
            load(wanted);
        }
    }

    /** Keeps a block (replacing any it overlaps) and tells the table its rows changed. */
    private void insert(Block block) {
        int end = Math.min(block.end(), size);
        if (block.start() >= end) {
            return;
        }
        Block fitted = end == block.end() ? block
                : new Block(block.start(), block.records().subList(0, end - block.start()));
        blocks.values().removeIf(b -> b.start() < fitted.end() && fitted.start() < b.end());
        blocks.put(fitted.start(), fitted);
        evict(fitted.start()); // never the block just read
        beginChange();
        for (int i = fitted.start(); i < fitted.end(); i++) {
            nextUpdate(i);
        }
        endChange();
    }

    private void evict(int keepNear) {
        while (blocks.size() > MAX_BLOCKS) {
            Block farthest = blocks.values().stream()
                    .max((a, b) -> Integer.compare(distance(a, keepNear), distance(b, keepNear)))
                    .orElseThrow();
            blocks.remove(farthest.start());
        }
    }

    private static int distance(Block b, int row) {
        return row < b.start() ? b.start() - row : Math.max(0, row - b.end() + 1);
    }
}
