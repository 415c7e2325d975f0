package dev.pipelog.ingest.file;

import java.time.Duration;
import java.util.Optional;

/**
 * How far an import is.
 *
 * @param bytesRead   bytes of the file on disk read so far (compressed bytes for gzip)
 * @param bytesTotal  the file's size on disk
 * @param records     records stored (durable) so far in this run
 * @param unparsed    of those, kept as plain text because no format read them
 * @param bytesPerSecond reading rate so far
 */
public record ImportProgress(long bytesRead, long bytesTotal, long records, long unparsed, double bytesPerSecond) {

    /** 0..1. */
    public double fraction() {
        return bytesTotal <= 0 ? 1 : Math.min(1, (double) bytesRead / bytesTotal);
    }

    /** Time left at the rate so far; empty until there is a rate. */
    public Optional<Duration> eta() {
        if (bytesPerSecond <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (Math.max(0, bytesTotal - bytesRead) / bytesPerSecond * 1000)));
    }
}
