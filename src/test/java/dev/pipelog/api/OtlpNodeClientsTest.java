package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry JS log exporters, {@code @opentelemetry/exporter-logs-otlp-http} (OTLP/JSON) and
 * {@code -otlp-proto} (protobuf), both chunked without a Content-Length, against the real listener.
 */
class OtlpNodeClientsTest {
    @TempDir
    Path dir;
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir, Map.of());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "proto"})
    void theJsExporterIsAcknowledgedAndItsRecordsAreStored(String kind) throws Exception {
        String pipeline = "node_" + kind;
        NodeClients.run("otlp-logs.mjs", api.server.url().toString(), kind, pipeline);

        List<JsonNode> records = api.searchAll("pipeline_id=" + pipeline);
        assertThat(records).hasSize(2);
        JsonNode error = records.stream().filter(r -> r.path("level").asText().equals("ERROR")).findFirst().orElseThrow();
        assertThat(error.path("message").asText()).isEqualTo("load failed via " + kind);
        assertThat(error.path("timestamp").asText()).isEqualTo("2026-11-28T10:15:30.123Z");
        assertThat(error.path("logger").asText()).isEqualTo("node.etl");
        assertThat(error.path("function").asText()).isEqualTo("load");
        assertThat(error.path("line").asInt()).isEqualTo(7);
        assertThat(error.path("host").asText()).isEqualTo("node-host");
        assertThat(error.path("source").asText()).isEqualTo("otlp");
        assertThat(error.path("extra").path("rows").asInt()).isEqualTo(12);
        assertThat(error.path("extra").path("scope_version").asText()).isEqualTo("2.0.0");
        assertThat(error.path("extra").path("resource").path("service.name").asText()).isEqualTo("node-service");
        JsonNode warning = records.stream().filter(r -> r.path("level").asText().equals("WARNING")).findFirst().orElseThrow();
        assertThat(warning.path("extra").path("body").path("msg").asText()).isEqualTo("structured");
        assertThat(warning.path("message").asText()).contains("\"msg\":\"structured\"");
    }
}
