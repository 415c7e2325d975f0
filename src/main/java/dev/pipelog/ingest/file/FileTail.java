package dev.pipelog.ingest.file;

import dev.pipelog.model.LogRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One followed file, read a little further on each {@link #poll}. Only whole lines are read (the
 * rest of a line being written arrives later). Rotation is handled both ways: when the path names
 * a different file (rename + create) the old one is read to its end, then the new one from its
 * start; when the file shrinks or its first line changes in place (copytruncate) it is read again
 * from the start, as a new file identity. A record waiting for continuation lines is stored once a
 * poll finds nothing new, so a last line appears without waiting for the next one. Where it got to
 * is kept in the {@link ImportLedger}, so a restart goes on from there. Not thread-safe: the
 * {@link FollowService} polls each tail from one thread at a time.
 */
final class FileTail {
    private final FollowRequest request;
    private final RecordTarget target;
    private final ImportLedger ledger;
    private final ZoneId zone;
    private final Clock clock;

    private Open open;
    private FollowStatus.State state = FollowStatus.State.WAITING_FOR_FILE;
    private String formatLabel;
    private long records;
    private Optional<String> lastError = Optional.empty();
    private boolean stopped;

    FileTail(FollowRequest request, RecordTarget target, ImportLedger ledger, ZoneId zone, Clock clock) {
        this.request = request;
        this.target = target;
        this.ledger = ledger;
        this.zone = zone;
        this.clock = clock;
        this.formatLabel = request.format().map(FileFormat::label).orElse("detected when the file has lines");
    }

    FollowStatus status() {
        return new FollowStatus(request, state, formatLabel, records, lastError);
    }

    /** Reads what is new; problems are kept in the status and retried on the next poll. */
    void poll() throws InterruptedException {
        if (stopped) {
            return; // a poll that was waiting while the follow was stopped
        }
        try {
            pollOnce();
            lastError = Optional.empty();
        } catch (FileImportException | IOException e) {
            state = FollowStatus.State.FAILING;
            lastError = Optional.of(e.getMessage());
            // Start again from the ledger's checkpoint: lines read after it were not all stored.
            close();
        }
    }

    private void pollOnce() throws IOException, FileImportException, InterruptedException {
        if (open != null && replaced()) {
            readToEnd(false); // the writer moved on to a new file: what the old one holds is complete
            flushPending();
            close();
        }
        if (open == null && !openFile()) {
            state = FollowStatus.State.WAITING_FOR_FILE;
            return;
        }
        if (truncated()) {
            flushPending();
            close();
            if (!openFile()) {
                state = FollowStatus.State.WAITING_FOR_FILE;
                return;
            }
        }
        state = FollowStatus.State.FOLLOWING;
        if (!readToEnd(true)) {
            flushPending(); // nothing new: the record waiting for continuation lines is complete
        }
    }

    /** Whether the path now names another file than the one open (or none). */
    private boolean replaced() throws IOException {
        try {
            Object key = Files.readAttributes(request.file(), BasicFileAttributes.class).fileKey();
            return key != null && !Objects.equals(key, open.fileKey);
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** Whether the open file was cut in place: shorter than what was read, or a different first line. */
    private boolean truncated() throws IOException {
        if (open.channel.size() < open.position) {
            return true;
        }
        Optional<String> identity = LogFile.settledIdentity(request.file());
        return identity.isPresent() && !identity.get().equals(open.identity);
    }

    private boolean openFile() throws IOException, FileImportException {
        if (!Files.isRegularFile(request.file())) {
            return false;
        }
        Optional<String> identity = LogFile.settledIdentity(request.file());
        if (identity.isEmpty()) {
            return false;
        }
        LogFile file = LogFile.open(request.file());
        if (file.gzip()) {
            throw new FileImportException(request.file() + " is gzip: it does not grow; import it instead of following it");
        }
        FileFormat format = request.format().orElseGet(() -> FormatDetector.detect(file.sample(), zone, clock.instant()));
        formatLabel = format.label();
        Instant firstSeen = ledger.firstSeen(identity.get(), clock.instant());
        Optional<ImportLedger.Checkpoint> checkpoint = ledger.checkpoint(request.file(), identity.get());
        FileChannel channel = FileChannel.open(request.file(), StandardOpenOption.READ);
        Object key = Files.readAttributes(request.file(), BasicFileAttributes.class).fileKey();
        long start = checkpoint.map(ImportLedger.Checkpoint::offset).filter(o -> {
            try {
                return o <= channel.size();
            } catch (IOException e) {
                return false;
            }
        }).orElse(0L);
        Instant timeBefore = checkpoint.filter(c -> c.offset() > 0).map(ImportLedger.Checkpoint::lastTime).orElse(firstSeen);
        var factory = new FileRecordFactory(identity.get(), request.file().toString(), request.pipelineId().orElse(null),
                file.pipelineFromName(), timeBefore, clock.instant());
        open = new Open(channel, key, identity.get(), start, new RecordAssembler(format.parser(zone, firstSeen)), factory);
        return true;
    }

    /**
     * Reads from where the last poll stopped to the end of the file.
     *
     * @param wholeLinesOnly leave an unfinished last line for the next poll
     * @return whether anything was read
     */
    private boolean readToEnd(boolean wholeLinesOnly) throws IOException, FileImportException, InterruptedException {
        long size = open.channel.size();
        if (size <= open.position) {
            return false;
        }
        long from = open.position;
        open.channel.position(from);
        InputStream in = Channels.newInputStream(open.channel);
        LineReader reader = new LineReader(in, from, LogFile.MAX_LINE_BYTES);
        List<LogRecord> batch = new ArrayList<>();
        long batchEnd = open.delivered;
        LineReader.Line line;
        while ((line = reader.next(wholeLinesOnly)) != null) {
            open.position = line.end();
            Optional<RecordAssembler.AssembledRecord> done = open.assembler.accept(line);
            if (done.isPresent()) {
                batch.add(open.factory.toRecord(done.get()));
                batchEnd = done.get().end();
                if (batch.size() >= FileImporter.BATCH_RECORDS) {
                    deliver(batch, batchEnd);
                    batch = new ArrayList<>();
                }
            }
        }
        deliver(batch, batchEnd);
        return open.position > from;
    }

    private void flushPending() throws FileImportException, InterruptedException {
        Optional<RecordAssembler.AssembledRecord> last = open == null ? Optional.empty() : open.assembler.finish();
        if (last.isPresent()) {
            deliver(List.of(open.factory.toRecord(last.get())), last.get().end());
        }
    }

    private void deliver(List<LogRecord> batch, long end) throws FileImportException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        target.deliver(batch);
        records += batch.size();
        open.delivered = end;
        ledger.advance(request.file(), new ImportLedger.Checkpoint(open.identity, end,
                batch.get(batch.size() - 1).timestamp()));
    }

    /** Ends the follow: closes the file, and later polls do nothing. */
    void stop() {
        stopped = true;
        close();
    }

    private void close() {
        if (open == null) {
            return;
        }
        try {
            open.channel.close();
        } catch (IOException e) {
            lastError = Optional.of("closing " + request.file() + " failed: " + e.getMessage());
        }
        open = null;
    }

    /** The file being read and how far. */
    private static final class Open {
        final FileChannel channel;
        final Object fileKey;
        final String identity;
        final RecordAssembler assembler;
        final FileRecordFactory factory;
        /** Where the next line to read starts. */
        long position;
        /** Where the first record not yet stored starts. */
        long delivered;

        Open(FileChannel channel, Object fileKey, String identity, long start, RecordAssembler assembler,
             FileRecordFactory factory) {
            this.channel = channel;
            this.fileKey = fileKey;
            this.identity = identity;
            this.position = start;
            this.delivered = start;
            this.assembler = assembler;
            this.factory = factory;
        }
    }
}
