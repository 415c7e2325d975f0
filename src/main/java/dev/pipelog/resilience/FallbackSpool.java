package dev.pipelog.resilience;

import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.LogRecord;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fallback files: NDJSON ({@link RecordJson}, one record a line) written while the store fails and
 * replayed into it later. A batch is written whole and fsync'd before {@link #append} returns, so
 * the caller may acknowledge it. Files rotate by size; names carry a sequence number, so their
 * lexical order is the order they were written in. At most {@code maxFiles} exist: a batch that
 * needs another file then is refused, and older data is never deleted to make room.
 *
 * <p>Thread-safe: appends, sealing for replay and removal are serialised on this object.
 */
public final class FallbackSpool {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackSpool.class);
    private static final Pattern FILE_NAME = Pattern.compile("fallback-(\\d{12})\\.ndjson");
    public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;

    private final Path directory;
    private final int maxFiles;
    private final long maxFileBytes;
    /** Every spool file on disk, oldest first, with its size and record count. */
    private final TreeMap<Path, FileStats> files = new TreeMap<>();
    private long nextSequence;
    private FileChannel active;
    private Path activePath;
    private long lastAppendNanos;

    public FallbackSpool(Path directory, int maxFiles, long maxFileBytes) throws IOException {
        this.directory = directory;
        this.maxFiles = maxFiles;
        this.maxFileBytes = maxFileBytes;
        Files.createDirectories(directory);
        long maxSeq = 0;
        try (Stream<Path> list = Files.list(directory)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                Matcher m = FILE_NAME.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    files.put(p, new FileStats(Files.size(p), countLines(p)));
                    maxSeq = Math.max(maxSeq, Long.parseLong(m.group(1)));
                }
            }
        }
        // Quarantine files are named after their source: a new file must not reuse a quarantined name.
        nextSequence = Math.max(maxSeq, highestQuarantinedSequence()) + 1;
    }

    /** Where {@link Quarantine} keeps lines of these files, one {@code <file>.bad} per source file. */
    private Path quarantineDirectory() {
        return directory.resolve("quarantine");
    }

    private long highestQuarantinedSequence() throws IOException {
        if (!Files.isDirectory(quarantineDirectory())) {
            return 0;
        }
        long max = 0;
        try (Stream<Path> list = Files.list(quarantineDirectory())) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                Matcher m = FILE_NAME.matcher(name.endsWith(".bad") ? name.substring(0, name.length() - 4) : name);
                if (m.matches()) {
                    max = Math.max(max, Long.parseLong(m.group(1)));
                }
            }
        }
        return max;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Writes the records, whole, to the active file and fsyncs it. On an I/O error the file is cut
     * back to where it was, so a refused batch leaves nothing behind to be replayed.
     */
    public synchronized void append(List<LogRecord> records) throws SpoolFullException, IOException {
        byte[] bytes = encode(records);
        if (active != null && files.get(activePath).bytes() > 0
                && files.get(activePath).bytes() + bytes.length > maxFileBytes) {
            sealActive();
        }
        if (active == null) {
            openNewFile();
        }
        long before = active.size();
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                active.write(buffer);
            }
            active.force(true);
        } catch (IOException e) {
            cutBack(before);
            throw e;
        }
        FileStats stats = files.get(activePath);
        files.put(activePath, new FileStats(stats.bytes() + bytes.length, stats.records() + records.size()));
        lastAppendNanos = System.nanoTime();
    }

    /**
     * The files ready for replay, oldest first. The file being written is included only when
     * {@code includeActive} (it is then closed, and the next append starts a new file), or when it
     * has not been written to for {@code idleNanos}.
     */
    public synchronized List<Path> takeForReplay(boolean includeActive, long idleNanos) throws IOException {
        if (active != null && (includeActive || System.nanoTime() - lastAppendNanos >= idleNanos)) {
            sealActive();
        }
        List<Path> ready = new ArrayList<>(files.keySet());
        if (activePath != null) {
            ready.remove(activePath);
        }
        return ready;
    }

    /** Deletes a replayed file; call only after every record of it is committed. */
    public synchronized void remove(Path file) throws IOException {
        Files.deleteIfExists(file);
        syncDirectory();
        files.remove(file);
    }

    public synchronized int fileCount() {
        return files.size();
    }

    public synchronized long recordCount() {
        return files.values().stream().mapToLong(FileStats::records).sum();
    }

    public synchronized long byteCount() {
        return files.values().stream().mapToLong(FileStats::bytes).sum();
    }

    public synchronized void close() throws IOException {
        if (active != null) {
            active.close();
            active = null;
            activePath = null;
        }
    }

    private void openNewFile() throws SpoolFullException, IOException {
        if (files.size() >= maxFiles) {
            throw new SpoolFullException("fallback directory " + directory + " holds its maximum of " + maxFiles
                    + " files; waiting for the store to come back and take them");
        }
        Path path = directory.resolve(String.format("fallback-%012d.ndjson", nextSequence++));
        active = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        activePath = path;
        files.put(path, new FileStats(0, 0));
        // The new name must survive a crash too, not only the bytes in it.
        syncDirectory();
    }

    private void sealActive() throws IOException {
        FileChannel channel = active;
        Path path = activePath;
        active = null;
        activePath = null;
        channel.close();
        if (files.get(path).bytes() == 0) {
            Files.deleteIfExists(path);
            files.remove(path);
        }
    }

    private void cutBack(long size) {
        try {
            active.truncate(size);
            active.force(true);
        } catch (IOException e) {
            // The torn batch may stay behind; replay quarantines a torn last line. Start a new file.
            LOG.error("Could not cut fallback file {} back after a failed write", activePath, e);
            try {
                sealActive();
            } catch (IOException closeFailure) {
                LOG.error("Could not close fallback file {}", activePath, closeFailure);
            }
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static byte[] encode(List<LogRecord> records) {
        var out = new ByteArrayOutputStream(records.size() * 512);
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            for (LogRecord r : records) {
                RecordJson.writeTo(r, writer);
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static long countLines(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            long n = 0;
            while (reader.readLine() != null) {
                n++;
            }
            return n;
        }
    }

    /** Snapshot of one spool file, for health. */
    private record FileStats(long bytes, long records) {
    }
}
