package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipelog --headless} as a process: prints its URL, serves, loads no JavaFX, stops cleanly on SIGTERM. */
class HeadlessLaunchTest {
    @TempDir
    Path dir;

    @Test
    void headlessServesWithoutJavaFxAndStopsGracefullyOnSigterm() throws Exception {
        Path classLog = dir.resolve("classes.log");
        HeadlessProcess child = HeadlessProcess.start(dir.resolve("data"), "-Xlog:class+load=info:file=" + classLog);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(child.url().resolve("/api/logs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"before shutdown\",\"pipeline_id\":\"h\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(202);

        child.process().destroy();
        assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).as("stops within 30 s of SIGTERM").isTrue();
        assertThat(Files.readString(classLog)).contains("dev.pipelog.app.HeadlessMain").doesNotContain("javafx.");

        HeadlessProcess again = HeadlessProcess.start(dir.resolve("data"));
        try {
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(again.url().resolve("/api/logs/search?pipeline_id=h")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(found.body()).contains("\"total\":1").contains("before shutdown");
        } finally {
            again.process().destroy();
            again.process().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
