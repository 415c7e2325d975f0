package dev.pipelog.model;

import java.util.List;

/**
 * One page of results in (timestamp, id) order. {@code nextCursor} is null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
