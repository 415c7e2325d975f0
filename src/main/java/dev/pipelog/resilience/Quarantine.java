package dev.pipelog.resilience;

import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where what cannot be stored is kept instead of lost, each item next to the reason:
 * <ul>
 *   <li>{@code <fallback file>.bad}: the lines of a fallback file that replay could not read, byte for
 *       byte as they were in the file (each followed by a line break), with
 *       {@code <fallback file>.bad.reasons} saying, per line, its line number and why;</li>
 *   <li>{@code refused-<time>-<n>.ndjson}: records the store refused for their content (isolated from
 *       their batch, whose other records were stored), one JSON line each, with
 *       {@code refused-<time>-<n>.ndjson.reasons}.</li>
 * </ul>
 * Files are written whole (temporary file, fsync, atomic move), so a crash leaves an item kept once or
 * not yet, never torn. Counts survive restarts: they are read from the directory at start-up.
 *
 * <p>Thread-safe.
 */
public final class Quarantine {
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
    static final String BAD_LINES_SUFFIX = ".bad";
    static final String REASONS_SUFFIX = ".reasons";
    private static final String REFUSED_PREFIX = "refused-";

    private final Path directory;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<String> lastReason = new AtomicReference<>();

    public Quarantine(Path directory) throws IOException {
        this.directory = directory;
        if (Files.isDirectory(directory)) {
            try (Stream<Path> list = Files.list(directory)) {
                for (Path p : (Iterable<Path>) list::iterator) {
                    String name = p.getFileName().toString();
                    if (name.endsWith(BAD_LINES_SUFFIX)) {
                        lines.addAndGet(lineCount(p));
                    } else if (name.startsWith(REFUSED_PREFIX) && name.endsWith(".ndjson")) {
                        records.addAndGet(lineCount(p));
                    }
                }
            }
        }
    }

    public Path directory() {
        return directory;
    }

    /** One unreadable line of a fallback file: its bytes exactly, where it was, and why. */
    public record BadLine(byte[] bytes, long lineNumber, String reason) {
    }

    /** A record the store refused, and the store's reason. */
    public record RefusedRecord(LogRecord record, String reason) {
    }

    /**
     * Keeps the unreadable lines of one fallback file. Keeping the same file's lines again (a replay
     * repeated after a crash) replaces them, so they are counted once.
     */
    public synchronized void keepBadLines(Path fallbackFile, List<BadLine> bad) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(fallbackFile.getFileName() + BAD_LINES_SUFFIX);
        var bytes = new ByteArrayOutputStream();
        var reasons = new StringBuilder();
        for (BadLine line : bad) {
            bytes.write(line.bytes());
            bytes.write('\n');
            reasons.append("line ").append(line.lineNumber()).append(": ").append(oneLine(line.reason())).append('\n');
        }
        long previous = Files.exists(target) ? lineCount(target) : 0;
        writeWhole(directory.resolve(target.getFileName() + REASONS_SUFFIX), reasons.toString().getBytes(StandardCharsets.UTF_8));
        writeWhole(target, bytes.toByteArray());
        lines.addAndGet(bad.size() - previous);
        lastReason.set(fallbackFile.getFileName() + " line " + bad.get(bad.size() - 1).lineNumber() + ": "
                + oneLine(bad.get(bad.size() - 1).reason()));
    }

    /** Keeps records the store refused; durable (fsync'd) when this returns. */
    public synchronized void keepRefused(List<RefusedRecord> refused) throws IOException {
        Files.createDirectories(directory);
        String name = REFUSED_PREFIX + Instant.now().toEpochMilli() + "-" + sequence.incrementAndGet() + ".ndjson";
        var bytes = new StringBuilder();
        var reasons = new StringBuilder();
        for (RefusedRecord r : refused) {
            bytes.append(RecordJson.toLine(r.record())).append('\n');
            reasons.append(r.record().id()).append(": ").append(oneLine(r.reason())).append('\n');
            LOG.error("The store refused record {}; kept in {}: {}", r.record().id(), directory.resolve(name), r.reason());
        }
        writeWhole(directory.resolve(name + REASONS_SUFFIX), reasons.toString().getBytes(StandardCharsets.UTF_8));
        writeWhole(directory.resolve(name), bytes.toString().getBytes(StandardCharsets.UTF_8));
        records.addAndGet(refused.size());
        lastReason.set("record " + refused.get(refused.size() - 1).record().id() + " refused by the store: "
                + oneLine(refused.get(refused.size() - 1).reason()));
    }

    /** Lines of fallback files kept here because replay could not read them. */
    public long lines() {
        return lines.get();
    }

    /** Records kept here because the store refused them. */
    public long records() {
        return records.get();
    }

    /** The reason of the latest item kept since start-up, or null. */
    public String lastReason() {
        return lastReason.get();
    }

    private void writeWhole(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(temp, bytes);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static String oneLine(String reason) {
        String text = String.valueOf(reason);
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static long lineCount(Path file) throws IOException {
        long n = 0;
        for (byte b : Files.readAllBytes(file)) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
