package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLoggingTest {
    @TempDir
    Path dir;

    @Test
    void eachApiRequestBecomesARecordUnderItsOwnPipeline() throws InterruptedException {
        try (ApiFixture api = ApiFixture.start(dir)) {
            HttpResponse<String> health = api.get("/api/health", "X-Correlation-Id", "probe-1");
            assertThat(health.statusCode()).isEqualTo(200);

            JsonNode found = api.awaitSearch("pipeline_id=pipelog-http&correlation_id=probe-1",
                    r -> r.path("total").asLong() > 0);
            assertThat(found.path("total").asLong()).isEqualTo(1);
            JsonNode record = found.path("items").get(0);
            assertThat(record.path("level").asText()).isEqualTo("INFO");
            assertThat(record.path("message").asText()).startsWith("GET /api/health 200");
            JsonNode extra = record.path("extra");
            assertThat(extra.path("method").asText()).isEqualTo("GET");
            assertThat(extra.path("path").asText()).isEqualTo("/api/health");
            assertThat(extra.path("status").asInt()).isEqualTo(200);
            assertThat(extra.path("bytes_out").asLong()).isEqualTo(health.body().getBytes().length);
            assertThat(extra.path("client").asText()).isEqualTo("127.0.0.1");
            assertThat(extra.has("duration_ms")).isTrue();
        }
    }

    @Test
    void intakeRequestsAreLoggedAtDebug() throws InterruptedException {
        try (ApiFixture api = ApiFixture.start(dir)) {
            api.post("/api/logs", "application/json", "{\"message\":\"x\"}", "X-Correlation-Id", "send-1");
            JsonNode found = api.awaitSearch("pipeline_id=pipelog-http&correlation_id=send-1",
                    r -> r.path("total").asLong() > 0);
            assertThat(found.path("items").get(0).path("level").asText()).isEqualTo("DEBUG");
            assertThat(found.path("items").get(0).path("extra").path("status").asInt()).isEqualTo(202);
        }
    }

    @Test
    void requestLoggingCanBeSwitchedOff() throws InterruptedException {
        try (ApiFixture api = ApiFixture.start(dir, Map.of("ENABLE_FLASK_LOGGING", "false"))) {
            api.get("/api/health", "X-Correlation-Id", "quiet-1");
            // A later request is logged after the first would have been, so its absence is meaningful.
            api.post("/api/logs", "application/json", "{\"message\":\"marker\",\"pipeline_id\":\"m\"}");
            assertThat(json(api.get("/api/logs/search?pipeline_id=pipelog-http")).path("total").asLong()).isZero();
        }
    }
}
