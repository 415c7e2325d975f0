package dev.pipelog.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.LogQuery;
import dev.pipelog.store.DuckDbLogStore;
import dev.pipelog.store.LogStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The window, in a child JVM as a user starts it (headless Monocle instead of a display), stops as
 * gracefully as headless on SIGTERM and SIGINT: listener stopped, engine stopped, exit status 0, and
 * the record it acknowledged just before is in the store.
 */
class WindowStopTest {
    private static final Pattern URL = Pattern.compile("listening on (http://\\S+)");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aStopSignalClosesTheWindowAndStopsListenerAndEngine(String signal) throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Process child = start(lines);
        try {
            URI url = URI.create(awaitLine(lines, URL, child).group(1).replaceAll("/$", "") + "/api/logs");
            awaitLine(lines, Pattern.compile("window ready \\d+ ms after start"), child);
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"just before the signal\",\"pipeline_id\":\"stop_test\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(202);

            assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid())).start().waitFor()).isZero();

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child stopped").isTrue();
            assertThat(child.exitValue()).isZero();
            String log = String.join("\n", lines);
            assertThat(log).contains("SIG" + signal + " received").contains("listener stopped").contains("Engine stopped");
            assertThat(log.indexOf("listener stopped")).as("the listener stops before the engine")
                    .isLessThan(log.indexOf("Engine stopped"));
        } finally {
            child.destroyForcibly();
        }
        try (LogStore store = DuckDbLogStore.open(dir.resolve("data").resolve("pipelog.duckdb"), Duration.ofSeconds(30))) {
            assertThat(store.count(LogQuery.builder().pipelineId("stop_test").build())).isEqualTo(1);
        }
    }

    private Process start(List<String> lines) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m",
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Dheadless.geometry=1600x1000-32", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"),
                "dev.pipelog.Main", "--port", "0", "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true);
        pb.environment().put("ENABLE_REQUEST_LOGGING", "false");
        pb.environment().put("LOG_LEVEL", "INFO");
        Process child = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output unreadable: " + e + ")");
            }
        }, "window-stop-test-output");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    /** Waits (up to 60 s) for a line of the child's output matching {@code pattern}. */
    private static Matcher awaitLine(List<String> lines, Pattern pattern, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                for (String line : lines) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
            }
            if (!child.isAlive()) {
                throw new AssertionError("the window exited (" + child.exitValue() + ") before '" + pattern + "':\n"
                        + String.join("\n", lines));
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling the output for the condition, with a deadline
        }
        throw new AssertionError("no line matching '" + pattern + "' within 60 s:\n" + String.join("\n", lines));
    }
}
