package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.resilience.Eventually;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opt-in syslog listener on a real Pipelog, fed by util-linux {@code logger} over TCP and UDP in
 * both RFC formats and both TCP framings. Syslog has no answer, so the test polls for the records.
 */
class SyslogListenerTest {
    @TempDir
    Path dir;
    private ApiFixture api;
    private int port;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir, Map.of("PIPELOG_SYSLOG_PORT", "0"));
        port = api.server.syslogPort().orElseThrow();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void rfc5424OverTcpWithOctetCountingKeepsStructuredData() throws Exception {
        logger("--tcp", "--octet-count", "--rfc5424", "--id=4242", "--tag", "sys_tcp", "--priority", "local0.err",
                "--sd-id", "pipeline@32473", "--sd-param", "stage=\"load\"", "load failed: disk full");
        JsonNode r = awaitOne("sys_tcp");
        assertThat(r.path("message").asText()).isEqualTo("load failed: disk full");
        assertThat(r.path("level").asText()).isEqualTo("ERROR");
        assertThat(r.path("logger").asText()).isEqualTo("sys_tcp");
        assertThat(r.path("source").asText()).isEqualTo("syslog");
        assertThat(r.path("process_id").asLong()).as("--id is the PROCID").isEqualTo(4242);
        assertThat(r.path("extra").path("facility").asText()).isEqualTo("local0");
        assertThat(r.path("extra").path("pipeline@32473").path("stage").asText()).isEqualTo("load");
    }

    @Test
    void rfc3164OverUdpIsStored() throws Exception {
        logger("--udp", "--rfc3164", "--tag", "sys_udp", "--priority", "user.warning", "rows skipped");
        JsonNode r = awaitOne("sys_udp");
        assertThat(r.path("message").asText()).isEqualTo("rows skipped");
        assertThat(r.path("level").asText()).isEqualTo("WARNING");
        assertThat(r.path("extra").path("facility").asText()).isEqualTo("user");
    }

    @Test
    void newlineFramedTcpCarriesManyMessagesInOneConnection() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port); OutputStream out = s.getOutputStream()) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                lines.append("<14>1 2026-11-28T10:15:30Z etl-01 sys_many - - - message ").append(i).append('\n');
            }
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        Eventually.await("500 syslog messages stored", Duration.ofSeconds(20),
                () -> api.searchAll("pipeline_id=sys_many").size() == 500);
        List<String> messages = new ArrayList<>();
        api.searchAll("pipeline_id=sys_many").forEach(n -> messages.add(n.path("message").asText()));
        assertThat(messages).contains("message 0", "message 499").doesNotHaveDuplicates();
    }

    private JsonNode awaitOne(String pipeline) {
        Eventually.await("a syslog record for " + pipeline, Duration.ofSeconds(20),
                () -> !api.searchAll("pipeline_id=" + pipeline).isEmpty());
        List<JsonNode> records = api.searchAll("pipeline_id=" + pipeline);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private void logger(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("logger", "--server", "127.0.0.1", "--port", Integer.toString(port)));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("util-linux logger is not on PATH (Debian: apt-get install bsdutils; .ci/run does it)", e);
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("logger ended").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("logger exit status: " + output).isZero();
    }
}
