package dev.pipelog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipelog.api.HeadlessProcess;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.LogQuery;
import dev.pipelog.resilience.TestSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipelog import} run as a user runs it: a child JVM, with and without a Pipelog running. */
class ImportCommandTest {
    @TempDir
    Path temp;

    private Path logFile(String name, int records) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < records; i++) {
            s.append(String.format("2026-12-07 10:%02d:%02d,000 - etl.load - %s - batch %d loaded%n",
                    i / 60 % 60, i % 60, i % 7 == 0 ? "ERROR" : "INFO", i));
        }
        Path file = temp.resolve(name);
        Files.writeString(file, s);
        return file;
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.pipelog.Main", "import"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LOG_LEVEL", "WARN");
        pb.environment().put("ENABLE_REQUEST_LOGGING", "false");
        Process p = pb.start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the import finished");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private record Result(int status, String out, String err) {
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void withoutARunningPipelogTheCommandOpensTheStoreAndASecondRunAddsNothing() throws Exception {
        Path data = temp.resolve("data");
        Path file = logFile("nightly.log", 300);
        String port = String.valueOf(unusedPort());
        Result first = run(file.toString(), "--data-dir", data.toString(), "--port", port);
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().contains("nightly.log: 300 records as Python logging %(asctime)s - %(name)s"), first.out());
        Result second = run(file.toString(), "--data-dir", data.toString(), "--port", port, "--pipeline", "daily_sales");
        assertEquals(0, second.status(), second.err());
        assertTrue(second.out().contains("nightly.log: 0 records"), second.out());

        try (Engine engine = Engine.start(TestSettings.forDataDir(data, Map.of("ENABLE_REQUEST_LOGGING", "false")))) {
            assertEquals(300, engine.store().count(LogQuery.builder().pipelineId("nightly").build()));
        }
    }

    @Test
    void withAPipelogRunningTheRecordsGoThroughItsListener() throws Exception {
        Path data = temp.resolve("running");
        HeadlessProcess pipelog = HeadlessProcess.start(data);
        try {
            Path file = logFile("loader.log", 120);
            Result result = run(file.toString(), "--port", String.valueOf(pipelog.url().getPort()),
                    "--data-dir", temp.resolve("cli-data").toString(), "--format", "%(asctime)s - %(name)s - %(levelname)s - %(message)s");
            assertEquals(0, result.status(), result.err());
            assertTrue(result.out().contains("Importing through the Pipelog listening on"), result.out());
            HttpResponse<String> search = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    pipelog.url().resolve("/api/logs/search?pipeline_id=loader&limit=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(120, RecordJson.MAPPER.readTree(search.body()).path("total").asInt(), search.body());
        } finally {
            pipelog.process().destroy();
            pipelog.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMissingFileFailsWithItsNameAndTheOtherFilesAreStillImported() throws Exception {
        Path data = temp.resolve("data");
        Path file = logFile("ok.log", 10);
        Result result = run(temp.resolve("missing.log").toString(), file.toString(), "--data-dir", data.toString(),
                "--port", String.valueOf(unusedPort()));
        assertEquals(1, result.status());
        assertTrue(result.err().contains("missing.log does not exist"), result.err());
        assertTrue(result.out().contains("ok.log: 10 records"), result.out());
    }

    @Test
    void withFollowTheCommandStoresLinesAsTheyAreWrittenUntilItIsStopped() throws Exception {
        Path data = temp.resolve("data");
        Path file = logFile("tail.log", 5);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.pipelog.Main", "import", file.toString(),
                "--follow", "--data-dir", data.toString(), "--port", String.valueOf(unusedPort())));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LOG_LEVEL", "WARN");
        Process p = pb.start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            assertTrue(readUntil(out, "Following 1 file(s)"), "the command says it follows");
            Files.writeString(file, "2026-12-07 11:00:00,000 - etl.load - WARNING - written while followed\n",
                    java.nio.file.StandardOpenOption.APPEND);
            assertTrue(readUntil(out, "tail.log: +1 records"), "the command reports the new line");
        } finally {
            p.destroy(); // SIGTERM, as Ctrl-C: the command stops, stores what it read and closes the store
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        try (Engine engine = Engine.start(TestSettings.forDataDir(data, Map.of("ENABLE_REQUEST_LOGGING", "false")))) {
            assertEquals(6, engine.store().count(LogQuery.builder().pipelineId("tail").build()));
        }
    }

    /** Reads the child's output until a line contains {@code text}; false when it ends first. */
    private static boolean readUntil(java.io.BufferedReader out, String text) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains(text)) {
                return true;
            }
        }
        return false;
    }
}
