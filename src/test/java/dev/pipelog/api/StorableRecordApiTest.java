package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.resilience.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, finding 1: a value the store cannot hold is refused at intake, before any 202, with
 * the reason; it never reaches the writer, so it cannot strand the records written with it.
 */
class StorableRecordApiTest {
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aFarFutureTimestampIsRefusedWithItsReasonAndAnotherClientsRecordsAreAllSearchableWithinFiveSeconds()
            throws Exception {
        try (var api = ApiFixture.start(dir)) {
            List<CompletableFuture<HttpResponse<String>>> otherClient = new ArrayList<>();
            List<HttpResponse<String>> farFuture = new ArrayList<>();
            for (int post = 0; post < 5; post++) {
                int first = post * 160;
                otherClient.add(CompletableFuture.supplyAsync(() -> api.post("/api/logs", "application/x-ndjson",
                        ndjson("other", first, 160))));
                farFuture.add(api.post("/api/logs", "application/json",
                        "[{\"id\":\"ok-" + post + "\",\"message\":\"x\",\"pipeline_id\":\"mixed\"},"
                                + "{\"timestamp\":\"+300000-01-01T00:00:00Z\",\"message\":\"y\",\"pipeline_id\":\"mixed\"}]"));
            }

            for (HttpResponse<String> r : farFuture) {
                assertThat(r.statusCode()).isEqualTo(202);
                JsonNode body = json(r);
                assertThat(body.path("accepted").asInt()).isOne();
                assertThat(body.path("rejected").asInt()).isOne();
                assertThat(body.path("errors").get(0).path("index").asInt()).isOne();
                assertThat(body.path("errors").get(0).path("reason").asText())
                        .isEqualTo("timestamp \"+300000-01-01T00:00:00Z\" is out of range; accepted from "
                                + "0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
            }
            for (CompletableFuture<HttpResponse<String>> r : otherClient) {
                assertThat(r.join().statusCode()).isEqualTo(202);
            }
            Eventually.await("the other client's 800 records searchable", FIVE_SECONDS,
                    () -> json(api.get("/api/logs/search?pipeline_id=other&limit=1")).path("total").asLong() == 800);
            assertThat(json(api.get("/api/logs/search?pipeline_id=mixed&limit=100")).path("total").asLong()).isEqualTo(5);
            JsonNode health = json(api.get("/api/health"));
            assertThat(health.path("fallback").path("files").asInt()).isZero();
            assertThat(health.path("quarantine").path("records").asLong()).isZero();
            assertThat(health.path("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void anEpochThatOverflowsADoubleIsARejectedRecordNotA500() {
        try (var api = ApiFixture.start(dir)) {
            HttpResponse<String> r = api.post("/api/logs", "application/json", "{\"timestamp\":1e400}");

            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.body()).isEqualTo("{\"accepted\":0,\"rejected\":1,\"errors\":[{\"index\":0,\"reason\":"
                    + "\"timestamp is a number too large to read; accepted from 0001-01-01T00:00:00Z to "
                    + "9999-12-31T23:59:59.999999Z\"}]}");
        }
    }

    /** Issue 17, item 2: 20k NDJSON records without timestamps come back in the order they were posted. */
    @Test
    void recordsOfOneRequestWithoutTimestampsComeBackInPostingOrder() {
        try (var api = ApiFixture.start(dir)) {
            int n = 20_000;
            assertThat(api.post("/api/logs", "application/x-ndjson", ndjson("ordered", 0, n)).statusCode()).isEqualTo(202);

            List<Integer> newestFirst = new ArrayList<>(n);
            String cursor = null;
            do {
                JsonNode page = json(api.get("/api/logs/pipeline/ordered?limit=5000"
                        + (cursor == null ? "" : "&cursor=" + cursor)));
                page.path("items").forEach(item -> newestFirst.add(
                        Integer.parseInt(item.path("message").asText().substring("record ".length()))));
                cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            } while (cursor != null);

            List<Integer> expected = new ArrayList<>(n);
            for (int i = n - 1; i >= 0; i--) {
                expected.add(i);
            }
            assertThat(newestFirst).as("newest first is the reverse of posting order").isEqualTo(expected);
        }
    }

    private static String ndjson(String pipeline, int first, int n) {
        StringBuilder body = new StringBuilder();
        for (int i = first; i < first + n; i++) {
            body.append("{\"message\":\"record ").append(i).append("\",\"pipeline_id\":\"").append(pipeline)
                    .append("\"}\n");
        }
        return body.toString();
    }
}
