package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/** Loki's push API on the real listener (token required), with winston-loki in both its encodings. */
class LokiApiTest {
    private static final String TOKEN = "loki-token-0123456789abcdef";

    @TempDir
    Path dir;
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir, Map.of("PIPELOG_API_TOKEN", TOKEN));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"proto", "json"})
    void winstonLokiPushesAreStoredFieldByFieldWithTheTokenAsBasicPassword(String kind) throws Exception {
        String job = "loki_" + kind;
        NodeClients.run("loki.mjs", api.server.url().toString(), kind, job, "pipelog:" + TOKEN);

        List<JsonNode> records = search("pipeline_id=" + job);
        assertThat(records).extracting(r -> r.path("level").asText()).containsExactlyInAnyOrder("ERROR", "WARNING", "INFO");
        JsonNode error = byLevel(records, "ERROR");
        assertThat(error.path("message").asText()).isEqualTo("load failed via " + kind);
        assertThat(error.path("source").asText()).isEqualTo("loki");
        assertThat(error.path("extra").path("env").asText()).isEqualTo("test");
        assertThat(error.path("extra").path("stage").asText()).isEqualTo("load");
        JsonNode jsonLine = byLevel(records, "INFO");
        assertThat(jsonLine.path("message").asText()).isEqualTo("json line");
        assertThat(jsonLine.path("extra").path("rows").asInt()).isEqualTo(7);
    }

    @Test
    void refusedEntriesAre400WithReasonsWhileTheOthersAreKept() {
        String body = "{\"streams\":[{\"stream\":{\"job\":\"loki_partial\"},\"values\":[[\"1795860930000000000\",\"kept\"],"
                + "[\"yesterday\",\"bad time\"],[42]]}]}";
        HttpResponse<String> r = api.post("/loki/api/v1/push", "application/json", body, "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("2 entries refused (1 stored", "entry 1:", "entry 2:");
        assertThat(search("pipeline_id=loki_partial")).extracting(n -> n.path("timestamp").asText())
                .containsExactly("2026-11-28T10:15:30Z");
    }

    @Test
    void brokenSnappyIs400InPlainTextAndAWrongPasswordIs401() throws Exception {
        HttpResponse<String> r = api.post("/loki/api/v1/push", "application/x-protobuf", "not snappy".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("snappy");
        byte[] notProtobuf = Snappy.compress(new byte[]{0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
        assertThat(api.post("/loki/api/v1/push", "application/x-protobuf", notProtobuf,
                "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(400);
        String basic = Base64.getEncoder().encodeToString("u:wrong-password-0123456".getBytes(StandardCharsets.UTF_8));
        assertThat(api.post("/loki/api/v1/push", "application/json", "{\"streams\":[]}", "Authorization", "Basic " + basic)
                .statusCode()).isEqualTo(401);
    }

    private List<JsonNode> search(String query) {
        List<JsonNode> items = new java.util.ArrayList<>();
        ApiFixture.json(api.get("/api/logs/search?" + query + "&limit=1000", "Authorization", "Bearer " + TOKEN))
                .path("items").forEach(items::add);
        return items;
    }

    private static JsonNode byLevel(List<JsonNode> records, String level) {
        return records.stream().filter(r -> r.path("level").asText().equals(level)).findFirst().orElseThrow();
    }
}
