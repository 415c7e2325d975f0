package dev.pipelog.ingest.file;

import dev.pipelog.model.LogRecord;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Imports log files: detects (or takes) the format, reads from where an earlier import of the same
 * file stopped, and delivers records in batches to a {@link RecordTarget}, advancing the file's
 * checkpoint in the {@link ImportLedger} after each durable batch. Cancelling keeps every delivered
 * batch and the checkpoint, so the next import of the file resumes there. Runs on the caller's
 * thread; thread-safe (no state between calls besides the ledger's).
 */
public final class FileImporter {
    static final int BATCH_RECORDS = 5_000;
    private static final int PREVIEW_RECORDS = 50;
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(250);

    private final RecordTarget target;
    private final ImportLedger ledger;
    private final ZoneId zone;
    private final Clock clock;

    /** @param zone the zone of times files write without one (Python's asctime, RFC 3164 syslog) */
    public FileImporter(RecordTarget target, ImportLedger ledger, ZoneId zone, Clock clock) {
        this.target = target;
        this.ledger = ledger;
        this.zone = zone;
        this.clock = clock;
    }

    public ImportLedger ledger() {
        return ledger;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first records as {@link #run} would store them; stores nothing. */
    public FilePreview preview(ImportRequest request) throws FileImportException {
        LogFile file = LogFile.open(request.file());
        FileFormat format = formatOf(file, request);
        Instant reference = file.identity().isEmpty() ? clock.instant() : ledger.firstSeen(file.identity(), clock.instant());
        LineParser parser = format.parser(zone, reference);
        FileRecordFactory factory = factory(file, request, reference);
        RecordAssembler assembler = new RecordAssembler(parser);
        List<LogRecord> records = new ArrayList<>();
        long offset = 0;
        for (String text : file.sample()) {
            long end = offset + text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
            assembler.accept(new LineReader.Line(offset, end, text, 0)).ifPresent(r -> records.add(factory.toRecord(r)));
            offset = end;
            if (records.size() >= PREVIEW_RECORDS) {
                break;
            }
        }
        if (records.size() < PREVIEW_RECORDS) {
            assembler.finish().ifPresent(r -> records.add(factory.toRecord(r)));
        }
        return new FilePreview(file, format, request.format().isEmpty(), records, factory.unparsed());
    }

    /**
     * Imports one file.
     *
     * @param progress  told how far it is, at most every 250 ms and once at the end (on this thread)
     * @param cancelled polled between records; true stops the import after storing what was read
     * @throws FileImportException the file cannot be read (missing, binary, broken gzip, vanished
     *                             mid-read) or the records cannot be stored; what was stored before stays
     */
    public ImportSummary run(ImportRequest request, Consumer<ImportProgress> progress, BooleanSupplier cancelled)
            throws FileImportException, InterruptedException {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        LogFile file = LogFile.open(request.file());
        FileFormat format = formatOf(file, request);
        if (file.identity().isEmpty()) {
            progress.accept(new ImportProgress(0, 0, 0, 0, 0));
            return new ImportSummary(file.path(), format, 0, 0, 0, false, Duration.ZERO);
        }
        Instant firstSeen = ledger.firstSeen(file.identity(), started);
        Optional<ImportLedger.Checkpoint> checkpoint = ledger.checkpoint(file.path(), file.identity());
        long startOffset = checkpoint.map(ImportLedger.Checkpoint::offset).orElse(0L);
        if (!file.gzip() && startOffset > file.size()) {
            startOffset = 0; // the same first line, but shorter than before: rewritten, read it all
        }
        Instant timeBefore = checkpoint.filter(c -> c.offset() > 0).map(ImportLedger.Checkpoint::lastTime).orElse(firstSeen);
        FileRecordFactory factory = new FileRecordFactory(file.identity(), file.path().toAbsolutePath().toString(),
                request.pipelineId().orElse(null), file.pipelineFromName(), timeBefore, started);
        RecordAssembler assembler = new RecordAssembler(format.parser(zone, firstSeen));
        long stored = 0;
        long unparsedStored = 0;
        boolean stopped = false;
        long nextProgress = 0;
        try (LogFile.Content content = file.openAt(startOffset)) {
            LineReader reader = new LineReader(content.in(), startOffset, LogFile.MAX_LINE_BYTES);
            List<LogRecord> batch = new ArrayList<>(BATCH_RECORDS);
            long batchEnd = startOffset;
            LineReader.Line line;
            while (true) {
                line = reader.next(false);
                Optional<RecordAssembler.AssembledRecord> done = line == null ? assembler.finish() : assembler.accept(line);
                if (done.isPresent()) {
                    batch.add(factory.toRecord(done.get()));
                    batchEnd = done.get().end();
                }
                boolean last = line == null;
                stopped = !last && cancelled.getAsBoolean();
                if (batch.size() >= BATCH_RECORDS || last || stopped) {
                    if (!batch.isEmpty()) {
                        target.deliver(batch);
                        stored += batch.size();
                        unparsedStored = factory.unparsed();
                        LogRecord newest = batch.get(batch.size() - 1);
                        ledger.advance(file.path(), new ImportLedger.Checkpoint(file.identity(),
                                last ? reader.offset() : batchEnd, newest.timestamp()));
                        batch = new ArrayList<>(BATCH_RECORDS);
                    }
                    if (last || stopped) {
                        break;
                    }
                }
                long now = System.nanoTime();
                if (now >= nextProgress) {
                    progress.accept(progress(content, file, stored, unparsedStored, startNanos, now));
                    nextProgress = now + PROGRESS_EVERY.toNanos();
                }
            }
            progress.accept(progress(content, file, stored, unparsedStored, startNanos, System.nanoTime()));
        } catch (NoSuchFileException e) {
            throw new FileImportException(file.path() + " disappeared while it was read; "
                    + stored + " records were stored and the next import resumes after them", e);
        } catch (IOException e) {
            throw new FileImportException("reading " + file.path() + " failed: " + e.getMessage() + "; "
                    + stored + " records were stored and the next import resumes after them", e);
        }
        return new ImportSummary(file.path(), format, stored, unparsedStored, startOffset, stopped,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static ImportProgress progress(LogFile.Content content, LogFile file, long records, long unparsed,
                                           long startNanos, long now) {
        long read = Math.min(content.diskPosition(), file.size());
        double seconds = (now - startNanos) / 1e9;
        return new ImportProgress(read, file.size(), records, unparsed, seconds > 0.05 ? read / seconds : 0);
    }

    private FileFormat formatOf(LogFile file, ImportRequest request) throws FileImportException {
        if (request.format().isPresent()) {
            return request.format().get();
        }
        if (file.looksBinary()) {
            throw new FileImportException(file.path() + " looks binary (" + Math.round(file.controlShare() * 100)
                    + "% control bytes at its start); choose a format (plain) to import it anyway");
        }
        return FormatDetector.detect(file.sample(), zone, clock.instant());
    }

    private FileRecordFactory factory(LogFile file, ImportRequest request, Instant timeBefore) {
        return new FileRecordFactory(file.identity(), file.path().toAbsolutePath().toString(),
                request.pipelineId().orElse(null), file.pipelineFromName(), timeBefore, clock.instant());
    }
}
