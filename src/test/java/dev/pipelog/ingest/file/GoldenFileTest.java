package dev.pipelog.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.LogRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each format's golden file: the file under {@code golden/} is imported (format detected, or given
 * where a user would give it) and the stored records must equal {@code NAME.expected.jsonl} field by
 * field (id and receive time aside). {@code -Dgolden.update=true} rewrites the expected files from
 * what the code does now; review the diff before committing it.
 */
class GoldenFileTest {
    private static final Path GOLDEN = Paths.get("src/test/resources/dev/pipelog/ingest/file/golden");
    private static final Instant FIRST_SEEN = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path temp;

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("json-lines.log", null, FileFormat.Kind.JSON),
                Arguments.of("clef.log", null, FileFormat.Kind.CLEF),
                Arguments.of("logfmt.log", null, FileFormat.Kind.LOGFMT),
                Arguments.of("python-default.log", null, FileFormat.Kind.PYTHON),
                Arguments.of("python-basic.log", null, FileFormat.Kind.PYTHON),
                Arguments.of("python-dlt.log", null, FileFormat.Kind.PYTHON),
                Arguments.of("python-custom.log",
                        "[%(asctime)s] {%(name)s:%(lineno)d} %(levelname)s (%(threadName)s) - %(message)s",
                        FileFormat.Kind.PYTHON),
                Arguments.of("syslog.log", null, FileFormat.Kind.SYSLOG),
                Arguments.of("plain.log", null, FileFormat.Kind.PLAIN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyFormatStoresTheRecordsItsGoldenFileExpects(String name, String format, FileFormat.Kind kind)
            throws Exception {
        Path file = temp.resolve(name);
        Files.copy(GOLDEN.resolve(name), file);
        List<LogRecord> records = importFile(file, format, kind);
        compare(name, records);
    }

    @ParameterizedTest(name = "{0}.gz")
    @MethodSource("files")
    void aGzipFileIsReadLikeTheFileItHolds(String name, String format, FileFormat.Kind kind) throws Exception {
        Path file = temp.resolve(name + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(Files.readAllBytes(GOLDEN.resolve(name)));
        }
        compare(name, importFile(file, format, kind));
    }

    private List<LogRecord> importFile(Path file, String format, FileFormat.Kind kind) throws Exception {
        var target = new CollectingTarget();
        var ledger = ImportLedger.open(temp.resolve("data"));
        var importer = new FileImporter(target, ledger, ZoneOffset.UTC, Clock.fixed(FIRST_SEEN, ZoneOffset.UTC));
        var request = new ImportRequest(file, Optional.empty(), Optional.ofNullable(format).map(FileFormat::parse));
        FilePreview preview = importer.preview(request);
        assertEquals(kind, preview.format().kind(), "format of " + file.getFileName());
        ImportSummary summary = importer.run(request, p -> { }, () -> false);
        assertEquals(target.records.size(), summary.records());
        assertEquals(preview.records().stream().map(GoldenFileTest::comparable).collect(Collectors.toList()),
                target.records.stream().limit(preview.records().size()).map(GoldenFileTest::comparable)
                        .collect(Collectors.toList()), "the preview shows what the import stores");
        return target.records;
    }

    private static void compare(String name, List<LogRecord> records) throws IOException {
        String actual = records.stream().map(GoldenFileTest::comparable).map(JsonNode::toString)
                .collect(Collectors.joining("\n", "", "\n"));
        Path expected = GOLDEN.resolve(name.replaceAll("\\.log$", "") + ".expected.jsonl");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(expected), "no golden file " + expected + "; run with -Dgolden.update=true once");
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, "records of " + name);
    }

    /** The record as stored, without what differs on every run (id is tested by the idempotency tests). */
    static ObjectNode comparable(LogRecord r) {
        ObjectNode node = (ObjectNode) RecordJson.MAPPER.valueToTree(RecordJson.MAPPER.convertValue(
                readTree(RecordJson.toLine(r)), Object.class));
        node.remove("id");
        node.remove("received_at");
        JsonNode extra = node.get("extra");
        if (extra instanceof ObjectNode) {
            ((ObjectNode) extra).remove("file");
            if (extra.isEmpty()) {
                node.remove("extra");
            }
        }
        return node;
    }

    private static JsonNode readTree(String json) {
        try {
            return RecordJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
