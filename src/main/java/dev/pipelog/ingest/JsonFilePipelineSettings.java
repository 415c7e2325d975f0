package dev.pipelog.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.model.Level;
import dev.pipelog.model.PipelineSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Per-pipeline settings kept in one JSON file ({@code pipeline-settings.json} in the data
 * directory), rewritten whole on each change through a temporary file and an atomic move, so a
 * crash leaves either the old file or the new one.
 *
 * <p>Thread-safe: reads are lock-free (intake reads per record); changes are serialised.
 */
public final class JsonFilePipelineSettings implements PipelineSettingsService {
    public static final String FILE_NAME = "pipeline-settings.json";
    private static final ObjectMapper MAPPER = RecordJson.MAPPER;

    private final Path file;
    private final Map<String, PipelineSettings> byPipeline = new ConcurrentHashMap<>();
    private final List<Consumer<List<PipelineSettings>>> listeners = new CopyOnWriteArrayList<>();

    private JsonFilePipelineSettings(Path file) {
        this.file = file;
    }

    /**
     * Reads the settings file of the data directory (none yet means no settings).
     *
     * @throws IOException when the file exists but cannot be read or is not valid settings
     */
    public static JsonFilePipelineSettings open(Path dataDirectory) throws IOException {
        var service = new JsonFilePipelineSettings(dataDirectory.resolve(FILE_NAME));
        if (Files.exists(service.file)) {
            service.load();
        }
        return service;
    }

    @Override
    public List<PipelineSettings> all() {
        List<PipelineSettings> list = new ArrayList<>(byPipeline.values());
        list.sort(Comparator.comparing(PipelineSettings::pipelineId));
        return List.copyOf(list);
    }

    @Override
    public Optional<PipelineSettings> get(String pipelineId) {
        return pipelineId == null ? Optional.empty() : Optional.ofNullable(byPipeline.get(pipelineId));
    }

    @Override
    public synchronized void put(PipelineSettings settings) {
        PipelineSettings previous = byPipeline.put(settings.pipelineId(), settings);
        persistOrUndo(() -> {
            if (previous == null) {
                byPipeline.remove(settings.pipelineId());
            } else {
                byPipeline.put(settings.pipelineId(), previous);
            }
        });
    }

    @Override
    public synchronized void remove(String pipelineId) {
        PipelineSettings previous = byPipeline.remove(pipelineId);
        if (previous == null) {
            return;
        }
        persistOrUndo(() -> byPipeline.put(pipelineId, previous));
    }

    @Override
    public void addListener(Consumer<List<PipelineSettings>> listener) {
        listeners.add(listener);
    }

    private void persistOrUndo(Runnable undo) {
        try {
            write();
        } catch (IOException e) {
            undo.run();
            throw new UncheckedIOException("could not save pipeline settings to " + file, e);
        }
        List<PipelineSettings> snapshot = all();
        listeners.forEach(l -> l.accept(snapshot));
    }

    private void load() throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        JsonNode pipelines = root == null ? null : root.get("pipelines");
        if (pipelines == null || !pipelines.isArray()) {
            throw new IOException(file + " has no \"pipelines\" array");
        }
        for (JsonNode n : pipelines) {
            try {
                String id = n.path("pipeline_id").asText(null);
                JsonNode level = n.get("min_level");
                JsonNode retention = n.get("retention_days");
                var settings = new PipelineSettings(id,
                        level == null || level.isNull() ? null : Level.valueOf(level.asText()),
                        retention == null || retention.isNull() ? null : retention.asInt());
                byPipeline.put(id, settings);
            } catch (RuntimeException e) {
                throw new IOException(file + " holds an invalid entry " + n + ": " + e.getMessage(), e);
            }
        }
    }

    private void write() throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode pipelines = root.putArray("pipelines");
        for (PipelineSettings s : all()) {
            ObjectNode n = pipelines.addObject();
            n.put("pipeline_id", s.pipelineId());
            n.put("min_level", s.minLevel() == null ? null : s.minLevel().name());
            if (s.retentionDays() == null) {
                n.putNull("retention_days");
            } else {
                n.put("retention_days", s.retentionDays());
            }
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.write(temp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
