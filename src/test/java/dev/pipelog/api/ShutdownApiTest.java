package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.IntakeResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownApiTest {
    @TempDir
    Path dir;

    @Test
    void stoppingLetsARequestInFlightFinishAndAcceptsNoNewOnes() throws Exception {
        ApiFixture api = ApiFixture.start(dir, Map.of("ENABLE_REQUEST_LOGGING", "false"));
        try {
            CompletableFuture<IntakeResult> durable = new CompletableFuture<>();
            api.engine.intake().answerNextWhen(durable);
            CompletableFuture<HttpResponse<String>> inFlight = api.http.sendAsync(
                    api.request("/api/logs").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"slow\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.engine.intake().awaitScriptedBatch()).isTrue();

            HttpRequest later = api.request("/api/health").build();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> api.server.stop(Duration.ofSeconds(10)));
            Thread.sleep(200);
            assertThat(stopping).as("stop waits for the request in flight").isNotDone();

            durable.complete(new IntakeResult.Accepted(1, 0, IntakeResult.Destination.PRIMARY));
            assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            stopping.get(10, TimeUnit.SECONDS);
            assertThat(api.http.sendAsync(later, HttpResponse.BodyHandlers.ofString()))
                    .failsWithin(10, TimeUnit.SECONDS);
        } finally {
            api.close();
        }
    }
}
