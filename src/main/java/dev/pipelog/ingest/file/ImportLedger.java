package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.RecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What has been imported from which file, in {@code DATA_DIR/file-imports.json}: when each file
 * identity was first seen (the time of its records that carry none, so a second import gives them
 * the same time and the store recognises them), and per path how far its records are durable (so
 * a grown file, a resumed import or a restarted follow reads only what is new). Rewritten whole
 * through a temporary file, fsync'd, and an atomic move. Thread-safe.
 */
public final class ImportLedger {
    private static final Logger LOG = LoggerFactory.getLogger(ImportLedger.class);
    private final Path file;
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Map<String, Checkpoint> checkpoints = new HashMap<>();

    private ImportLedger(Path file) {
        this.file = file;
    }

    /**
     * Reads the ledger of {@code dataDir}; one that cannot be read is moved aside (and logged).
     *
     * @throws IOException when the broken ledger cannot be moved aside
     */
    public static ImportLedger open(Path dataDir) throws IOException {
        ImportLedger ledger = new ImportLedger(dataDir.resolve("file-imports.json"));
        if (Files.exists(ledger.file)) {
            try {
                ledger.read();
            } catch (IOException | RuntimeException e) {
                // Losing the ledger costs re-reading files (the store still skips records it holds);
                // refusing to start would cost the user Pipelog. The broken file is kept for a look.
                Path aside = ledger.file.resolveSibling("file-imports.json.broken-" + System.currentTimeMillis());
                LOG.warn("{} cannot be read ({}); moved to {} and starting with an empty ledger", ledger.file,
                        e.getMessage(), aside, e);
                Files.move(ledger.file, aside);
                ledger.firstSeen.clear();
                ledger.checkpoints.clear();
            }
        }
        return ledger;
    }

    private void read() throws IOException {
        JsonNode root = RecordJson.MAPPER.readTree(file.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("first_seen").fields(); it.hasNext(); ) {
            var e = it.next();
            firstSeen.put(e.getKey(), Instant.parse(e.getValue().asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("checkpoints").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode c = e.getValue();
            checkpoints.put(e.getKey(), new Checkpoint(c.path("identity").asText(),
                    c.path("offset").asLong(), Instant.parse(c.path("last_time").asText())));
        }
    }

    /** When this identity was first seen; the first call for an identity records {@code now} durably. */
    public synchronized Instant firstSeen(String identity, Instant now) {
        Instant seen = firstSeen.get(identity);
        if (seen != null) {
            return seen;
        }
        firstSeen.put(identity, now);
        save();
        return now;
    }

    /** Where to go on reading {@code path}, when it is still the file of that identity. */
    public synchronized Optional<Checkpoint> checkpoint(Path path, String identity) {
        Checkpoint c = checkpoints.get(key(path));
        return c != null && c.identity().equals(identity) ? Optional.of(c) : Optional.empty();
    }

    /** Records that everything of {@code path} before {@code offset} is durable. */
    public synchronized void advance(Path path, Checkpoint checkpoint) {
        checkpoints.put(key(path), checkpoint);
        save();
    }

    private static String key(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    private void save() {
        ObjectNode root = RecordJson.MAPPER.createObjectNode();
        ObjectNode seen = root.putObject("first_seen");
        firstSeen.forEach((k, v) -> seen.put(k, v.toString()));
        ObjectNode points = root.putObject("checkpoints");
        checkpoints.forEach((k, v) -> points.putObject(k).put("identity", v.identity()).put("offset", v.offset())
                .put("last_time", v.lastTime().toString()));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param offset   where the first record not yet durable starts (decompressed bytes for gzip)
     * @param lastTime the time of the last durable record (the time of a next record that has none)
     */
    public record Checkpoint(String identity, long offset, Instant lastTime) {
    }
}
