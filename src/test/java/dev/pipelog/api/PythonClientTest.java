package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python client (clients/python) with the real python3 against the real listener: runs its
 * unittest suite (delivery, runs and stages, threads and asyncio, fork, spool and replay, 429 storm,
 * the listener killed and restarted) and checks from this side that the records arrived.
 */
class PythonClientTest {
    private static final Path CLIENT = Path.of("clients", "python").toAbsolutePath();
    /** The test methods under clients/python/tests: a suite that silently loses tests fails here. */
    private static final int PYTHON_TESTS = 17;

    @TempDir
    Path dir;

    @Test
    void thePythonClientsOwnTestsPassAgainstTheRealListenerAndItsRecordsArrive() throws Exception {
        try (ApiFixture api = ApiFixture.start(dir.resolve("data"))) {
            String output = runPythonTests(api);

            Matcher ran = Pattern.compile("Ran (\\d+) tests?").matcher(output);
            assertThat(ran.find()).as(output).isTrue();
            assertThat(Integer.parseInt(ran.group(1))).as(output).isEqualTo(PYTHON_TESTS);
            assertThat(output).as("no Python test may be skipped").doesNotContain("skipped");

            Map<String, Long> totals = pipelineTotals(api);
            assertThat(totals).as("the 100k records of the ordering test, with the run's start and end")
                    .anySatisfy((pipeline, total) -> {
                        assertThat(pipeline).startsWith("py_order_");
                        assertThat(total).isEqualTo(100_002L);
                    });
            assertThat(totals).as("the forked children's and the parent's records")
                    .anySatisfy((pipeline, total) -> {
                        assertThat(pipeline).startsWith("py_fork_");
                        assertThat(total).isEqualTo(3 * 500 + 301 + 2L);
                    });
        }
    }

    private String runPythonTests(ApiFixture api) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("python3", "-m", "unittest", "discover", "-v",
                "-s", CLIENT.resolve("tests").toString(), "-t", CLIENT.resolve("tests").toString())
                .directory(CLIENT.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PYTHONPATH", CLIENT.toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PIPELOG_TEST_URL", api.server.url().toString());
        env.put("PIPELOG_TEST_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("PIPELOG_TEST_CLASSPATH", System.getProperty("java.class.path"));
        // Nothing of a test run may land in the user's own spool directory.
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.remove("PIPELOG_URL");
        env.remove("PIPELOG_API_TOKEN");
        env.remove("PIPELOG_PIPELINE_ID");
        Process python;
        try {
            python = pb.start();
        } catch (IOException e) {
            throw new AssertionError("python3 (3.9 or newer) must be on the PATH to test the Python client;"
                    + " .ci/run installs it", e);
        }
        Path log = dir.resolve("python-tests.log");
        Thread copier = new Thread(() -> {
            try {
                Files.copy(python.getInputStream(), log);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "python-test-output");
        copier.start();
        boolean finished = python.waitFor(20, TimeUnit.MINUTES);
        if (!finished) {
            python.destroyForcibly();
        }
        copier.join(TimeUnit.SECONDS.toMillis(30));
        String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        Files.writeString(Path.of("target", "python-client-tests.log"), output, StandardCharsets.UTF_8);
        assertThat(finished).as("the Python tests finished within 20 minutes:\n" + output).isTrue();
        assertThat(python.exitValue()).as("python3 -m unittest failed (target/python-client-tests.log):\n" + output)
                .isZero();
        return output;
    }

    private static Map<String, Long> pipelineTotals(ApiFixture api) {
        JsonNode stats = ApiFixture.json(api.get("/api/logs/stats"));
        Map<String, Long> totals = new HashMap<>();
        stats.path("pipelines").forEach(p -> totals.put(p.path("pipeline_id").asText(), p.path("total").asLong()));
        return totals;
    }
}
