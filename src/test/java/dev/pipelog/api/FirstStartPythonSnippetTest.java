package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ui.main.FirstStartSnippets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Python snippet the empty window shows, pasted into the real python3: its record names its pipeline. */
class FirstStartPythonSnippetTest {
    @TempDir
    Path dir;

    @Test
    void theSnippetSendsItsRecordToMyPipelineThroughTheClientWhenItIsInstalled() throws Exception {
        runSnippet(Path.of("clients", "python").toAbsolutePath().toString(), "ndjson");
    }

    @Test
    void theSnippetSendsItsRecordToMyPipelineThroughHttpHandlerWithNothingInstalled() throws Exception {
        // Even where the client is installed system-wide, this import fails as on a bare machine.
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Files.writeString(bare.resolve("pipelog.py"), "raise ImportError('a machine without the client')\n");
        runSnippet(bare.toString(), "python-httphandler");
    }

    private void runSnippet(String pythonPath, String expectedSource) throws Exception {
        try (ApiFixture api = ApiFixture.start(dir.resolve("data"))) {
            String url = api.server.url().toString().replaceAll("/$", "");
            ProcessBuilder pb = new ProcessBuilder("python3", "-c", FirstStartSnippets.python(url))
                    .redirectErrorStream(true);
            pb.environment().put("PYTHONPATH", pythonPath);
            pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
            Process python = pb.start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as(output).isZero();
            assertThat(output).as("nothing said on stderr").isEmpty();

            JsonNode first = api.awaitSearch("pipeline_id=" + FirstStartSnippets.PIPELINE_ID,
                    page -> page.path("total").asLong() > 0);
            List<JsonNode> records = api.searchAll("pipeline_id=" + FirstStartSnippets.PIPELINE_ID);
            assertThat(first.path("total").asLong()).isEqualTo(1);
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.path("message").asText()).isEqualTo("hello from Python");
                assertThat(r.path("logger").asText()).isEqualTo(FirstStartSnippets.PIPELINE_ID);
                assertThat(r.path("source").asText()).isEqualTo(expectedSource);
            });
        }
    }
}
