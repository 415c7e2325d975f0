package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The read endpoints over a store seeded with known records. Nothing here writes except cleanup's dry run. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private ApiFixture api;

    @BeforeAll
    void seed(@TempDir Path dir) {
        api = ApiFixture.start(dir, java.util.Map.of("ENABLE_REQUEST_LOGGING", "false"));
        List<LogRecord> records = new ArrayList<>();
        // daily_sales: 250 records a minute apart (each 30 s off the minute, so relative bounds never
        // land on one), two executions, every 10th an ERROR.
        for (int i = 0; i < 250; i++) {
            records.add(LogRecord.builder().id("ds-" + i).timestamp(NOW.minusSeconds(i * 60L + 30))
                    .level(i % 10 == 0 ? Level.ERROR : Level.INFO).logger(i % 2 == 0 ? "dlt.load" : "dlt.extract")
                    .message(i % 10 == 0 ? "row " + i + " failed: Timeout while loading" : "row " + i + " loaded")
                    .pipelineId("daily_sales").executionId(i < 125 ? "exec_b" : "exec_a")
                    .correlationId(i < 3 ? "corr-abc" : null).source("test").build());
        }
        // old_pipeline: 5 records 3 days ago.
        for (int i = 0; i < 5; i++) {
            records.add(LogRecord.builder().id("old-" + i).timestamp(NOW.minus(3, ChronoUnit.DAYS).plusSeconds(i))
                    .level(Level.WARNING).logger("legacy").message("old warning " + i)
                    .pipelineId("old_pipeline").executionId("exec_old").source("test").build());
        }
        api.engine.store().append(records, false);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aPipelinesRecordsPageThroughEveryRecordExactlyOnce() {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(api.get("/api/logs/pipeline/daily_sales?limit=100" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.path("items").forEach(n -> assertThat(seen.add(n.path("id").asText())).isTrue());
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(250);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aPipelinesRecordsAreNewestFirstAndFilterable() {
        JsonNode page = json(api.get("/api/logs/pipeline/daily_sales?limit=5"));
        assertThat(page.path("items").get(0).path("id").asText()).isEqualTo("ds-0");
        assertThat(json(api.get("/api/logs/pipeline/daily_sales?level=ERROR&limit=1000")).path("items")).hasSize(25);
        assertThat(json(api.get("/api/logs/pipeline/daily_sales?execution_id=exec_a&limit=1000")).path("items")).hasSize(125);
        assertThat(json(api.get("/api/logs/pipeline/daily_sales?since=60m&limit=1000")).path("items")).hasSize(60);
        assertThat(json(api.get("/api/logs/pipeline/daily_sales?hours=1&limit=1000")).path("items")).hasSize(60);
        String until = NOW.minusSeconds(200 * 60).toString();
        assertThat(json(api.get("/api/logs/pipeline/daily_sales?until=" + until + "&limit=1000")).path("items")).hasSize(50);
    }

    @Test
    void anUnknownPipelineIs404() {
        HttpResponse<String> r = api.get("/api/logs/pipeline/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).path("error").asText()).isEqualTo("not_found");
        assertThat(api.get("/api/logs/pipeline/nope/executions").statusCode()).isEqualTo(404);
    }

    @Test
    void searchFindsSubstringsCaseInsensitivelyWithAnExactTotal() {
        JsonNode r = json(api.get("/api/logs/search?q=timeout&limit=10"));
        assertThat(r.path("total").asLong()).isEqualTo(25);
        assertThat(r.path("items")).hasSize(10);
        assertThat(r.path("next_cursor").isTextual()).isTrue();
        assertThat(api.searchAll("q=timeout&limit=7")).hasSize(25);
    }

    @Test
    void searchCombinesFilters() {
        assertThat(json(api.get("/api/logs/search?level=warning,error")).path("total").asLong()).isEqualTo(30);
        assertThat(json(api.get("/api/logs/search?logger=dlt.ext")).path("total").asLong()).isEqualTo(125);
        assertThat(json(api.get("/api/logs/search?correlation_id=corr-abc")).path("total").asLong()).isEqualTo(3);
        assertThat(json(api.get("/api/logs/search?pipeline_id=old_pipeline&execution_id=exec_old")).path("total").asLong())
                .isEqualTo(5);
        assertThat(json(api.get("/api/logs/search?hours=2")).path("total").asLong()).isEqualTo(120);
        assertThat(json(api.get("/api/logs/search?since=4d&until=2d")).path("total").asLong()).isEqualTo(5);
    }

    @Test
    void searchTakesARegexAndRefusesAnInvalidOne() {
        assertThat(json(api.get("/api/logs/search?regex=%5Erow%201%5B0-9%5D%20loaded%24")).path("total").asLong())
                .isEqualTo(9);
        assertThat(json(api.get("/api/logs/search?q=row%202%5B0-9%5D0%20failed&regex=true")).path("total").asLong())
                .isEqualTo(5);
        HttpResponse<String> bad = api.get("/api/logs/search?regex=%28unclosed");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("message").asText()).startsWith("regex");
    }

    @ParameterizedTest
    @CsvSource({
            "/api/logs/search?limit=0, limit",
            "/api/logs/search?limit=10001, limit",
            "/api/logs/search?limit=ten, limit",
            "/api/logs/search?level=LOUD, level",
            "/api/logs/search?since=yesterday, since",
            "/api/logs/search?until=soon, until",
            "/api/logs/search?hours=-1, hours",
            "/api/logs/search?hours=2&since=1h, hours",
            "/api/logs/search?cursor=garbage!, cursor",
            "/api/logs/search?pipelineid=x, pipelineid",
            "/api/logs/search?q=a&regex=b, regex",
            "/api/logs/pipeline/daily_sales?limit=x, limit",
            "/api/logs/pipeline/daily_sales/executions?limit=0, limit",
            "/api/logs/stats?bucket=0m, bucket",
            "/api/logs/stats?since=never, since"})
    void badParametersAre400NamingTheParameter(String path, String parameter) {
        HttpResponse<String> r = api.get(path);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_parameter");
        assertThat(json(r).path("message").asText()).startsWith(parameter + ":");
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        assertThat(api.get("/api/logs/nothing").statusCode()).isEqualTo(404);
        assertThat(api.post("/api/logs/search", "application/json", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void theOpenApiDocumentIsServed() {
        HttpResponse<String> r = api.get("/api/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("paths").has("/api/logs/search")).isTrue();
    }
}
