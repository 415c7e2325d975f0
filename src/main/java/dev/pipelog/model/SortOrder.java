package dev.pipelog.model;

/** Order of results by (timestamp, id). */
public enum SortOrder {
    /** Oldest first. */
    ASCENDING,
    /** Newest first. */
    DESCENDING
}
