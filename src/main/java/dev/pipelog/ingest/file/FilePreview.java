package dev.pipelog.ingest.file;

import dev.pipelog.model.LogRecord;
import java.util.List;

/**
 * The first records of a file as an import would store them, before anything is stored.
 *
 * @param detected true when the format was detected, false when the user chose it
 * @param unparsed of the previewed records, those no format read
 */
public record FilePreview(LogFile file, FileFormat format, boolean detected, List<LogRecord> records, long unparsed) {
    public FilePreview {
        records = List.copyOf(records);
    }
}
