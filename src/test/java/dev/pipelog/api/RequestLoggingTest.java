package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.resilience.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLoggingTest {
    private static final String ONE_RECORD = "{\"message\":\"row\",\"pipeline_id\":\"etl\"}";

    @TempDir
    Path dir;

    @Test
    void eachReadRequestBecomesARecordUnderItsOwnPipeline() throws InterruptedException {
        try (ApiFixture api = ApiFixture.start(dir)) {
            HttpResponse<String> health = api.get("/api/health", "X-Correlation-Id", "probe-1");
            assertThat(health.statusCode()).isEqualTo(200);

            // The count and the page are two reads; wait until both see the record.
            JsonNode found = api.awaitSearch("pipeline_id=pipelog-http&correlation_id=probe-1",
                    r -> r.path("items").size() > 0 && r.path("total").asLong() > 0);
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
    void anAcceptedIntakeRequestIsCountedInHealthInsteadOfStoredAsARecord() throws InterruptedException {
        try (ApiFixture api = ApiFixture.start(dir)) {
            for (int i = 0; i < 3; i++) {
                assertThat(api.post("/api/logs", "application/json", ONE_RECORD, "X-Correlation-Id", "send-" + i)
                        .statusCode()).isEqualTo(202);
            }
            // A read after the posts is logged; once its record is there, the posts' would be too.
            api.get("/api/health", "X-Correlation-Id", "after-posts");
            api.awaitSearch("pipeline_id=pipelog-http&correlation_id=after-posts", r -> r.path("items").size() > 0);

            assertThat(json(api.get("/api/health")).path("intake_requests").asLong()).isEqualTo(3);
            List<JsonNode> own = api.searchAll("pipeline_id=pipelog-http");
            assertThat(own).extracting(r -> r.path("extra").path("path").asText()).doesNotContain("/api/logs");
            assertThat(json(api.get("/api/logs/search?pipeline_id=etl")).path("total").asLong()).isEqualTo(3);
        }
    }

    @Test
    void everyIntakeRouteIsCountedNotStoredOneByOne() throws InterruptedException {
        try (ApiFixture api = ApiFixture.start(dir)) {
            HttpResponse<String> clef = api.post("/ingest/clef", "application/vnd.serilog.clef",
                    "{\"@m\":\"from a Seq client\",\"Application\":\"clef_app\"}");
            assertThat(clef.statusCode()).isEqualTo(201);
            api.get("/api/health", "X-Correlation-Id", "after-clef");
            api.awaitSearch("pipeline_id=pipelog-http&correlation_id=after-clef", r -> r.path("items").size() > 0);

            assertThat(api.searchAll("pipeline_id=pipelog-http")).extracting(r -> r.path("extra").path("path").asText())
                    .doesNotContain("/ingest/clef");
            assertThat(json(api.get("/api/health")).path("intake_requests").asLong()).isEqualTo(1);
        }
    }

    @Test
    void eachClientGetsAPeriodicSummaryOfItsIntakeRequests() throws InterruptedException {
        try (ApiFixture api = ApiFixture.startWithIntakeSummaries(dir, Duration.ofMillis(200))) {
            for (int i = 0; i < 5; i++) {
                assertThat(api.post("/api/logs", "application/json", ONE_RECORD).statusCode()).isEqualTo(202);
            }

            // The five may fall into two intervals; together the summaries count each request once.
            Eventually.await("summaries counting all five requests", Duration.ofSeconds(10),
                    () -> summarisedRequests(api.searchAll("pipeline_id=pipelog-http&q=requests%20answered")) == 5);
            JsonNode summary = api.searchAll("pipeline_id=pipelog-http&q=requests%20answered").get(0);
            assertThat(summary.path("level").asText()).isEqualTo("DEBUG");
            assertThat(summary.path("message").asText()).contains("from 127.0.0.1");
            assertThat(summary.path("extra").path("client").asText()).isEqualTo("127.0.0.1");
            assertThat(summary.path("extra").path("bytes_in").asLong()).isPositive();
        }
    }

    @Test
    void theRequestsSinceTheLastSummaryAreSummarisedWhenTheListenerStops() {
        try (ApiFixture api = ApiFixture.start(dir)) {
            api.post("/api/logs", "application/json", ONE_RECORD);
            api.post("/api/logs", "application/json", ONE_RECORD);
            // Closing stops the listener (a minute before its first summary is due), then flushes the engine.
        }
        try (ApiFixture reopened = ApiFixture.start(dir)) {
            List<JsonNode> summaries = reopened.searchAll("pipeline_id=pipelog-http&q=requests%20answered");
            assertThat(summaries).hasSize(1);
            assertThat(summaries.get(0).path("extra").path("requests").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aRefusedIntakeRequestIsStillLoggedAsARecord() throws InterruptedException {
        try (ApiFixture api = ApiFixture.start(dir)) {
            HttpResponse<String> refused = api.post("/api/logs", "application/json", "{not json",
                    "X-Correlation-Id", "bad-1");
            assertThat(refused.statusCode()).isEqualTo(400);

            JsonNode found = api.awaitSearch("pipeline_id=pipelog-http&correlation_id=bad-1",
                    r -> r.path("items").size() > 0);
            assertThat(found.path("items").get(0).path("message").asText()).startsWith("POST /api/logs 400");
            assertThat(found.path("items").get(0).path("extra").path("status").asInt()).isEqualTo(400);
            assertThat(json(api.get("/api/health")).path("intake_requests").asLong()).isZero();
        }
    }

    @Test
    void requestLoggingCanBeSwitchedOffAndIntakeRequestsAreStillCounted() {
        try (ApiFixture api = ApiFixture.start(dir, Map.of("ENABLE_FLASK_LOGGING", "false"))) {
            api.get("/api/health", "X-Correlation-Id", "quiet-1");
            // A later request is logged after the first would have been, so its absence is meaningful.
            api.post("/api/logs", "application/json", "{\"message\":\"marker\",\"pipeline_id\":\"m\"}");
            assertThat(json(api.get("/api/logs/search?pipeline_id=pipelog-http")).path("total").asLong()).isZero();
            assertThat(json(api.get("/api/health")).path("intake_requests").asLong()).isEqualTo(1);
        }
    }

    private static long summarisedRequests(List<JsonNode> summaries) {
        return summaries.stream().mapToLong(s -> s.path("extra").path("requests").asLong()).sum();
    }
}
