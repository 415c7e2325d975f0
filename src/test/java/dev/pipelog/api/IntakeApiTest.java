package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.IntakeResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeApiTest {
    private static final String NDJSON = "application/x-ndjson";
    private static final String JSON = "application/json";

    @TempDir
    Path dir;
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir, Map.of("PIPELOG_MAX_BODY", "64KB"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aJsonObjectIsAcknowledgedAndThenFound() {
        HttpResponse<String> r = api.post("/api/logs", JSON,
                "{\"level\":\"ERROR\",\"message\":\"load failed\",\"pipeline_id\":\"daily_sales\",\"line\":\"42\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(json(r).path("accepted").asInt()).isEqualTo(1);
        assertThat(json(r).path("rejected").asInt()).isZero();
        assertThat(json(r).path("errors")).isEmpty();

        JsonNode found = json(api.get("/api/logs/search?pipeline_id=daily_sales"));
        assertThat(found.path("total").asLong()).isEqualTo(1);
        JsonNode record = found.path("items").get(0);
        assertThat(record.path("message").asText()).isEqualTo("load failed");
        assertThat(record.path("level").asText()).isEqualTo("ERROR");
        assertThat(record.path("line").asInt()).isEqualTo(42);
        assertThat(record.path("source").asText()).isEqualTo("json");
        assertThat(record.path("host").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void anArrayKeepsItsGoodRecordsAndNamesTheBadOnesByIndex() {
        HttpResponse<String> r = api.post("/api/logs", JSON, "[{\"message\":\"a\",\"pipeline_id\":\"p\"},"
                + "{\"message\":\"b\",\"level\":\"LOUD\"},{\"message\":\"c\",\"pipeline_id\":\"p\"}]");
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode body = json(r);
        assertThat(body.path("accepted").asInt()).isEqualTo(2);
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        assertThat(body.path("errors").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(body.path("errors").get(0).path("reason").asText()).contains("LOUD");
        assertThat(api.searchAll("pipeline_id=p")).extracting(n -> n.path("message").asText())
                .containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void ndjsonWithBadLinesInTheMiddleKeepsEveryGoodLine() {
        String body = "{\"message\":\"one\",\"pipeline_id\":\"nd\"}\n"
                + "{\"message\": oops}\n"
                + "{\"message\":\"three\",\"pipeline_id\":\"nd\"}\n"
                + "{\"message\":\"four\",\"pipeline_id\":\"nd\",\"timestamp\":\"not a time\"}\n"
                + "{\"message\":\"five\",\"pipeline_id\":\"nd\"}\n";
        HttpResponse<String> r = api.post("/api/logs", NDJSON, body);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(json(r).path("accepted").asInt()).isEqualTo(3);
        assertThat(json(r).path("errors")).extracting(e -> e.path("index").asInt()).containsExactly(2, 4);
        assertThat(api.searchAll("pipeline_id=nd")).extracting(n -> n.path("message").asText())
                .containsExactlyInAnyOrder("one", "three", "five");
    }

    @Test
    void gzipBodiesAreAccepted() throws IOException {
        byte[] body = gzip("{\"message\":\"zipped 1\",\"pipeline_id\":\"gz\"}\n{\"message\":\"zipped 2\",\"pipeline_id\":\"gz\"}\n");
        HttpResponse<String> r = api.post("/api/logs", NDJSON, body, "Content-Encoding", "gzip");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(api.searchAll("pipeline_id=gz")).hasSize(2);
    }

    @Test
    void headersFillWhatRecordsLackAndTheCorrelationIdRoundTrips() {
        HttpResponse<String> r = api.post("/api/logs", NDJSON,
                "{\"message\":\"from headers\"}\n{\"message\":\"own ids\",\"pipeline_id\":\"mine\",\"correlation_id\":\"c-own\"}\n",
                "X-Pipeline-Id", "hdr_pipe", "X-Execution-Id", "exec_7", "X-Correlation-Id", "req-42");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("X-Correlation-Id")).contains("req-42");
        JsonNode fromHeaders = api.searchAll("pipeline_id=hdr_pipe").get(0);
        assertThat(fromHeaders.path("execution_id").asText()).isEqualTo("exec_7");
        assertThat(fromHeaders.path("correlation_id").asText()).isEqualTo("req-42");
        JsonNode own = api.searchAll("pipeline_id=mine").get(0);
        assertThat(own.path("correlation_id").asText()).isEqualTo("c-own");
        assertThat(own.path("execution_id").asText()).isEqualTo("exec_7");
    }

    @Test
    void anOverlongIdHeaderIs400NamingIt() {
        HttpResponse<String> r = api.post("/api/logs", JSON, "{\"message\":\"x\"}", "X-Pipeline-Id", "p".repeat(2000));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("message").asText()).startsWith("X-Pipeline-Id:");
    }

    @Test
    void aTraceparentTraceIdBecomesTheCorrelationId() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> r = api.post("/api/logs", JSON, "{\"message\":\"traced\",\"pipeline_id\":\"tp\"}",
                "traceparent", "00-" + trace + "-00f067aa0ba902b7-01");
        assertThat(r.headers().firstValue("X-Correlation-Id")).contains(trace);
        assertThat(api.searchAll("pipeline_id=tp").get(0).path("correlation_id").asText()).isEqualTo(trace);
    }

    @Test
    void everyResponseCarriesACorrelationIdEvenErrors() {
        assertThat(api.get("/api/health").headers().firstValue("X-Correlation-Id")).isPresent();
        assertThat(api.get("/api/nope").headers().firstValue("X-Correlation-Id")).isPresent();
    }

    @Test
    void aRepeatedClientIdIsStoredOnce() {
        // A retry resends the same record: same client id, same timestamp.
        String record = "{\"id\":\"client-1\",\"timestamp\":\"2026-11-28T10:00:00Z\",\"message\":\"once\",\"pipeline_id\":\"dedupe\"}";
        assertThat(api.post("/api/logs", JSON, record).statusCode()).isEqualTo(202);
        assertThat(api.post("/api/logs", JSON, record).statusCode()).isEqualTo(202);
        assertThat(api.searchAll("pipeline_id=dedupe")).hasSize(1);
    }

    @Test
    void aBodyOverTheLimitIs413BeforeAndAfterDecompression() throws IOException {
        String big = "{\"message\":\"" + "x".repeat(70 * 1024) + "\"}";
        HttpResponse<String> plain = api.post("/api/logs", JSON, big);
        assertThat(plain.statusCode()).isEqualTo(413);
        assertThat(json(plain).path("error").asText()).isEqualTo("body_too_large");

        byte[] bomb = gzip(big);
        assertThat(bomb.length).isLessThan(64 * 1024);
        HttpResponse<String> zipped = api.post("/api/logs", JSON, bomb, "Content-Encoding", "gzip");
        assertThat(zipped.statusCode()).isEqualTo(413);
        assertThat(json(zipped).path("message").asText()).contains("after decompression");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() {
        byte[] big = ("{\"message\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = api.send(api.request("/api/logs").header("Content-Type", JSON)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).path("error").asText()).isEqualTo("body_too_large");
    }

    @Test
    void unknownContentTypesAndEncodingsAre415() {
        HttpResponse<String> xml = api.post("/api/logs", "text/xml", "<log/>");
        assertThat(xml.statusCode()).isEqualTo(415);
        assertThat(json(xml).path("message").asText()).contains("application/x-ndjson");
        assertThat(api.post("/api/logs", JSON, "{}", "Content-Encoding", "br").statusCode()).isEqualTo(415);
    }

    @Test
    void malformedJsonIs400SayingWhere() {
        HttpResponse<String> r = api.post("/api/logs", JSON, "[\n{\"message\":\"a\"},\n{\"message\" \"b\"}\n]");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("malformed_body");
        assertThat(json(r).path("message").asText()).contains("line 3, column");
        assertThat(r.body()).doesNotContain("at com.fasterxml").doesNotContain("Exception");
    }

    @Test
    void overloadIs429AndUnavailableIs503BothWithRetryAfter() {
        api.engine.intake().answerNextWith(new IntakeResult.Overloaded(Duration.ofSeconds(2)));
        HttpResponse<String> busy = api.post("/api/logs", JSON, "{\"message\":\"x\"}");
        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(busy.headers().firstValue("Retry-After")).contains("2");
        assertThat(json(busy).path("error").asText()).isEqualTo("overloaded");

        api.engine.intake().answerNextWith(new IntakeResult.Unavailable("disk full", Duration.ofSeconds(30)));
        HttpResponse<String> down = api.post("/api/logs", JSON, "{\"message\":\"x\"}");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).contains("30");
        assertThat(json(down).path("message").asText()).contains("disk full");
    }

    @Test
    void aBatchLargerThanTheEnginesQueueIs429FromTheRealEngine() {
        try (ApiFixture small = ApiFixture.start(dir.resolve("small"),
                Map.of("PIPELOG_BATCH_SIZE", "10", "PIPELOG_QUEUE_CAPACITY", "10"))) {
            StringBuilder eleven = new StringBuilder();
            for (int i = 0; i < 11; i++) {
                eleven.append("{\"message\":\"m").append(i).append("\",\"pipeline_id\":\"full\"}\n");
            }
            HttpResponse<String> r = small.post("/api/logs", NDJSON, eleven.toString());
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(small.searchAll("pipeline_id=full")).as("nothing of a refused batch is kept").isEmpty();
            assertThat(json(small.get("/api/health")).path("batches_overloaded").asLong())
                    .as("the 429 is counted where an operator looks").isEqualTo(1);
        }
    }

    @Test
    void pythonFormPostsAreRead() {
        String form = "name=dlt.load&msg=loaded+%25d+rows&args=%2812%2C%29&levelname=WARNING&levelno=30"
                + "&created=1795860930.5&lineno=7&funcName=run&module=load&process=99&threadName=MainThread"
                + "&exc_text=None&pipeline_id=py_pipe&rows=12";
        HttpResponse<String> r = api.post("/api/logs", "application/x-www-form-urlencoded", form);
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode record = api.searchAll("pipeline_id=py_pipe").get(0);
        assertThat(record.path("message").asText()).isEqualTo("loaded 12 rows");
        assertThat(record.path("level").asText()).isEqualTo("WARNING");
        assertThat(record.path("source").asText()).isEqualTo("python-httphandler");
        assertThat(record.path("extra").path("rows").asText()).isEqualTo("12");
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

}
