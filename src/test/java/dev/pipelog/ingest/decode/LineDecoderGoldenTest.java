package dev.pipelog.ingest.decode;


import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.model.LogRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-line decoders that file import reuses ({@link SyslogMessageParser}, {@link ClefEventDecoder}):
 * every line of each file under {@code golden/syslog} and {@code golden/clef} decodes to exactly
 * its {@code .expected.json} (rejections carry the 1-based line). Regenerate with
 * {@code -Dgolden.update=true} after an intended change and review the diff.
 */
class LineDecoderGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");

    @FunctionalInterface
    interface LineDecoder {
        LogRecord decode(String line, IntakeContext context) throws RecordRejectedException;
    }

    static Stream<String> inputs() throws IOException {
        List<String> all = new ArrayList<>();
        for (String kind : List.of("syslog", "clef")) {
            try (Stream<Path> files = Files.list(DIR.resolve(kind))) {
                files.map(p -> kind + "/" + p.getFileName())
                        .filter(n -> !n.endsWith(".expected.json"))
                        .sorted()
                        .forEach(all::add);
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void decodesEveryLineLikeTheGoldenFile(String input) throws Exception {
        LineDecoder decoder = input.startsWith("syslog/")
                ? new SyslogMessageParser(ZoneOffset.UTC)::parse
                : new ClefEventDecoder()::decode;
        List<LogRecord> records = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        List<String> lines = Files.readAllLines(DIR.resolve(input), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            try {
                records.add(decoder.decode(lines.get(i), BodyDecoderGoldenTest.CONTEXT));
            } catch (RecordRejectedException e) {
                rejections.add(new Rejection(i + 1, e.getMessage()));
            }
        }
        GoldenFiles.assertMatches(DIR.resolve(input), BodyDecoderGoldenTest.render(new IntakeBatch(records, rejections)));
    }
}
