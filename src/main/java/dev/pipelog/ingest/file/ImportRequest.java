package dev.pipelog.ingest.file;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One file to import.
 *
 * @param pipelineId the pipeline every record gets; empty: the record's own, else the file's name
 * @param format     how to read it; empty: detected from the content
 */
public record ImportRequest(Path file, Optional<String> pipelineId, Optional<FileFormat> format) {
    public ImportRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(format, "format");
        pipelineId = pipelineId.map(String::strip).filter(p -> !p.isEmpty());
    }

    public static ImportRequest of(Path file) {
        return new ImportRequest(file, Optional.empty(), Optional.empty());
    }
}
