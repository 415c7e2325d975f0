package dev.pipelog.bench;

import dev.pipelog.api.ApiServer;
import dev.pipelog.app.Engine;
import dev.pipelog.config.Settings;
import dev.pipelog.config.SettingsLoader;
import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.model.LogRecord;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * HTTP intake throughput and acknowledgement latency, next to the in-process Intake rate, on the
 * real engine (DuckDB in a temp dir) and the real listener on loopback. Bounded: each phase runs a
 * fixed time. The client runs in the same JVM, so the machine's cores are shared as in the target.
 *
 * <p>Run: {@code mvn -B -q -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.pipelog.bench.HttpBenchmark -Dexec.args="[seconds per phase, default 10] [server-heap]"}.
 * With a server heap (e.g. {@code 512m}) every HTTP run talks to a headless Pipelog in its own JVM
 * ({@code java -Xmx<heap> dev.pipelog.Main --headless --port 0}, this JVM's class path), so the peak
 * RSS reported is the server's alone; the cores are still shared with the client.
 * {@code -Dbench.serverJvmOptions="..."} adds JVM options to that server's command line.
 */
public final class HttpBenchmark {
    private static final int BATCH = 5_000;
    private static final int DISTINCT_BODIES = 8;
    private static final int[] CLIENTS = {1, 4, 16};
    /** Heap of the server's own JVM, or null to run the server inside this one. */
    private static String serverHeap;
    private static long serverPeakRssMb;

    private HttpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        serverHeap = args.length > 1 ? args[1] : null;
        Duration phase = Duration.ofSeconds(seconds);
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < DISTINCT_BODIES; b++) {
            bodies.add(ndjson(b));
        }
        RssSampler rss = RssSampler.start();
        List<String> rows = new ArrayList<>();

        double inProcess = measureInProcess(phase, 4);
        rows.add(String.format("| in-process Intake, 4 submitters | %,.0f | | | |", inProcess));

        double peak = 0;
        for (int clients : CLIENTS) {
            Result r = measureHttp(phase, clients, bodies, 0);
            peak = Math.max(peak, r.recordsPerSecond);
            rows.add(r.row("HTTP NDJSON, " + clients + " client" + (clients > 1 ? "s" : ""), inProcess));
        }
        if (serverHeap == null) {
            Result listenerOnly = measureHttp(phase, 16, bodies, 0, true);
            rows.add(listenerOnly.row("listener + decoding only (Intake acks at once), 16 clients", inProcess));
        }
        Result half = measureHttp(phase, 8, bodies, peak / 2);
        rows.add(half.row(String.format("HTTP at half the peak (%,.0f rec/s offered, 8 clients)", peak / 2), inProcess));
        rss.stop();

        System.out.println();
        System.out.println("| run | records/s | % of in-process | ack p50 / p95 / p99 (ms) | batches |");
        System.out.println("|---|---:|---:|---|---:|");
        rows.forEach(System.out::println);
        System.out.printf("%nBatches of %,d records (%,d bytes of NDJSON each), %d s per run, %d cores; peak RSS %,d MB%n",
                BATCH, bodies.get(0).length, seconds, Runtime.getRuntime().availableProcessors(), rss.peakMb());
        if (serverHeap != null) {
            System.out.printf("Server in its own JVM (-Xmx%s): peak RSS (VmHWM) %,d MB over the HTTP runs%n",
                    serverHeap, serverPeakRssMb);
        }
        System.exit(0);
    }

    /** Records per second the Intake itself takes with {@code submitters} threads, each waiting for its ack. */
    private static double measureInProcess(Duration phase, int submitters) throws Exception {
        Path dir = Files.createTempDirectory("pipelog-bench-inproc");
        try (Engine engine = Engine.start(settings(dir))) {
            Intake intake = engine.intake();
            List<List<LogRecord>> batches = new ArrayList<>();
            for (int b = 0; b < DISTINCT_BODIES; b++) {
                batches.add(BenchBatches.batch(b, BATCH));
            }
            runFor(Duration.ofSeconds(2), submitters, i -> submit(intake, batches.get((int) (i % batches.size()))));
            LongAdder records = new LongAdder();
            long nanos = runFor(phase, submitters, i -> {
                int accepted = submit(intake, batches.get((int) (i % batches.size())));
                records.add(accepted);
                return accepted;
            });
            return records.sum() / (nanos / 1e9);
        } finally {
            deleteTree(dir);
        }
    }

    private static int submit(Intake intake, List<LogRecord> batch) {
        // Fresh ids for every submission, as the listener gives them: no dedupe shortcuts.
        IntakeResult result = intake.submit(IntakeBatch.of(BenchBatches.restamped(batch))).join();
        return result instanceof IntakeResult.Accepted a ? a.accepted() : 0;
    }

    /** Closed loop when {@code offeredPerSecond} is 0; otherwise batches start on a fixed schedule. */
    private static Result measureHttp(Duration phase, int clients, List<byte[]> bodies, double offeredPerSecond)
            throws Exception {
        return measureHttp(phase, clients, bodies, offeredPerSecond, false);
    }

    /** @param listenerOnly acknowledge every batch at once, to see what the HTTP layer alone can take */
    private static Result measureHttp(Duration phase, int clients, List<byte[]> bodies, double offeredPerSecond,
                                      boolean listenerOnly) throws Exception {
        if (serverHeap != null) {
            Path dir = Files.createTempDirectory("pipelog-bench-http");
            try (ServerProcess server = ServerProcess.start(dir, "-Xmx" + serverHeap)) {
                Result result = drive(phase, clients, bodies, offeredPerSecond, server.url().resolve("/api/logs"));
                serverPeakRssMb = Math.max(serverPeakRssMb, server.peakRssMb());
                return result;
            } finally {
                deleteTree(dir);
            }
        }
        Path dir = Files.createTempDirectory("pipelog-bench-http");
        Settings settings = settings(dir);
        try (Engine engine = Engine.start(settings);
             ApiServer server = new ApiServer(settings, engine.store(), listenerOnly ? HttpBenchmark::ackAtOnce
                     : engine.intake(), engine.health(), engine.pipelineSettings())) {
            server.start();
            return drive(phase, clients, bodies, offeredPerSecond, server.url().resolve("/api/logs"));
        } finally {
            deleteTree(dir);
        }
    }

    private static Result drive(Duration phase, int clients, List<byte[]> bodies, double offeredPerSecond, URI uri)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        runFor(Duration.ofSeconds(2), clients, i -> post(http, uri, bodies.get((int) (i % bodies.size()))));
        Result result = new Result();
        long intervalNanos = offeredPerSecond > 0 ? (long) (1e9 * BATCH * clients / offeredPerSecond) : 0;
        long nanos = runFor(phase, clients, i -> {
            if (intervalNanos > 0 && i < clients) {
                // Spread the clients' first posts over one interval: started together they stay in
                // step and offer the rate in bursts of one batch per client, not evenly.
                TimeUnit.NANOSECONDS.sleep(i * intervalNanos / clients);
            }
            long start = System.nanoTime();
            long accepted = post(http, uri, bodies.get((int) (i % bodies.size())));
            long end = System.nanoTime();
            result.add(accepted, end - start);
            if (intervalNanos > 0) {
                long sleep = intervalNanos - (end - start);
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
            return accepted;
        });
        result.finish(nanos);
        return result;
    }

    /** A headless Pipelog in a child JVM on this class path; stopped (SIGTERM, graceful) on close. */
    private static CompletableFuture<IntakeResult> ackAtOnce(IntakeBatch batch) {
        return CompletableFuture.completedFuture(
                new IntakeResult.Accepted(batch.records().size(), 0, IntakeResult.Destination.NONE));
    }

    private static long post(HttpClient http, URI uri, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            return 0;
        }
        int at = r.body().indexOf("\"accepted\":") + "\"accepted\":".length();
        return Long.parseLong(r.body().substring(at, r.body().indexOf(',', at)));
    }

    @FunctionalInterface
    private interface Step {
        long run(long iteration) throws Exception;
    }

    /** Runs {@code workers} loops of {@code step} for {@code duration}; returns the elapsed nanoseconds. */
    private static long runFor(Duration duration, int workers, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        AtomicLong iteration = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    step.run(iteration.getAndIncrement());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return System.nanoTime() - start;
    }

    private static Settings settings(Path dir) {
        return SettingsLoader.load(List.of("--headless"), Map.of(
                "PIPELOG_DATA_DIR", dir.toString(), "PIPELOG_HOST", "127.0.0.1", "PIPELOG_PORT", "0",
                "LOG_LEVEL", "WARN"));
    }

    private static byte[] ndjson(int variant) {
        StringBuilder sb = new StringBuilder(BATCH * 300);
        for (LogRecord r : BenchBatches.batch(variant, BATCH)) {
            sb.append("{\"timestamp\":\"").append(r.timestamp()).append("\",\"level\":\"").append(r.level())
                    .append("\",\"logger\":\"").append(r.logger()).append("\",\"message\":\"").append(r.message())
                    .append("\",\"pipeline_id\":\"").append(r.pipelineId()).append("\",\"execution_id\":\"")
                    .append(r.executionId()).append("\",\"module\":\"load\",\"function\":\"run\",\"line\":")
                    .append(r.line()).append(",\"thread\":\"MainThread\",\"process_id\":4242,\"host\":\"etl-01\",")
                    .append("\"extra\":").append(r.extra()).append("}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Accepted records and per-batch ack latencies of one run. */
    private static final class Result {
        private final List<Long> latencies = new ArrayList<>();
        private long records;
        private double recordsPerSecond;

        synchronized void add(long accepted, long nanos) {
            records += accepted;
            latencies.add(nanos);
        }

        synchronized void finish(long elapsedNanos) {
            recordsPerSecond = records / (elapsedNanos / 1e9);
        }

        synchronized String row(String name, double inProcess) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return String.format("| %s | %,.0f | %.0f %% | %.0f / %.0f / %.0f | %d |", name, recordsPerSecond,
                    100 * recordsPerSecond / inProcess, BenchBatches.quantileMs(sorted, 0.50),
                    BenchBatches.quantileMs(sorted, 0.95), BenchBatches.quantileMs(sorted, 0.99), sorted.length);
        }
    }

    /** Samples this process's resident set size from /proc (Linux); the peak goes in the report. */
    private static final class RssSampler {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler");
            t.setDaemon(true);
            return t;
        });
        private final AtomicLong peakKb = new AtomicLong();

        static RssSampler start() {
            RssSampler s = new RssSampler();
            s.timer.scheduleAtFixedRate(s::sample, 0, 200, TimeUnit.MILLISECONDS);
            return s;
        }

        private void sample() {
            peakKb.accumulateAndGet(ProcStatus.selfKb("VmRSS"), Math::max);
        }

        void stop() {
            sample();
            timer.shutdownNow();
        }

        long peakMb() {
            return peakKb.get() / 1024;
        }
    }
}
