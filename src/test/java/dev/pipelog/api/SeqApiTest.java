package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.model.Level;
import dev.pipelog.model.PipelineSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seq's intake on the real listener, with a token required, and Seq's own Node client {@code seq-logging}. */
class SeqApiTest {
    private static final String TOKEN = "seq-token-0123456789abcdef";
    private static final String CLEF = "application/vnd.serilog.clef";

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

    /** Every record of a search (the listener requires the token for reading too). */
    private List<JsonNode> searchAll(String query) {
        List<JsonNode> items = new java.util.ArrayList<>();
        json(api.get("/api/logs/search?" + query + "&limit=1000", "Authorization", "Bearer " + TOKEN))
                .path("items").forEach(items::add);
        return items;
    }

    @Test
    void seqLoggingEventsAreStoredFieldByFieldWithTheApiKeyAsToken() throws Exception {
        api.engine.pipelineSettings().put(new PipelineSettings("seq_app", Level.DEBUG, null));
        NodeClients.run("seq.mjs", api.server.url().toString(), TOKEN, "seq_app");

        List<JsonNode> records = searchAll("pipeline_id=seq_app");
        assertThat(records).extracting(r -> r.path("level").asText())
                .as("the Verbose event is below the pipeline's minimum level").containsExactlyInAnyOrder("ERROR", "WARNING");
        JsonNode error = records.stream().filter(r -> r.path("level").asText().equals("ERROR")).findFirst().orElseThrow();
        assertThat(error.path("message").asText()).isEqualTo("Loaded 1200 rows into orders");
        assertThat(error.path("timestamp").asText()).isEqualTo("2026-11-28T10:15:30.123Z");
        assertThat(error.path("logger").asText()).isEqualTo("Etl.Load");
        assertThat(error.path("execution_id").asText()).isEqualTo("exec_9");
        assertThat(error.path("stack_trace").asText()).startsWith("System.Exception: boom");
        assertThat(error.path("source").asText()).isEqualTo("seq");
        assertThat(error.path("extra").path("Rows").asInt()).isEqualTo(1200);
        assertThat(error.path("extra").path("message_template").asText()).isEqualTo("Loaded {Rows} rows into {Table}");
        JsonNode warning = records.stream().filter(r -> r.path("level").asText().equals("WARNING")).findFirst().orElseThrow();
        assertThat(warning.path("message").asText()).isEqualTo("disk at 91%");
    }

    @Test
    void clefIsAnswered201WithThePipelinesMinimumLevel() {
        api.engine.pipelineSettings().put(new PipelineSettings("clef_app", Level.WARNING, null));
        String body = "{\"@t\":\"2026-11-28T10:15:30Z\",\"@mt\":\"hello {Name}\",\"Name\":\"world\",\"Application\":\"clef_app\",\"@l\":\"Warning\"}\n"
                + "{\"@t\":\"2026-11-28T10:15:31Z\",\"@m\":\"dropped by level\",\"Application\":\"clef_app\"}\n";
        HttpResponse<String> r = api.post("/api/events/raw?clef", "application/json", body, "X-Seq-ApiKey", TOKEN);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(json(r).path("MinimumLevelAccepted").asText()).isEqualTo("Warning");
        HttpResponse<String> ingest = api.post("/ingest/clef", CLEF, "{\"@m\":\"second route\",\"Application\":\"clef_other\"}",
                "Authorization", "Bearer " + TOKEN);
        assertThat(ingest.statusCode()).isEqualTo(201);
        assertThat(json(ingest).path("MinimumLevelAccepted").isNull()).isTrue();
        assertThat(searchAll("pipeline_id=clef_app")).extracting(n -> n.path("message").asText())
                .containsExactly("hello world");
    }

    @Test
    void badLinesAreNamedAndTheRestKeptWhileAWrongKeyKeepsNothing() {
        String body = "{\"@m\":\"good\",\"Application\":\"clef_bad\"}\nnot json\n{\"@m\":\"also good\",\"Application\":\"clef_bad\"}\n";
        HttpResponse<String> r = api.post("/ingest/clef", CLEF, body, "X-Seq-ApiKey", TOKEN);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(json(r).path("Rejected").get(0).path("index").asInt()).isEqualTo(2);
        HttpResponse<String> wrong = api.post("/ingest/clef", CLEF, body, "X-Seq-ApiKey", "wrong-key-0123456789");
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> malformed = api.post("/api/events/raw", "application/json", "{\"Events\":[", "X-Seq-ApiKey", TOKEN);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("Error").asText()).contains("malformed JSON");
        assertThat(searchAll("pipeline_id=clef_bad")).extracting(n -> n.path("message").asText())
                .containsExactlyInAnyOrder("good", "also good");
    }
}
