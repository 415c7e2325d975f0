package dev.pipelog.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.model.LogRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input under {@code src/test/resources/golden/decode} decodes to exactly its
 * {@code .expected.json}. Server-made ids show as {@code <generated>}. After an intended change of
 * the rules, regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class BodyDecoderGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/decode");
    static final IntakeContext CONTEXT = new IntakeContext("hdr_pipeline", "hdr_exec", "req-corr-1", "127.0.0.1",
            Instant.parse("2026-11-28T12:00:00Z"));

    static Stream<String> inputs() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".expected.json"))
                    .sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void decodesLikeTheGoldenFile(String input) throws Exception {
        WireFormat format = input.endsWith(".ndjson") ? WireFormat.NDJSON
                : input.endsWith(".form") ? WireFormat.PYTHON_HTTPHANDLER : WireFormat.JSON;
        IntakeBatch batch = new BodyDecoder(16 << 20)
                .decode(Files.readAllBytes(DIR.resolve(input)), false, format, CONTEXT);
        JsonNode actual = render(batch);
        Path expectedFile = DIR.resolve(input.substring(0, input.lastIndexOf('.')) + ".expected.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expectedFile, RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        assertThat(expectedFile).as("golden file for " + input).exists();
        assertThat(actual).isEqualTo(RecordJson.MAPPER.readTree(expectedFile.toFile()));
    }

    static JsonNode render(IntakeBatch batch) throws IOException {
        ObjectNode out = RecordJson.MAPPER.createObjectNode();
        ArrayNode records = out.putArray("records");
        for (LogRecord r : batch.records()) {
            ObjectNode node = (ObjectNode) RecordJson.MAPPER.readTree(RecordJson.toLine(r));
            if (r.id().matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                node.put("id", "<generated>");
            }
            records.add(node);
        }
        ArrayNode rejections = out.putArray("rejections");
        List<Rejection> rs = batch.rejections();
        for (Rejection r : rs) {
            rejections.addObject().put("index", r.index()).put("reason", r.reason());
        }
        return out;
    }
}
