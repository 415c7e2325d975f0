package dev.pipelog.ui.explore;

import dev.pipelog.model.LogRecord;
import java.util.Collections;
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

    private final ListChangeListener<LogRecord> onMatchesChanged = this::matchesChanged;
    private PagedRecordList matches = PagedRecordList.EMPTY;
    private int base;
    private int size;

    /**
     * Shows another search's matches from {@code first} on. The table keeps this list: a new list
     * would make it rebuild every cell (and restyle them) instead of refilling them.
     */
    void show(PagedRecordList newMatches, int first) {
        matches.removeListener(onMatchesChanged);
        matches = newMatches;
        matches.addListener(onMatchesChanged);
        int oldSize = size;
        base = clampBase(first);
        size = Math.min(CAPACITY, matches.size() - base);
        announce(oldSize);
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
        int newSize = Math.min(CAPACITY, matches.size() - newBase);
        if (newBase == base && newSize == size) {
            return false;
        }
        int oldSize = size;
        base = newBase;
        size = newSize;
        announce(oldSize);
        return true;
    }

    /** Every row refilled: the ones both sizes share updated, the rest added or removed. */
    private void announce(int oldSize) {
        beginChange();
        for (int i = 0; i < Math.min(oldSize, size); i++) {
            nextUpdate(i);
        }
        if (size > oldSize) {
            nextAdd(oldSize, size);
        } else if (size < oldSize) {
            nextRemove(size, Collections.nCopies(oldSize - size, (LogRecord) null));
        }
        endChange();
    }

    private int clampBase(int first) {
        return Math.max(0, Math.min(first, matches.size() - CAPACITY));
    }

    /** Matches only grow at the end (live tail) or fill in (reads landing): mirror what the window covers. */
    private void matchesChanged(ListChangeListener.Change<? extends LogRecord> c) {
        beginChange();
        while (c.next()) {
            if (c.wasAdded()) {
                int grown = Math.min(CAPACITY, matches.size() - base);
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
