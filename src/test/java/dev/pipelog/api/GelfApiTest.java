package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.resilience.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** GELF over HTTP (Graylog's input) and the opt-in TCP/UDP listener, fed by gelf-pro. */
class GelfApiTest {
    @TempDir
    Path dir;
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir, Map.of("PIPELOG_GELF_PORT", "0"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void gelfProMessagesAreStoredFieldByField(String adapter) throws Exception {
        String pipeline = "gelf_" + adapter;
        NodeClients.run("gelf.mjs", Integer.toString(api.server.gelfPort().orElseThrow()), adapter, pipeline);
        JsonNode r = awaitOne(pipeline);
        assertThat(r.path("message").asText()).isEqualTo("load failed via " + adapter);
        assertThat(r.path("level").asText()).isEqualTo("ERROR");
        assertThat(r.path("stack_trace").asText()).isEqualTo("Traceback: boom");
        assertThat(r.path("logger").asText()).isEqualTo("etl.load");
        assertThat(r.path("source").asText()).isEqualTo("gelf");
        assertThat(r.path("extra").path("rows").asInt()).isEqualTo(12);
        assertThat(r.path("extra").path("facility").asText()).isEqualTo("etl");
    }

    @Test
    void aLargeUdpMessageIsReassembledFromItsChunks() throws Exception {
        NodeClients.run("gelf.mjs", Integer.toString(api.server.gelfPort().orElseThrow()), "udp", "gelf_big", "big");
        assertThat(awaitOne("gelf_big").path("message").asText()).startsWith("big xxxx").hasSizeGreaterThan(20000);
    }

    @Test
    void httpGelfIsAnswered202OnceDurable() {
        HttpResponse<String> r = api.post("/gelf", "application/json",
                "{\"version\":\"1.1\",\"host\":\"web-1\",\"short_message\":\"hello\",\"timestamp\":1795860930.25,"
                        + "\"level\":4,\"_pipeline_id\":\"gelf_http\",\"_user\":\"ann\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode stored = api.searchAll("pipeline_id=gelf_http").get(0);
        assertThat(stored.path("level").asText()).isEqualTo("WARNING");
        assertThat(stored.path("host").asText()).isEqualTo("web-1");
        assertThat(stored.path("timestamp").asText()).isEqualTo("2026-11-28T10:15:30.250Z");
        assertThat(stored.path("extra").path("user").asText()).isEqualTo("ann");
        assertThat(api.post("/gelf", "application/json", "{\"short_message\":").statusCode()).isEqualTo(400);
    }

    private JsonNode awaitOne(String pipeline) {
        Eventually.await("a GELF record for " + pipeline, Duration.ofSeconds(20),
                () -> !api.searchAll("pipeline_id=" + pipeline).isEmpty());
        List<JsonNode> records = api.searchAll("pipeline_id=" + pipeline);
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
