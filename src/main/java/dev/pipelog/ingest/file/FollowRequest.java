package dev.pipelog.ingest.file;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A file to follow, as remembered across restarts.
 *
 * @param pipelineId the pipeline of every record; empty: the record's own, else the file's name
 * @param format     how to read it; empty: detected from the content when the file is opened
 */
public record FollowRequest(Path file, Optional<String> pipelineId, Optional<FileFormat> format) {
    public FollowRequest {
        file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(format, "format");
        pipelineId = pipelineId.map(String::strip).filter(p -> !p.isEmpty());
    }

    ImportRequest asImport() {
        return new ImportRequest(file, pipelineId, format);
    }
}
