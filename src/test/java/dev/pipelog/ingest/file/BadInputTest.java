package dev.pipelog.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not what they seem: every line is still kept, or the import stops saying why. */
class BadInputTest {
    @TempDir
    Path temp;

    private final CollectingTarget target = new CollectingTarget();

    private FileImporter importer() throws Exception {
        return new FileImporter(target, ImportLedger.open(temp.resolve("data")), ZoneOffset.UTC,
                Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void invalidUtf8IsKeptWithReplacementCharacters() throws Exception {
        Path file = temp.resolve("broken.log");
        byte[] bad = "2026-12-07 10:00:00,000 - app - INFO - caf\u00e9 \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, bad);
        ImportSummary summary = importer().run(ImportRequest.of(file), p -> { }, () -> false);
        assertEquals(1, summary.records());
        assertEquals("caf\uFFFD \uFFFD", target.records.get(0).message());
    }

    @Test
    void aHugeLineIsCutAndTheLinesAfterItAreRead() throws Exception {
        Path file = temp.resolve("huge.log");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("INFO:app:first\nINFO:app:".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 5; i++) {
                out.write(chunk);
            }
            out.write("\nWARNING:app:after the huge line\n".getBytes(StandardCharsets.UTF_8));
        }
        ImportSummary summary = importer().run(new ImportRequest(file, Optional.empty(),
                Optional.of(FileFormat.parse("%(levelname)s:%(name)s:%(message)s"))), p -> { }, () -> false);
        assertEquals(3, summary.records());
        LogRecord huge = target.records.get(1);
        assertTrue(huge.extra().contains("\"cut_bytes\":" + (5 * (1 << 20) + "INFO:app:".length() - LogFile.MAX_LINE_BYTES)),
                huge.extra());
        assertEquals("after the huge line", target.records.get(2).message());
        assertEquals(Level.WARNING, target.records.get(2).level());
    }

    @Test
    void aBinaryFileIsRefusedWithAReasonUnlessAFormatIsChosen() throws Exception {
        Path file = temp.resolve("image.bin");
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        Files.write(file, junk);
        FileImportException e = assertThrows(FileImportException.class,
                () -> importer().run(ImportRequest.of(file), p -> { }, () -> false));
        assertTrue(e.getMessage().contains("looks binary"), e.getMessage());
        assertTrue(target.records.isEmpty());

        ImportSummary forced = importer().run(new ImportRequest(file, Optional.empty(),
                Optional.of(FileFormat.of(FileFormat.Kind.PLAIN))), p -> { }, () -> false);
        assertTrue(forced.records() > 0);
        assertTrue(target.records.stream().noneMatch(r -> r.message().indexOf('\0') >= 0), "NUL bytes are removed");
    }

    @Test
    void aTracebackWithoutTheLineThatStartedItIsKeptAsPlainTextAndCounted() throws Exception {
        Path file = temp.resolve("cut.log");
        Files.writeString(file, "  File \"/app/x.py\", line 3, in f\nValueError: bad\n"
                + "2026-12-07 10:00:00,000 - app - ERROR - next run failed\n"
                + "2026-12-07 10:00:01,000 - app - INFO - next run ok\n");
        ImportSummary summary = importer().run(ImportRequest.of(file), p -> { }, () -> false);
        assertEquals(FileFormat.Kind.PYTHON, summary.format().kind());
        assertEquals(3, summary.records());
        assertEquals(1, summary.unparsed());
        assertTrue(target.records.get(0).extra().contains("\"unparsed\":true"));
        assertEquals("next run failed", target.records.get(1).message());
    }

    @Test
    void aMissingFileSaysSo() {
        FileImportException e = assertThrows(FileImportException.class,
                () -> importer().run(ImportRequest.of(temp.resolve("nope.log")), p -> { }, () -> false));
        assertTrue(e.getMessage().endsWith("nope.log does not exist"), e.getMessage());
    }

    @Test
    void aFormatStringWithoutMessageOrAnUnknownFormatNameIsRefusedWithTheAcceptedSpellings() {
        IllegalArgumentException noMessage = assertThrows(IllegalArgumentException.class,
                () -> FileFormat.parse("%(asctime)s %(levelname)s"));
        assertTrue(noMessage.getMessage().contains("has no %(message)s"), noMessage.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> FileFormat.parse("yaml"));
        assertTrue(unknown.getMessage().contains("accepted: json, clef, logfmt, syslog, plain"), unknown.getMessage());
    }
}
