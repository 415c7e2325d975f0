package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.config.Settings;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.store.DuckDbLogStore;
import dev.pipelog.store.LogStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, finding 3: reads are bounded in time and memory. A histogram asked for more bars than
 * a read may hold is a 400 naming the limit; records dated centuries away keep stats answering; a
 * page of huge records ends early with a cursor; a query past the time limit is a 504 that says
 * when to retry; an Error in a handler fails that request only.
 */
class ReadBoundsApiTest {
    private static final Map<String, String> QUIET = Map.of("ENABLE_REQUEST_LOGGING", "false");

    @TempDir
    Path dir;

    @Test
    void statsWithOneSecondBucketsSince1990IsA400NamingTheLimitAndTheServerKeepsServing() throws Exception {
        try (ApiFixture api = ApiFixture.start(dir, QUIET)) {
            api.post("/api/logs", "application/json", "{\"message\":\"x\",\"pipeline_id\":\"p\"}");

            HttpResponse<String> r = api.get("/api/logs/stats?bucket=1s&since=1990-01-01");

            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(json(r).path("error").asText()).isEqualTo("invalid_parameter");
            assertThat(json(r).path("message").asText()).startsWith("bucket:").contains("10000");
            assertThat(api.get("/api/logs/stats?bucket=7d&since=1990-01-01").statusCode()).isEqualTo(200);
            assertThat(api.get("/api/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void recordsDatedYear1700And9999KeepEveryStatsCallAnswering() throws Exception {
        try (ApiFixture api = ApiFixture.start(dir, QUIET)) {
            // Written straight to the store, as a database filled before intake checked the range holds them.
            api.engine.store().append(List.of(
                    record("old", Instant.parse("1700-01-01T00:00:00Z"), "x"),
                    record("now", Instant.now(), "x"),
                    record("far", Instant.parse("9999-12-31T00:00:00Z"), "x")), false);

            for (String query : List.of("", "?since=1h", "?since=1000-01-01", "?pipeline_id=dated")) {
                HttpResponse<String> r = api.get("/api/logs/stats" + query);
                assertThat(r.statusCode()).as(query + " " + r.body()).isEqualTo(200);
                JsonNode stats = json(r);
                assertThat(stats.path("histogram").path("buckets").size()).as(query).isBetween(1, 120);
                long barsTotal = 0;
                for (JsonNode bar : stats.path("histogram").path("buckets")) {
                    barsTotal += bar.path("total").asLong();
                }
                assertThat(barsTotal).as("the bars add up to the total, " + query).isEqualTo(stats.path("total").asLong());
            }
            assertThat(json(api.get("/api/logs/stats?pipeline_id=dated")).path("total").asLong()).isEqualTo(3);
            HttpResponse<String> hourly = api.get("/api/logs/stats?bucket=1h&pipeline_id=dated");
            assertThat(hourly.statusCode()).as(hourly.body()).isEqualTo(400);
            assertThat(json(hourly).path("message").asText()).contains("10000");
        }
    }

    @Test
    void aPageOfHugeRecordsEndsEarlyWithACursorAndPagingReachesEveryRecord() throws Exception {
        try (ApiFixture api = ApiFixture.start(dir, QUIET)) {
            Instant t = Instant.now().minusSeconds(60);
            for (int i = 0; i < 20; i++) {
                api.engine.store().append(List.of(record("huge-" + i, t.plusMillis(i), "m" + i + " " + "ab".repeat(512 * 1024))),
                        false);
            }

            HttpResponse<String> first = api.get("/api/logs/search?pipeline_id=dated&limit=10000");

            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode page = json(first);
            assertThat(page.path("items").size()).as("a page holds about 8M characters of text").isBetween(1, 9);
            assertThat(page.path("next_cursor").isNull()).isFalse();
            assertThat(page.path("total").asLong()).isEqualTo(20);
            Set<String> ids = new HashSet<>();
            api.searchAll("pipeline_id=dated&limit=10000").forEach(n -> ids.add(n.path("id").asText()));
            assertThat(ids).hasSize(20);
        }
    }

    @Test
    void readsPastTheQueryTimeLimitAreA504ThatSaysWhenToRetry() throws Exception {
        Path file = dir.resolve("slow").resolve("logs.duckdb");
        java.nio.file.Files.createDirectories(file.getParent());
        try (DuckDbLogStore filler = DuckDbLogStore.open(file, Duration.ofMinutes(1))) {
            filler.append(new DemoGenerator(7, Instant.now(), Duration.ofDays(3), 100_000).next(100_000), false);
        }
        Settings settings = ApiFixture.settings(dir, QUIET);
        // The store the listener reads from allows 1 ms per query: every real read runs past it.
        try (TestEngine engine = TestEngine.start(settings);
             DuckDbLogStore slow = DuckDbLogStore.open(file, Duration.ofMillis(1))) {
            ApiServer server = new ApiServer(settings, slow, engine.intake(), engine.health(),
                    engine.pipelineSettings(), BodyBudget.defaultCapacity(settings.maxBodyBytes()), ApiServer.INTAKE_SUMMARY_INTERVAL);
            server.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                for (String read : List.of("/api/logs/stats", "/api/logs/search?q=rows", "/api/logs/search?regex=r.ws")) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.url().resolve(read)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(read + " " + r.body()).isEqualTo(504);
                    assertThat(json(r).path("error").asText()).isEqualTo("query_timeout");
                    assertThat(r.headers().firstValue("Retry-After")).as(read).isPresent();
                }
            } finally {
                server.stop(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void anOutOfMemoryErrorInAHandlerIsA503AndTheServerKeepsServing() throws Exception {
        Settings settings = ApiFixture.settings(dir, QUIET);
        try (TestEngine engine = TestEngine.start(settings)) {
            LogStore real = engine.store();
            LogStore failing = (LogStore) Proxy.newProxyInstance(LogStore.class.getClassLoader(),
                    new Class<?>[] {LogStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("stats")) {
                            throw new OutOfMemoryError("Java heap space (thrown by the test)");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            ApiServer server = new ApiServer(settings, failing, engine.intake(), engine.health(),
                    engine.pipelineSettings(), BodyBudget.defaultCapacity(settings.maxBodyBytes()), ApiServer.INTAKE_SUMMARY_INTERVAL);
            server.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.url().resolve("/api/logs/stats"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                    assertThat(json(r).path("error").asText()).isEqualTo("resources_exhausted");
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                }
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.url().resolve("/api/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                HttpResponse<String> search = http.send(HttpRequest.newBuilder(server.url().resolve("/api/logs/search"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(search.statusCode()).isEqualTo(200);
            } finally {
                server.stop(Duration.ofSeconds(5));
            }
        }
    }

    private static LogRecord record(String id, Instant ts, String message) {
        return LogRecord.builder().id(id).timestamp(ts).receivedAt(Instant.now()).level(Level.INFO)
                .message(message).pipelineId("dated").source("test").build();
    }
}
