package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.RecordJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, finding 5: input that used to end in a 500 or 503 is a 4xx with the JSON error shape,
 * naming what was wrong, and costs nothing else.
 */
class InputErrorsApiTest {
    @TempDir
    Path dir;
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir, Map.of("ENABLE_REQUEST_LOGGING", "false"));
        assertThat(api.post("/api/logs", "application/json",
                "{\"message\":\"kept\",\"pipeline_id\":\"p\",\"execution_id\":\"e\"}").statusCode()).isEqualTo(202);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aContentLengthTooLargeForALongIsA413AtOnce() throws IOException {
        String answer = raw("POST /api/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999999999999999999\r\n\r\n{\"message\":\"x\"}");

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(bodyOf(answer).path("error").asText()).isEqualTo("body_too_large");
    }

    @Test
    void aContentLengthOverTheLimitWithExpectContinueIsA413BeforeTheBodyIsSent() throws IOException {
        // The client waits for "100 Continue" before sending 20 MB; it never has to.
        String answer = raw("POST /api/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Expect: 100-continue\r\nContent-Length: 20000000\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(bodyOf(answer).path("error").asText()).isEqualTo("body_too_large");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsA413AtOnceEvenWhenTheBodyNeverComes() throws IOException {
        // Declares 20 MB, sends 15 bytes and waits: the answer comes from the header alone.
        String answer = raw("POST /api/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 20000000\r\n\r\n{\"message\":\"x\"}");

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(bodyOf(answer).path("error").asText()).isEqualTo("body_too_large");
    }

    @Test
    void aClientWritingTwentyMegabytesStillReadsItsAnswer413() {
        byte[] big = new byte[20_000_000];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';

        HttpResponse<String> r = api.post("/api/logs", "application/json", big);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).path("error").asText()).isEqualTo("body_too_large");
        assertThat(api.get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void jsonNestedTenThousandDeepIsA400NamingTheLimit() {
        HttpResponse<String> r = api.post("/api/logs", "application/json", "[".repeat(10_000) + "]".repeat(10_000));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("malformed_body");
        assertThat(json(r).path("message").asText()).contains("deeper than 64 levels");
    }

    @Test
    void ndjsonWithExtraNestedFiveThousandDeepIsA400NamingTheLimit() {
        String deep = "{\"extra\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001);
        HttpResponse<String> r = api.post("/api/logs", "application/x-ndjson", "{\"message\":\"fine\"}\n" + deep + "\n");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("message").asText()).contains("deeper than 64 levels on line 2");
        assertThat(api.searchAll("q=fine")).as("nothing of a refused body is kept").isEmpty();
    }

    @Test
    void timeBoundsThreeHundredThousandYearsAwayAreA400OnEveryRead() {
        for (String bound : List.of("since=%2B300000-01-01T00:00:00Z", "until=%2B300000-01-01T00:00:00Z",
                "since=-300000-01-01T00:00:00Z", "until=-300000-01-01T00:00:00Z")) {
            for (String path : List.of("/api/logs/pipeline/p", "/api/logs/pipeline/p/executions", "/api/logs/search",
                    "/api/logs/stats")) {
                HttpResponse<String> r = api.get(path + "?" + bound);
                assertThat(r.statusCode()).as(path + "?" + bound + " " + r.body()).isEqualTo(400);
                assertThat(json(r).path("error").asText()).isEqualTo("invalid_parameter");
                assertThat(json(r).path("message").asText()).startsWith(bound.substring(0, bound.indexOf('=')) + ":")
                        .contains("9999-12-31");
            }
        }
        // A relative bound further back than year 1 means "everything".
        assertThat(json(api.get("/api/logs/search?since=999999999w")).path("total").asLong()).isEqualTo(1);
    }

    @Test
    void badPercentEncodingIsA400WithTheJsonErrorShape() throws IOException {
        for (String bad : List.of("%%%", "%", "%zz", "abc%4")) {
            String answer = raw("GET /api/logs/search?cursor=" + bad + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

            assertThat(answer).as(bad).startsWith("HTTP/1.1 400");
            assertThat(bodyOf(answer).path("error").asText()).as(bad).isEqualTo("malformed_request");
        }
        assertThat(api.get("/api/health").statusCode()).as("the listener goes on serving").isEqualTo(200);
    }

    @Test
    void aQueryOfOneHundredThousandCharactersIsA400NamingTheLimit() {
        HttpResponse<String> r = api.get("/api/logs/search?q=" + "a".repeat(100_000));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("message").asText()).startsWith("q:").contains("4096");
    }

    @Test
    void aNulInAParameterIsA400() {
        HttpResponse<String> r = api.get("/api/logs/search?pipeline_id=p%00x");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("message").asText()).startsWith("pipeline_id:").contains("NUL");
    }

    @Test
    void aBucketOfTwentyMillionYearsIsA400() {
        HttpResponse<String> r = api.get("/api/logs/stats?bucket=999999999w");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("message").asText()).startsWith("bucket:");
    }

    @Test
    void aRegexOverTwentyMessagesOfOneMegabyteIsAnsweredWithinTheTimeLimit() {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            ndjson.append("{\"pipeline_id\":\"big\",\"message\":\"").append("ab".repeat(500_000)).append(" end")
                    .append(i).append("\"}\n");
            if (i % 10 == 9) {
                assertThat(api.post("/api/logs", "application/x-ndjson", ndjson.toString()).statusCode()).isEqualTo(202);
                ndjson.setLength(0);
            }
        }
        HttpResponse<String> r = api.get("/api/logs/search?limit=10000&regex="
                + URLEncoder.encode("(a|b)*end1[0-9]$", StandardCharsets.UTF_8));

        // 200 with the ten matches, or (on a machine too busy for the limit) a 504 that says when to retry.
        if (r.statusCode() == 504) {
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(json(r).path("error").asText()).isEqualTo("query_timeout");
        } else {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).path("total").asLong()).isEqualTo(10);
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode bodyOf(String response) throws IOException {
        return RecordJson.MAPPER.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }
}
