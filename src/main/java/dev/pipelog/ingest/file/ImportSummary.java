package dev.pipelog.ingest.file;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The outcome of one import.
 *
 * @param records   records read past what earlier imports of the file had stored, and stored now
 * @param unparsed  of those, kept as plain text because no format read them
 * @param resumedAt where reading started (0, or where an earlier import of the same file stopped)
 * @param cancelled true when the user stopped it; what it stored stays, and a new import resumes
 */
public record ImportSummary(Path file, FileFormat format, long records, long unparsed, long resumedAt,
                            boolean cancelled, Duration took) {
}
