package dev.pipelog.ui.cleanup;

import dev.pipelog.model.CleanupResult;
import dev.pipelog.ui.common.Formats;

/** A finished cleanup in words: what went, and the disk figures the status bar also shows. */
final class CleanupReport {
    private CleanupReport() {
    }

    static String of(CleanupResult result) {
        String deleted = "Deleted " + Formats.count(result.records()) + " records. ";
        String disk = "On disk: " + Formats.bytes(result.diskBytesBefore()) + " → " + Formats.bytes(result.diskBytesAfter());
        // DuckDB never shrinks its file: freed blocks take new records before it grows again.
        String free = result.reclaimedBytes() > 0
                ? "; " + Formats.bytes(result.reclaimedBytes()) + " inside the file are free for new logs."
                : ".";
        return deleted + disk + free;
    }
}
