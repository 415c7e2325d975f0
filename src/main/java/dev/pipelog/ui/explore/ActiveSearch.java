package dev.pipelog.ui.explore;

import dev.pipelog.model.LogQuery;

/** The search the table shows: its resolved query, the seeker reading it and the rows. */
record ActiveSearch(LogQuery query, KeysetSeeker seeker, PagedRecordList rows) {
}
