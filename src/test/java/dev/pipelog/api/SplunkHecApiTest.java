package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splunk HEC on the real listener (token required, sent as "Splunk <token>"), with splunk-logging. */
class SplunkHecApiTest {
    private static final String TOKEN = "hec-token-0123456789abcdef";
    private static final String[] AUTH = {"Authorization", "Splunk " + TOKEN};

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

    @Test
    void splunkLoggingEventsAreStoredFieldByField() throws Exception {
        NodeClients.run("splunk.mjs", api.server.url().toString(), TOKEN, "hec_app");

        List<JsonNode> records = search("pipeline_id=hec_app");
        assertThat(records).hasSize(2);
        JsonNode error = records.stream().filter(r -> r.path("level").asText().equals("ERROR")).findFirst().orElseThrow();
        assertThat(error.path("message").asText()).isEqualTo("load failed");
        assertThat(error.path("timestamp").asText()).isEqualTo("2026-11-28T10:15:30.500Z");
        assertThat(error.path("host").asText()).isEqualTo("node-host");
        assertThat(error.path("source").asText()).isEqualTo("splunk-hec");
        assertThat(error.path("extra").path("sourcetype").asText()).isEqualTo("node:etl");
        assertThat(error.path("extra").path("index").asText()).isEqualTo("main");
        JsonNode info = records.stream().filter(r -> r.path("level").asText().equals("INFO")).findFirst().orElseThrow();
        assertThat(info.path("extra").path("message").path("rows").asInt()).isEqualTo(12);
    }

    @Test
    void concatenatedEnvelopesRawLinesAndHealth() {
        String body = "{\"time\":1795860930,\"event\":\"first\",\"source\":\"hec_many\",\"fields\":{\"team\":\"data\"}}"
                + "{\"event\":{\"msg\":\"second\",\"level\":\"warning\"},\"fields\":{\"pipeline_id\":\"hec_many\"}}";
        HttpResponse<String> r = api.post("/services/collector/event", "application/json", body, AUTH);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("text").asText()).isEqualTo("Success");
        assertThat(json(r).path("code").asInt()).isZero();
        assertThat(search("pipeline_id=hec_many")).extracting(n -> n.path("message").asText())
                .containsExactlyInAnyOrder("first", "second");

        HttpResponse<String> raw = api.post("/services/collector/raw?source=hec_raw&sourcetype=text", "text/plain",
                "line one\nline two\n", AUTH);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(search("pipeline_id=hec_raw")).hasSize(2);
        assertThat(json(api.get("/services/collector/health", AUTH)).path("code").asInt()).isEqualTo(17);
    }

    @Test
    void aRefusedEventNamesItsNumberAndMalformedJsonIsInvalidDataFormat() {
        String body = "{\"event\":\"kept\",\"source\":\"hec_bad\"}{\"event\":\"bad time\",\"time\":\"yesterday\",\"source\":\"hec_bad\"}";
        HttpResponse<String> r = api.post("/services/collector/event", "application/json", body, AUTH);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("code").asInt()).isEqualTo(6);
        assertThat(json(r).path("invalid-event-number").asInt()).isEqualTo(1);
        assertThat(search("pipeline_id=hec_bad")).extracting(n -> n.path("message").asText()).containsExactly("kept");
        HttpResponse<String> malformed = api.post("/services/collector/event", "application/json", "{\"event\":", AUTH);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("code").asInt()).isEqualTo(6);
        HttpResponse<String> empty = api.post("/services/collector/event", "application/json", "", AUTH);
        assertThat(json(empty).path("code").asInt()).isEqualTo(5);
    }

    private List<JsonNode> search(String query) {
        List<JsonNode> items = new java.util.ArrayList<>();
        json(api.get("/api/logs/search?" + query + "&limit=1000", "Authorization", "Bearer " + TOKEN))
                .path("items").forEach(items::add);
        return items;
    }
}
