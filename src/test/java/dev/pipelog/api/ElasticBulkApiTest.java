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

/** Elasticsearch's bulk API on the real listener (token as Basic password), with the official JS client. */
class ElasticBulkApiTest {
    private static final String TOKEN = "es-token-0123456789abcdef";
    private static final String NDJSON = "application/vnd.elasticsearch+x-ndjson; compatible-with=9";

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
    void theOfficialClientsBulkHelperStoresEcsDocumentsFieldByField() throws Exception {
        NodeClients.run("elastic.mjs", api.server.url().toString(), TOKEN, "es_index");

        JsonNode error = search("pipeline_id=es_index").get(0);
        assertThat(error.path("message").asText()).isEqualTo("load failed");
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("timestamp").asText()).isEqualTo("2026-11-28T10:15:30.123Z");
        assertThat(error.path("logger").asText()).isEqualTo("etl.load");
        assertThat(error.path("correlation_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(error.path("span_id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(error.path("stack_trace").asText()).startsWith("Error: boom");
        assertThat(error.path("process_id").asInt()).isEqualTo(4242);
        assertThat(error.path("host").asText()).isEqualTo("es-host");
        assertThat(error.path("source").asText()).isEqualTo("elasticsearch");
        assertThat(error.path("extra").path("labels.team").asText()).isEqualTo("data");
        JsonNode named = search("pipeline_id=es_service").get(0);
        assertThat(named.path("level").asText()).isEqualTo("WARNING");
        assertThat(named.path("extra").path("_index").asText()).isEqualTo("es_index");
    }

    @Test
    void itemsCarryTheirStatusAndAnIdMakesARetryStoreOnce() {
        String body = "{\"index\":{\"_id\":\"doc-1\"}}\n{\"message\":\"first\",\"@timestamp\":\"2026-11-28T10:00:00Z\"}\n"
                + "{\"create\":{}}\n{\"message\":\"bad\",\"@timestamp\":\"yesterday\"}\n"
                + "{\"delete\":{\"_id\":\"x\"}}\n";
        HttpResponse<String> r = api.post("/es_items/_bulk", NDJSON, body, "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("vnd.elasticsearch+json"));
        JsonNode answer = json(r);
        assertThat(answer.path("errors").asBoolean()).isTrue();
        assertThat(answer.path("items").get(0).path("index").path("status").asInt()).isEqualTo(201);
        assertThat(answer.path("items").get(0).path("index").path("_id").asText()).isEqualTo("doc-1");
        assertThat(answer.path("items").get(1).path("create").path("status").asInt()).isEqualTo(400);
        assertThat(answer.path("items").get(1).path("create").path("error").path("reason").asText()).contains("timestamp");
        assertThat(answer.path("items").get(2).path("delete").path("status").asInt()).isEqualTo(400);

        api.post("/es_items/_bulk", NDJSON, "{\"index\":{\"_id\":\"doc-1\"}}\n{\"message\":\"first\",\"@timestamp\":\"2026-11-28T10:00:00Z\"}\n",
                "Authorization", "Bearer " + TOKEN);
        assertThat(search("pipeline_id=es_items")).hasSize(1);
        HttpResponse<String> malformed = api.post("/_bulk", NDJSON, "{\"index\":\n", "Authorization", "Bearer " + TOKEN);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("error").path("type").asText()).isEqualTo("parse_exception");
    }

    private List<JsonNode> search(String query) {
        List<JsonNode> items = new java.util.ArrayList<>();
        json(api.get("/api/logs/search?" + query + "&limit=1000", "Authorization", "Bearer " + TOKEN))
                .path("items").forEach(items::add);
        return items;
    }
}
