package dev.pipelog.ui.explore;

import dev.pipelog.model.LogRecord;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableListBase;

/**
 * The rows the results table holds: at most {@link #CAPACITY} consecutive matches, starting at
 * match {@link #base()}. JavaFX's VirtualFlow keeps size bookkeeping for every row up to the
 * largest one it was asked to show and walks it whenever the row count changes: over ten million
 * rows that cost seconds per live-tail tick and most of a jump to the end. Over a window it costs
 * nothing a user notices; {@link TableScroller} maps a separate scroll bar onto all the matches
 * and moves the window under the viewport. FX thread only.
 */
final class RowWindow extends ObservableListBase<LogRecord> {
    static final int CAPACITY = 5_000;

    private final PagedRecordList matches;
    private final int capacity;
    private int base;
    private int size;

    /** A window showing the rows from {@code first} on (clamped so it stays as full as it can). */
    RowWindow(PagedRecordList matches, int capacity, int first) {
        this.matches = matches;
        this.capacity = capacity;
        this.base = clampBase(first);
        this.size = Math.min(capacity, matches.size() - base);
        matches.addListener(this::matchesChanged);
    }

    /** The match shown at row 0. */
    int base() {
        return base;
    }

    /** All the matches, of which this shows a window. */
    PagedRecordList matches() {
        return matches;
    }

    @Override
    public int size() {
        return size;
    }

    /** The match at {@code base() + row}, or null while it loads. */
    @Override
    public LogRecord get(int row) {
        Objects.checkIndex(row, size);
        return matches.get(base + row);
    }

    /**
     * Shows the matches from {@code first} on, clamped so the window stays full; announces every
     * row as updated (the row count stays the same, so the table only refills its visible cells).
     *
     * @return false when the window already started there
     */
    boolean moveTo(int first) {
        int newBase = clampBase(first);
        int newSize = Math.min(capacity, matches.size() - newBase);
        if (newBase == base && newSize == size) {
            return false;
        }
        int oldSize = size;
        base = newBase;
        size = newSize;
        beginChange();
        for (int i = 0; i < Math.min(oldSize, newSize); i++) {
            nextUpdate(i);
        }
        if (newSize > oldSize) {
            nextAdd(oldSize, newSize);
        }
        endChange();
        return true;
    }

    private int clampBase(int first) {
        return Math.max(0, Math.min(first, matches.size() - capacity));
    }

    /** Matches only grow at the end (live tail) or fill in (reads landing): mirror what the window covers. */
    private void matchesChanged(ListChangeListener.Change<? extends LogRecord> c) {
        beginChange();
        while (c.next()) {
            if (c.wasAdded()) {
                int grown = Math.min(capacity, matches.size() - base);
                if (grown > size) {
                    int from = size;
                    size = grown;
                    nextAdd(from, size);
                }
            } else if (c.wasUpdated()) {
                int from = Math.max(c.getFrom(), base);
                int to = Math.min(c.getTo(), base + size);
                for (int i = from; i < to; i++) {
                    nextUpdate(i - base);
                }
            }
        }
        endChange();
    }
}
