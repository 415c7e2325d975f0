package dev.pipelog.ingest;

import dev.pipelog.model.PipelineSettings;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Per-pipeline minimum stored level and retention, persisted in the data directory and changeable
 * at run time (the Pipelines view edits them; intake and cleanup read them). Thread-safe.
 */
public interface PipelineSettingsService {

    List<PipelineSettings> all();

    Optional<PipelineSettings> get(String pipelineId);

    /** Saves (replaces) the settings of one pipeline and persists them before returning. */
    void put(PipelineSettings settings);

    void remove(String pipelineId);

    /** Called after every change, on the thread that made it. */
    void addListener(Consumer<List<PipelineSettings>> listener);
}
