package dev.pipelog.bench;

import com.google.protobuf.ByteString;
import dev.pipelog.api.ApiServer;
import dev.pipelog.app.Engine;
import dev.pipelog.config.Settings;
import dev.pipelog.config.SettingsLoader;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.xerial.snappy.Snappy;

/**
 * OTLP protobuf and Loki snappy-protobuf intake against Pipelog's own NDJSON, the same records in each
 * encoding, side by side in one run on the real engine and listener (issue 13's target: each at least
 * 0.8x the NDJSON rate). Rounds alternate the three formats so machine noise hits them alike; the
 * median of the rounds is reported.
 *
 * <p>Run: {@code mvn -B -q -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.pipelog.bench.ProtocolIntakeBenchmark -Dexec.args="[seconds per phase, default 5] [rounds, default 3]"}.
 */
public final class ProtocolIntakeBenchmark {
    private static final int BATCH = 2_000;
    private static final int BODIES = 8;
    private static final int CLIENTS = 4;

    private record Format(String name, String path, String contentType, List<byte[]> bodies) {
    }

    private ProtocolIntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Format> formats = List.of(
                new Format("Pipelog NDJSON (/api/logs)", "api/logs", "application/x-ndjson", bodies(ProtocolIntakeBenchmark::ndjson)),
                new Format("OTLP protobuf (/v1/logs)", "v1/logs", "application/x-protobuf", bodies(ProtocolIntakeBenchmark::otlp)),
                new Format("Loki snappy protobuf (/loki/api/v1/push)", "loki/api/v1/push", "application/x-protobuf",
                        bodies(ProtocolIntakeBenchmark::loki)));
        Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
        formats.forEach(f -> rates.put(f.name(), new ArrayList<>()));
        Path dir = Files.createTempDirectory("pipelog-bench-protocols");
        Settings settings = SettingsLoader.load(List.of("--headless"), Map.of("PIPELOG_DATA_DIR", dir.toString(),
                "PIPELOG_HOST", "127.0.0.1", "PIPELOG_PORT", "0", "LOG_LEVEL", "WARN", "PIPELOG_MAX_BODY", "64MB"));
        try (Engine engine = Engine.start(settings);
             ApiServer server = new ApiServer(settings, engine.store(), engine.intake(), engine.health(),
                     engine.pipelineSettings())) {
            server.start();
            for (int round = 0; round < rounds; round++) {
                for (Format f : formats) {
                    rates.get(f.name()).add(measure(server.url(), f, Duration.ofSeconds(seconds)));
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        double ndjson = median(rates.get(formats.get(0).name()));
        System.out.printf("%d records per body, %d clients, %d s per phase, %d rounds; load average %s%n",
                BATCH, CLIENTS, seconds, rounds, Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.println("| format | median records/s | rounds | vs NDJSON |");
        System.out.println("|---|---|---|---|");
        for (Format f : formats) {
            double m = median(rates.get(f.name()));
            System.out.printf("| %s | %,.0f | %s | %.2fx |%n", f.name(), m,
                    rates.get(f.name()).stream().map(r -> String.format("%,.0f", r)).toList(), m / ndjson);
        }
    }

    private static double measure(URI base, Format format, Duration phase) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        LongAdder records = new LongAdder();
        long end = System.nanoTime() + phase.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int offset = c;
            clients.add(pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    byte[] body = format.bodies().get(i++ % format.bodies().size());
                    HttpRequest request = HttpRequest.newBuilder(base.resolve(format.path()))
                            .header("Content-Type", format.contentType())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() / 100 != 2) {
                        if (r.statusCode() == 429) {
                            Thread.sleep(50);
                            continue;
                        }
                        throw new IllegalStateException(format.name() + " answered " + r.statusCode() + ": " + r.body());
                    }
                    records.add(BATCH);
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();
        return records.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @FunctionalInterface
    private interface Encoder {
        byte[] body(int seed) throws IOException;
    }

    private static List<byte[]> bodies(Encoder encoder) {
        List<byte[]> bodies = new ArrayList<>();
        try {
            for (int b = 0; b < BODIES; b++) {
                bodies.add(encoder.body(b));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bodies;
    }

    private static String message(int seed, int i) {
        return "loaded " + (seed * BATCH + i) + " rows into orders_" + (i % 17) + " in " + (i % 900) + " ms";
    }

    private static String level(int i) {
        return i % 50 == 0 ? "ERROR" : i % 10 == 0 ? "WARNING" : "INFO";
    }

    private static long nanos(int i) {
        return 1_795_860_930_000_000_000L + i * 1_000_000L;
    }

    private static byte[] ndjson(int seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            sb.append("{\"timestamp\":").append(nanos(i) / 1000).append(",\"level\":\"").append(level(i))
                    .append("\",\"logger\":\"dlt.load\",\"message\":\"").append(message(seed, i))
                    .append("\",\"pipeline_id\":\"bench_").append(i % 12).append("\",\"execution_id\":\"exec_")
                    .append(seed).append("\",\"extra\":{\"rows\":").append(i).append("}}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] otlp(int seed) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("dlt.load"));
        for (int i = 0; i < BATCH; i++) {
            String lvl = level(i);
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(nanos(i))
                    .setSeverityNumberValue(lvl.equals("ERROR") ? 17 : lvl.equals("WARNING") ? 13 : 9)
                    .setBody(AnyValue.newBuilder().setStringValue(message(seed, i)))
                    .addAttributes(kv("pipeline.id", AnyValue.newBuilder().setStringValue("bench_" + (i % 12)).build()))
                    .addAttributes(kv("execution.id", AnyValue.newBuilder().setStringValue("exec_" + seed).build()))
                    .addAttributes(kv("rows", AnyValue.newBuilder().setIntValue(i).build())));
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name",
                        AnyValue.newBuilder().setStringValue("bench").build())))
                .addScopeLogs(scope)).build().toByteArray();
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    /** A logproto.PushRequest written field by field: one stream per pipeline, as Promtail groups them. */
    private static byte[] loki(int seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        com.google.protobuf.CodedOutputStream request = com.google.protobuf.CodedOutputStream.newInstance(out);
        for (int p = 0; p < 12; p++) {
            ByteArrayOutputStream streamBytes = new ByteArrayOutputStream();
            com.google.protobuf.CodedOutputStream stream = com.google.protobuf.CodedOutputStream.newInstance(streamBytes);
            stream.writeString(1, "{pipeline_id=\"bench_" + p + "\", job=\"etl\"}");
            for (int i = p; i < BATCH; i += 12) {
                ByteArrayOutputStream entryBytes = new ByteArrayOutputStream();
                com.google.protobuf.CodedOutputStream entry = com.google.protobuf.CodedOutputStream.newInstance(entryBytes);
                ByteArrayOutputStream ts = new ByteArrayOutputStream();
                com.google.protobuf.CodedOutputStream t = com.google.protobuf.CodedOutputStream.newInstance(ts);
                t.writeInt64(1, nanos(i) / 1_000_000_000L);
                t.writeInt32(2, (int) (nanos(i) % 1_000_000_000L));
                t.flush();
                entry.writeBytes(1, ByteString.copyFrom(ts.toByteArray()));
                entry.writeString(2, "{\"msg\":\"" + message(seed, i) + "\",\"level\":\"" + level(i).toLowerCase()
                        + "\",\"rows\":" + i + "}");
                entry.flush();
                stream.writeBytes(2, ByteString.copyFrom(entryBytes.toByteArray()));
            }
            stream.flush();
            request.writeBytes(1, ByteString.copyFrom(streamBytes.toByteArray()));
        }
        request.flush();
        return Snappy.compress(out.toByteArray());
    }
}
