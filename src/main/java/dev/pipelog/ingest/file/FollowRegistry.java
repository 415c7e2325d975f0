package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pipelog.ingest.RecordJson;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The followed files, in {@code DATA_DIR/follows.json}, so follows survive a restart. Rewritten whole
 * through a temporary file and an atomic move. Thread-safe.
 */
public final class FollowRegistry {
    private final Path file;

    public FollowRegistry(Path dataDir) {
        this.file = dataDir.resolve("follows.json");
    }

    /** @throws IOException when the file exists but cannot be read */
    public synchronized List<FollowRequest> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<FollowRequest> follows = new ArrayList<>();
        for (JsonNode n : RecordJson.MAPPER.readTree(file.toFile()).path("follows")) {
            follows.add(new FollowRequest(Path.of(n.path("path").asText()),
                    Optional.ofNullable(n.path("pipeline_id").textValue()),
                    Optional.ofNullable(n.path("format").textValue()).map(FileFormat::parse)));
        }
        return follows;
    }

    public synchronized void save(List<FollowRequest> follows) throws IOException {
        var root = RecordJson.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("follows");
        for (FollowRequest f : follows) {
            var n = list.addObject().put("path", f.file().toString());
            f.pipelineId().ifPresent(p -> n.put("pipeline_id", p));
            f.format().ifPresent(fmt -> n.put("format", fmt.cliName()));
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
