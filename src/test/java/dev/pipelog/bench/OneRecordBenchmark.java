package dev.pipelog.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Clients that send one record per request (issue 11, targets 1 and 2), against a headless Pipelog in
 * its own JVM with the packaged server's settings ({@link ServerProcess#PACKAGED_SERVER_OPTIONS}):
 * <ol>
 *   <li>one client, 5,000 sequential requests on one kept-alive connection
 *       ({@code java.net.http.HttpClient}): the acknowledgement's p50 / p99;</li>
 *   <li>Python's stdlib {@code logging.handlers.HTTPHandler} in one process (a new connection per
 *       record, form-encoded, headers and body in two sends): records per second and each call's time;</li>
 *   <li>16 clients, each posting one record per request in a closed loop: acknowledged requests per second.</li>
 * </ol>
 * Every request must be answered 202, and the store must hold every record acknowledged (checked
 * through {@code /api/logs/search}). Prints one table, the server's peak RSS and the load average.
 *
 * <p>Run: {@code mvn -B -q -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.pipelog.bench.OneRecordBenchmark -Dexec.args="[requests, default 5000] [python
 * records, default 2000] [seconds with 16 clients, default 10]"}. Add {@code -Dbench.env=NAME=value,...}
 * to start the server with other settings (e.g. {@code PIPELOG_FLUSH_INTERVAL_MS=20}, the old default).
 */
public final class OneRecordBenchmark {
    private static final int CLIENTS = 16;

    private OneRecordBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int pythonRecords = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.println("load average before: " + loadAverage());
        List<String> rows = new ArrayList<>();
        Path dir = Files.createTempDirectory("pipelog-bench-one");
        long expected = 0;
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), ServerProcess.PACKAGED_SERVER_OPTIONS,
                serverEnv())) {
            URI intake = server.url().resolve("/api/logs");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            sequential(http, intake, 200, "warm-up");
            expected += 200;
            long[] nanos = sequential(http, intake, requests, "sequential");
            expected += requests;
            rows.add(String.format(Locale.ROOT, "| 1 client, %,d sequential requests (kept-alive) | %,.0f | %.2f / %.2f / %.2f |",
                    requests, requests / (Arrays.stream(nanos).sum() / 1e9), percentile(nanos, 50) / 1e6,
                    percentile(nanos, 90) / 1e6, percentile(nanos, 99) / 1e6));

            rows.add(python(server.url(), pythonRecords));
            expected += pythonRecords;

            long acked = concurrent(intake, Duration.ofSeconds(seconds), rows);
            expected += acked;
            long stored = storedCount(http, server.url());
            rows.add(String.format(Locale.ROOT, "| check: records acknowledged %,d, found by search %,d | | |", expected, stored));
            if (stored != expected) {
                throw new IllegalStateException("stored " + stored + " records, acknowledged " + expected);
            }
            System.out.println("| run | requests/s | ack p50 / p90 / p99 (ms) |");
            System.out.println("|---|---:|---|");
            rows.forEach(System.out::println);
            System.out.println("server peak RSS (VmHWM): " + server.peakRssMb() + " MB");
        } finally {
            System.out.println("load average after: " + loadAverage());
            deleteTree(dir);
        }
    }

    private static String[] serverEnv() {
        String spec = System.getProperty("bench.env", "").strip();
        if (spec.isEmpty()) {
            return new String[0];
        }
        List<String> env = new ArrayList<>();
        for (String pair : spec.split(",")) {
            String[] kv = pair.split("=", 2);
            env.add(kv[0]);
            env.add(kv[1]);
        }
        return env.toArray(String[]::new);
    }

    private static long[] sequential(HttpClient http, URI intake, int n, String run) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            post(http, intake, record(run, i));
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static long concurrent(URI intake, Duration phase, List<String> rows) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<long[]>> clients = new ArrayList<>();
            long end = System.nanoTime() + phase.toNanos();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    // One connection per client, as 16 separate processes would have.
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    List<Long> nanos = new ArrayList<>();
                    for (int i = 0; System.nanoTime() < end; i++) {
                        long start = System.nanoTime();
                        post(http, intake, record("client-" + client, i));
                        nanos.add(System.nanoTime() - start);
                    }
                    return nanos.stream().mapToLong(Long::longValue).toArray();
                }));
            }
            long started = System.nanoTime();
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : clients) {
                all.add(f.get());
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            long[] nanos = all.stream().flatMapToLong(Arrays::stream).toArray();
            rows.add(String.format(Locale.ROOT, "| %d clients, one record per request, %d s | %,.0f | %.2f / %.2f / %.2f |",
                    CLIENTS, phase.toSeconds(), nanos.length / elapsed, percentile(nanos, 50) / 1e6,
                    percentile(nanos, 90) / 1e6, percentile(nanos, 99) / 1e6));
            return nanos.length;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the stdlib HTTPHandler in its own python3 process; its script prints the table row. */
    private static String python(URI server, int records) throws IOException, InterruptedException {
        String script = String.join("\n",
                "import logging, logging.handlers, sys, time",
                "h = logging.handlers.HTTPHandler('" + server.getHost() + ":" + server.getPort() + "', '/api/logs', method='POST')",
                "log = logging.getLogger('bench.python'); log.propagate = False; log.addHandler(h); log.setLevel(logging.INFO)",
                "errors = []",
                "h.handleError = lambda record: errors.append(sys.exc_info()[1])",
                "n = int(sys.argv[1]); lat = []",
                "t0 = time.perf_counter()",
                "for i in range(n):",
                "    s = time.perf_counter(); log.info('row %d of %s', i, 'daily_sales'); lat.append(time.perf_counter() - s)",
                "el = time.perf_counter() - t0",
                "if errors: sys.exit('HTTPHandler failed %d times: %r' % (len(errors), errors[0]))",
                "lat.sort()",
                "print('| Python HTTPHandler, one process, %d records | %.0f | %.2f / %.2f / %.2f |' % (n, n / el,"
                        + " lat[n // 2] * 1e3, lat[n * 9 // 10] * 1e3, lat[n * 99 // 100] * 1e3))",
                "");
        Process p = new ProcessBuilder("python3", "-c", script, String.valueOf(records)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("python3 HTTPHandler run failed: " + out);
        }
        return out;
    }

    private static void post(HttpClient http, URI intake, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(intake).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static String record(String run, int i) {
        return "{\"level\":\"INFO\",\"logger\":\"bench.one\",\"message\":\"row " + i + " of " + run
                + "\",\"pipeline_id\":\"one_record\",\"execution_id\":\"" + run + "\",\"extra\":{\"i\":" + i + "}}";
    }

    private static long storedCount(HttpClient http, URI server) throws IOException, InterruptedException {
        // Python's records carry no pipeline id; count everything that is not Pipelog's own.
        long ours = total(http, server, "pipeline_id=one_record");
        long python = total(http, server, "logger=bench.python");
        return ours + python;
    }

    private static long total(HttpClient http, URI server, String query) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.resolve("/api/logs/search?limit=1&" + query))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return dev.pipelog.ingest.RecordJson.MAPPER.readTree(r.body()).path("total").asLong();
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) ((long) sorted.length * p / 100))];
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }
}
