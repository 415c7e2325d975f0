package dev.pipelog.bench;

import dev.pipelog.api.ApiServer;
import dev.pipelog.app.Engine;
import dev.pipelog.config.Settings;
import dev.pipelog.config.SettingsLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Python client (clients/python) sending into a real listener over loopback: records per second
 * from one Python process, and the cost of a log call in the caller's thread (p50/p99), next to the
 * stdlib HTTPHandler in the same run. The listener and engine run in this JVM (DuckDB in a temp dir);
 * python3 runs clients/python/bench/bench_client.py against it.
 *
 * <p>Run: {@code mvn -B -q -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.pipelog.bench.PythonClientBenchmark -Dexec.args="[records, default 200000] [rounds, default 3]"}.
 */
public final class PythonClientBenchmark {
    private PythonClientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String records = args.length > 0 ? args[0] : "200000";
        String rounds = args.length > 1 ? args[1] : "3";
        Path dir = Files.createTempDirectory("pipelog-pybench");
        Settings settings = SettingsLoader.load(List.of("--headless"), Map.of(
                "PIPELOG_DATA_DIR", dir.toString(), "PIPELOG_HOST", "127.0.0.1", "PIPELOG_PORT", "0",
                "LOG_LEVEL", "WARN", "ENABLE_REQUEST_LOGGING", "false"));
        try (Engine engine = Engine.start(settings);
             ApiServer server = new ApiServer(settings, engine.store(), engine.intake(), engine.health(),
                     engine.pipelineSettings())) {
            server.start();
            String url = server.url().toString().replaceAll("/$", "");
            Process python = new ProcessBuilder("python3", Path.of("clients", "python", "bench", "bench_client.py")
                    .toString(), url, records, rounds, "200").redirectErrorStream(true).start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = python.waitFor();
            System.out.print(output);
            if (exit != 0) {
                throw new IOException("bench_client.py exited with " + exit);
            }
        }
    }
}
