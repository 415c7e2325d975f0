package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityApiTest {
    private static final String TOKEN = "s3cret-token-0123456789";
    private static final String ALLOWED = "http://localhost:3000";

    @TempDir
    Path dir;

    @Test
    void aNonLoopbackHostHeaderIsRefusedOnALoopbackBind() throws IOException {
        try (ApiFixture api = ApiFixture.start(dir)) {
            assertThat(rawStatus(api, "evil.example:" + api.server.port())).isEqualTo(403);
            assertThat(rawStatus(api, "localhost:" + api.server.port())).isEqualTo(200);
            assertThat(rawStatus(api, "127.0.0.1")).isEqualTo(200);
            assertThat(rawStatus(api, "[::1]:" + api.server.port())).isEqualTo(200);
        }
    }

    @Test
    void withATokenEveryRequestNeedsTheBearer() {
        try (ApiFixture api = ApiFixture.start(dir, Map.of("PIPELOG_API_TOKEN", TOKEN))) {
            HttpResponse<String> none = api.get("/api/health");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(api.get("/api/health", "Authorization", "Bearer wrong-token-0123456789").statusCode()).isEqualTo(401);
            assertThat(api.get("/api/health", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
            assertThat(api.post("/api/logs", "application/json", "{\"message\":\"x\"}").statusCode()).isEqualTo(401);
            assertThat(api.post("/api/logs", "application/json", "{\"message\":\"x\"}",
                    "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void bindingBeyondLoopbackWithoutATokenRefusesToStart() {
        assertThatThrownBy(() -> ApiFixture.start(dir, Map.of("PIPELOG_HOST", "0.0.0.0")))
                .isInstanceOf(ApiStartException.class).hasMessageContaining("PIPELOG_API_TOKEN");
    }

    @Test
    void aWebPageFromAnotherOriginCannotInjectOrWipeLogs() {
        try (ApiFixture api = ApiFixture.start(dir, Map.of("ALLOW_ORIGINS", ALLOWED))) {
            HttpResponse<String> inject = api.post("/api/logs", "text/plain", "x", "Origin", "https://evil.example");
            assertThat(inject.statusCode()).isEqualTo(403);
            assertThat(json(inject).path("error").asText()).isEqualTo("forbidden_origin");
            HttpResponse<String> form = api.post("/api/logs", "application/x-www-form-urlencoded", "msg=x",
                    "Origin", "https://evil.example");
            assertThat(form.statusCode()).isEqualTo(403);
            assertThat(api.post("/api/logs/cleanup", "application/json", "{\"older_than_days\":0}",
                    "Origin", "https://evil.example").statusCode()).isEqualTo(403);
            assertThat(api.post("/api/logs", "application/json", "{\"message\":\"ok\"}", "Origin", ALLOWED).statusCode())
                    .isEqualTo(202);
        }
    }

    @Test
    void corsAllowsExactlyTheConfiguredOrigins() {
        try (ApiFixture api = ApiFixture.start(dir, Map.of("ALLOW_ORIGINS", ALLOWED))) {
            HttpResponse<String> allowed = api.get("/api/health", "Origin", ALLOWED);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED);
            HttpResponse<String> other = api.get("/api/health", "Origin", "http://localhost:3001");
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

            HttpResponse<String> preflight = api.send(api.request("/api/logs", "Origin", ALLOWED,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Content-Type");

            HttpResponse<String> refused = api.send(api.request("/api/logs", "Origin", "https://evil.example",
                    "Access-Control-Request-Method", "POST")
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void nothingIsAllowedCrossOriginByDefault() {
        try (ApiFixture api = ApiFixture.start(dir)) {
            assertThat(api.get("/api/health", "Origin", ALLOWED).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(api.post("/api/logs", "application/json", "{}", "Origin", ALLOWED).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void cleanupTakesOnlyJson() {
        try (ApiFixture api = ApiFixture.start(dir)) {
            HttpResponse<String> form = api.post("/api/logs/cleanup", "application/x-www-form-urlencoded", "older_than_days=0");
            assertThat(form.statusCode()).isEqualTo(415);
            assertThat(api.post("/api/logs/cleanup", "text/plain", "{\"older_than_days\":0}").statusCode()).isEqualTo(415);
        }
    }

    /** Sends a request with a chosen Host header (java.net.http does not allow setting it). */
    private static int rawStatus(ApiFixture api, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(response.substring(9, 12));
        }
    }
}
