package dev.pipelog.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.RecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compares a decoding with the {@code .expected.json} beside its input; {@code -Dgolden.update=true} rewrites it. */
final class GoldenFiles {
    private GoldenFiles() {
    }

    static void assertMatches(Path input, JsonNode actual) throws IOException {
        String name = input.getFileName().toString();
        Path expected = input.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        assertThat(expected).as("golden file for " + input).exists();
        assertThat(actual).isEqualTo(RecordJson.MAPPER.readTree(expected.toFile()));
    }
}
