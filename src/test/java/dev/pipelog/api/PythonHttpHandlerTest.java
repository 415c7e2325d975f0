package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real python3 with logging.handlers.HTTPHandler, zero extra dependencies, against the real listener. */
class PythonHttpHandlerTest {
    @TempDir
    Path dir;

    @Test
    void pythonsStandardHttpHandlerDeliversRecordsWithTheirTraceback() throws Exception {
        assumeTrue(python3Available(), "python3 is not on the PATH: install it (CI does) to run this test");
        Path script = dir.resolve("pipeline.py");
        try (InputStream in = getClass().getResourceAsStream("python_pipeline.py")) {
            Files.write(script, in.readAllBytes());
        }
        try (ApiFixture api = ApiFixture.start(dir.resolve("data"))) {
            Process python = new ProcessBuilder("python3", script.toString(), "127.0.0.1:" + api.server.port())
                    .redirectErrorStream(true).start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as(output).isZero();
            assertThat(output).as("HTTPHandler reports failures on stderr").doesNotContain("Traceback");

            List<JsonNode> plain = api.searchAll("pipeline_id=py_plain");
            assertThat(plain).singleElement().satisfies(r -> {
                assertThat(r.path("message").asText()).isEqualTo("plain handler: 1200 rows into orders");
                assertThat(r.path("level").asText()).isEqualTo("WARNING");
                assertThat(r.path("logger").asText()).isEqualTo("plain");
                assertThat(r.path("execution_id").asText()).isEqualTo("run_1");
                assertThat(r.path("source").asText()).isEqualTo("python-httphandler");
            });

            List<JsonNode> sub = api.searchAll("correlation_id=py-corr");
            assertThat(sub).extracting(r -> r.path("message").asText())
                    .containsExactlyInAnyOrder("starting extract", "extract failed for orders");
            JsonNode failure = sub.stream().filter(r -> r.path("level").asText().equals("ERROR")).findFirst().orElseThrow();
            assertThat(failure.path("stack_trace").asText())
                    .startsWith("Traceback (most recent call last):")
                    .contains("in extract")
                    .endsWith("KeyError: 'customer_id'");
            assertThat(failure.path("function").asText()).isEqualTo("<module>");
            assertThat(failure.path("line").asInt()).isPositive();
            assertThat(failure.path("process_id").asLong()).isPositive();
            assertThat(failure.path("extra").path("rows").asText()).isEqualTo("0");
        }
    }

    private static boolean python3Available() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
