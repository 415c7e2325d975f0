package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executions, stats, correlation, cleanup and health over a small known data set. */
class EndpointsApiTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;
    private ApiFixture api;

    @BeforeEach
    void seed() {
        api = ApiFixture.start(dir, Map.of("ENABLE_REQUEST_LOGGING", "false"));
        List<LogRecord> records = new ArrayList<>();
        // etl: run_1 two hours ago, clean; run_2 an hour ago, ends in an error.
        for (int i = 0; i < 10; i++) {
            records.add(record("r1-" + i, NOW.minus(2, ChronoUnit.HOURS).plusSeconds(i * 10), Level.INFO, "etl", "run_1")
                    .logger("etl.load").message("batch " + i).build());
        }
        for (int i = 0; i < 4; i++) {
            records.add(record("r2-" + i, NOW.minus(1, ChronoUnit.HOURS).plusSeconds(i * 10),
                    i == 3 ? Level.ERROR : Level.WARNING, "etl", "run_2")
                    .logger("etl.transform").message(i == 3 ? "transform crashed" : "slow batch " + i).build());
        }
        // A request traced through two spans under one correlation id.
        records.add(record("c-1", NOW.minusSeconds(50), Level.INFO, "api", "req").correlationId("trace-9")
                .spanId("root").logger("api.handler").message("request in").build());
        records.add(record("c-2", NOW.minusSeconds(40), Level.ERROR, "api", "req").correlationId("trace-9")
                .spanId("child").parentSpanId("root").logger("api.db").message("query failed").build());
        // Old records of another pipeline, 40 days ago.
        for (int i = 0; i < 3; i++) {
            records.add(record("old-" + i, NOW.minus(40, ChronoUnit.DAYS).plusSeconds(i), Level.INFO, "archive", "a")
                    .message("ancient " + i).build());
        }
        api.engine.store().append(records, false);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static LogRecord.Builder record(String id, Instant t, Level level, String pipeline, String execution) {
        return LogRecord.builder().id(id).timestamp(t).receivedAt(t).level(level).pipelineId(pipeline)
                .executionId(execution).source("test");
    }

    @Test
    void executionsSummariseEachRunNewestFirst() {
        JsonNode body = json(api.get("/api/logs/pipeline/etl/executions"));
        assertThat(body.path("pipeline_id").asText()).isEqualTo("etl");
        JsonNode runs = body.path("executions");
        assertThat(runs).extracting(r -> r.path("execution_id").asText()).containsExactly("run_2", "run_1");
        JsonNode failed = runs.get(0);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("records").asLong()).isEqualTo(4);
        assertThat(failed.path("counts_by_level").path("WARNING").asLong()).isEqualTo(3);
        assertThat(failed.path("last_error").asText()).isEqualTo("transform crashed");
        assertThat(failed.path("duration_ms").asLong()).isEqualTo(30_000);
        assertThat(runs.get(1).path("status").asText()).isEqualTo("OK");
        assertThat(json(api.get("/api/logs/pipeline/etl/executions?limit=1")).path("executions")).hasSize(1);
        assertThat(json(api.get("/api/logs/pipeline/etl/executions?since=90m")).path("executions")).hasSize(1);
    }

    @Test
    void statsAddUpToTheRealCounts() {
        JsonNode stats = json(api.get("/api/logs/stats?hours=24&bucket=1h"));
        assertThat(stats.path("total").asLong()).isEqualTo(16);
        assertThat(stats.path("by_level").path("ERROR").asLong()).isEqualTo(2);
        assertThat(stats.path("unique_pipelines").asLong()).isEqualTo(2);
        assertThat(stats.path("histogram").path("bucket_seconds").asLong()).isEqualTo(3600);
        long histogramTotal = 0;
        for (JsonNode b : stats.path("histogram").path("buckets")) {
            histogramTotal += b.path("total").asLong();
        }
        assertThat(histogramTotal).isEqualTo(16);
        assertThat(stats.path("pipelines")).anySatisfy(p -> {
            assertThat(p.path("pipeline_id").asText()).isEqualTo("etl");
            assertThat(p.path("errors").asLong()).isEqualTo(1);
        });
        assertThat(stats.path("top_error_loggers")).isNotEmpty();
        assertThat(json(api.get("/api/logs/stats?pipeline_id=api")).path("total").asLong()).isEqualTo(2);
        assertThat(json(api.get("/api/logs/stats")).path("total").asLong()).isEqualTo(19);
    }

    @Test
    void aCorrelationIdUnfoldsIntoRecordsAndASpanTree() {
        JsonNode c = json(api.get("/api/logs/correlation/trace-9"));
        assertThat(c.path("records")).extracting(r -> r.path("id").asText()).containsExactly("c-1", "c-2");
        assertThat(c.path("grouping").asText()).isEqualTo("SPANS");
        JsonNode root = c.path("tree").get(0);
        assertThat(root.path("span_id").asText()).isEqualTo("root");
        assertThat(root.path("children").get(0).path("span_id").asText()).isEqualTo("child");
        assertThat(root.path("total_records").asLong()).isEqualTo(2);
        assertThat(c.path("orphans")).isEmpty();

        HttpResponse<String> unknown = api.get("/api/logs/correlation/nobody");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void cleanupCountsFirstThenDeletes() {
        String body = "{\"older_than_days\":30,\"dry_run\":true}";
        HttpResponse<String> dry = api.post("/api/logs/cleanup", "application/json", body);
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(json(dry).path("would_delete").asLong()).isEqualTo(3);
        assertThat(json(api.get("/api/logs/search")).path("total").asLong()).isEqualTo(19);

        HttpResponse<String> real = api.post("/api/logs/cleanup", "application/json; charset=utf-8",
                "{\"older_than_days\":30}");
        assertThat(json(real).path("deleted").asLong()).isEqualTo(3);
        assertThat(json(real).has("reclaimed_bytes")).isTrue();
        assertThat(json(api.get("/api/logs/search")).path("total").asLong()).isEqualTo(16);
    }

    @Test
    void cleanupAppliesPerPipelineRetention() {
        api.engine.pipelineSettings().put(new PipelineSettings("etl", null, 1));
        HttpResponse<String> r = api.post("/api/logs/cleanup", "application/json", "{\"apply_retention\":true,\"dry_run\":true}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("would_delete").asLong()).isZero();
        api.engine.pipelineSettings().put(new PipelineSettings("archive", null, 30));
        assertThat(json(api.post("/api/logs/cleanup", "application/json", "{\"apply_retention\":true,\"dry_run\":true}"))
                .path("would_delete").asLong()).isEqualTo(3);
    }

    @Test
    void cleanupRefusesBodiesThatDoNotSayWhatToDelete() {
        HttpResponse<String> typo = api.post("/api/logs/cleanup", "application/json", "{\"older_than_day\":30}");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(json(typo).path("message").asText()).startsWith("older_than_day:");
        HttpResponse<String> empty = api.post("/api/logs/cleanup", "application/json", "{}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).path("message").asText()).contains("say what to delete");
        assertThat(api.post("/api/logs/cleanup", "application/json", "{\"older_than_days\":-1}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/logs/cleanup", "application/json", "{\"older_than_days\":\"30\"}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/logs/cleanup", "application/json", "[1").statusCode()).isEqualTo(400);
        assertThat(json(api.get("/api/logs/search")).path("total").asLong()).isEqualTo(19);
    }

    @Test
    void healthReportsTheEngine() {
        api.post("/api/logs", "application/x-ndjson", "{\"message\":\"a\"}\n{\"message\":\"b\"}\n{\"level\":\"LOUD\"}\n");
        HttpResponse<String> r = api.get("/api/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode h = json(r);
        assertThat(h.path("status").asText()).isIn("ok", "degraded");
        assertThat(h.has("breaker")).isTrue();
        assertThat(h.has("queue_depth")).isTrue();
        assertThat(h.path("fallback").has("files")).isTrue();
        assertThat(h.path("storage_bytes").asLong()).isPositive();
        assertThat(h.path("records_accepted").asLong()).isEqualTo(2);
        assertThat(h.path("records_rejected").asLong()).isEqualTo(1);
        assertThat(h.path("breaker").asText()).isEqualTo("CLOSED");
        assertThat(h.path("version").asText()).isNotEmpty();
    }
}
