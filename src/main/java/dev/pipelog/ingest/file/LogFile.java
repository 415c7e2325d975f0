package dev.pipelog.ingest.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * What Pipelog knows about a log file before reading it: whether it is gzip (by its magic bytes,
 * not its name), its identity (a digest of its first line, so a renamed or grown file is the same
 * file and a truncated one is a new one), a sample of its first lines for detection and preview,
 * and whether it looks binary. Immutable.
 */
public final class LogFile {
    static final int IDENTITY_BYTES = 1024;
    static final int SAMPLE_LINES = 200;
    static final int SAMPLE_BYTES = 256 * 1024;
    static final int MAX_LINE_BYTES = 1 << 20;
    /** Share of control bytes in the sample above which the file is taken for binary. */
    private static final double BINARY_SHARE = 0.1;

    private final Path path;
    private final boolean gzip;
    private final long size;
    private final String identity;
    private final List<String> sample;
    private final double controlShare;

    private LogFile(Path path, boolean gzip, long size, String identity, List<String> sample, double controlShare) {
        this.path = path;
        this.gzip = gzip;
        this.size = size;
        this.identity = identity;
        this.sample = sample;
        this.controlShare = controlShare;
    }

    /**
     * @throws FileImportException when the file is missing, a directory, unreadable or broken gzip
     */
    public static LogFile open(Path path) throws FileImportException {
        try {
            if (Files.isDirectory(path)) {
                throw new FileImportException(path + " is a directory; name the log files in it");
            }
            long size = Files.size(path);
            boolean gzip = startsWithGzipMagic(path);
            byte[] head;
            try (InputStream in = open(path, gzip, 0)) {
                head = in.readNBytes(SAMPLE_BYTES);
            }
            return new LogFile(path, gzip, size, identity(head), sampleLines(head), controlShare(head));
        } catch (NoSuchFileException e) {
            throw new FileImportException(path + " does not exist", e);
        } catch (IOException e) {
            throw new FileImportException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public boolean gzip() {
        return gzip;
    }

    /** Bytes on disk (compressed, for gzip). */
    public long size() {
        return size;
    }

    /** Empty string for an empty file (nothing to import yet). */
    public String identity() {
        return identity;
    }

    List<String> sample() {
        return sample;
    }

    public boolean looksBinary() {
        return controlShare > BINARY_SHARE;
    }

    double controlShare() {
        return controlShare;
    }

    /** The pipeline of records that name none: the file's name without rotation numbers and extensions. */
    public String pipelineFromName() {
        return pipelineFromName(path);
    }

    /** The pipeline of records that name none: the file's name without rotation numbers and extensions. */
    public static String pipelineFromName(Path path) {
        String name = path.getFileName().toString();
        String previous;
        do {
            previous = name;
            name = name.replaceAll("(?i)\\.(gz|log|txt|json|jsonl|ndjson|clef|out|err|\\d+)$", "")
                    .replaceAll("-\\d{8}$", "");
        } while (!name.equals(previous) && !name.isEmpty());
        return name.isEmpty() ? path.getFileName().toString() : name.toLowerCase(Locale.ROOT);
    }

    /**
     * The decompressed content from {@code offset} on, and how far into the file on disk reading
     * has got (for progress: compressed bytes for gzip).
     */
    Content openAt(long offset) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            if (!gzip) {
                channel.position(offset);
                return new Content(Channels.newInputStream(channel), channel);
            }
            InputStream in = new GZIPInputStream(new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024),
                    64 * 1024);
            in.skipNBytes(offset);
            return new Content(in, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static InputStream open(Path path, boolean gzip, long offset) throws IOException {
        InputStream raw = Files.newInputStream(path);
        if (!gzip) {
            raw.skipNBytes(offset);
            return raw;
        }
        InputStream in = new GZIPInputStream(new BufferedInputStream(raw, 64 * 1024), 64 * 1024);
        in.skipNBytes(offset);
        return in;
    }

    /** An open file's content; closing it closes the file. */
    record Content(InputStream in, FileChannel channel) implements java.io.Closeable {
        /** Bytes of the file on disk read so far. */
        long diskPosition() {
            try {
                return channel.position();
            } catch (IOException e) {
                return 0; // only progress reads this; a closed channel has nothing more to report
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
            channel.close();
        }
    }

    private static boolean startsWithGzipMagic(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
    }

    /** A digest of the first line (at most {@value #IDENTITY_BYTES} bytes of it). */
    static String identity(byte[] head) {
        int end = 0;
        while (end < head.length && end < IDENTITY_BYTES && head[end] != '\n') {
            end++;
        }
        if (end == 0 && head.length == 0) {
            return "";
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(head, 0, Math.min(head.length, end + 1));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * The identity of the file now at {@code path}, once its first line is complete (before that it
     * could still change as the line grows).
     */
    static java.util.Optional<String> settledIdentity(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(IDENTITY_BYTES);
        }
        return identityComplete(head) ? java.util.Optional.of(identity(head)) : java.util.Optional.empty();
    }

    /** Whether the first line is complete, so the identity will not change as the file grows. */
    static boolean identityComplete(byte[] head) {
        for (int i = 0; i < head.length && i < IDENTITY_BYTES; i++) {
            if (head[i] == '\n') {
                return true;
            }
        }
        return head.length >= IDENTITY_BYTES;
    }

    private static List<String> sampleLines(byte[] head) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < head.length && lines.size() < SAMPLE_LINES; i++) {
            if (head[i] == '\n') {
                lines.add(stripCr(new String(head, start, i - start, StandardCharsets.UTF_8)));
                start = i + 1;
            }
        }
        if (start < head.length && lines.size() < SAMPLE_LINES && head.length < SAMPLE_BYTES) {
            lines.add(stripCr(new String(head, start, head.length - start, StandardCharsets.UTF_8)));
        }
        return List.copyOf(lines);
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static double controlShare(byte[] head) {
        if (head.length == 0) {
            return 0;
        }
        int control = 0;
        for (byte b : head) {
            int c = b & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                control++;
            }
        }
        return (double) control / head.length;
    }
}
