package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.resilience.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's proof: {@value #REQUESTS} hostile requests from a fixed seed against the headless server
 * as users run it (a child JVM with the packaged server's 256 MB heap): the kinds the issue names
 * plus the older bad-input cases. No answer may be a 5xx other than a 503/504 with Retry-After, every
 * 4xx has the JSON error shape, a well-behaved client sending between them has every acknowledged
 * record stored, the server's I/O, writer and replay threads are all alive afterwards, health
 * answers, and the peak RSS stays bounded.
 */
class HostileRequestsFuzzTest {
    private static final long SEED = 10;
    private static final int REQUESTS = 5_000;
    private static final int CLIENTS = 4;
    /** Every this many requests, one from a well-behaved client whose records must all be kept. */
    private static final int GOOD_EVERY = 25;
    /** The peak RSS allowed: heap 256 MB plus DuckDB, metaspace and threads; the issue saw 6.46 GB. */
    private static final long MAX_RSS_KB = 1_200_000;
    private static final List<String> THREADS = List.of("XNIO-1 Accept", "pipelog-writer", "pipelog-replay",
            "pipelog-query-timeout");

    @TempDir
    Path dir;

    private record Hostile(String kind, byte[] request) {
    }

    @Test
    void fiveThousandHostileRequestsLeaveAServingServerThatLostNothing() throws Exception {
        HeadlessProcess child = HeadlessProcess.start(dir.resolve("data"),
                Map.of("PIPELOG_BODY_IDLE_TIMEOUT_MS", "2000"), "-Xmx256m");
        try {
            int port = child.url().getPort();
            Map<String, Long> threadsBefore = threads(child);
            assertThat(threadsBefore.keySet()).containsAll(THREADS);

            List<Function<Random, Hostile>> kinds = kinds();
            Map<String, AtomicInteger> statusByKind = new ConcurrentHashMap<>();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger good = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    Random random = new Random(SEED * 31 + client);
                    for (int i = client; i < REQUESTS; i += CLIENTS) {
                        if (i % GOOD_EVERY == 0) {
                            String id = "good-" + i;
                            Answer a = send(port, post("/api/logs", "application/json",
                                    "{\"id\":\"" + id + "\",\"pipeline_id\":\"fuzz-good\",\"message\":\"" + id + "\"}"));
                            if (a.status() == 202) {
                                good.incrementAndGet();
                            } else if (a.status() != 429 && a.status() != 503) {
                                failures.add("good post " + id + " answered " + a.status() + " " + a.body());
                            }
                            continue;
                        }
                        Hostile h = kinds.get(random.nextInt(kinds.size())).apply(random);
                        Answer a;
                        try {
                            a = send(port, h.request());
                        } catch (IOException e) {
                            failures.add(h.kind() + ": no answer (" + e + ")");
                            continue;
                        }
                        statusByKind.computeIfAbsent(h.kind() + " " + a.status(), k -> new AtomicInteger()).incrementAndGet();
                        String problem = judge(h.kind(), a);
                        if (problem != null) {
                            failures.add(h.kind() + ": " + problem + " — request "
                                    + new String(h.request(), 0, Math.min(300, h.request().length), StandardCharsets.ISO_8859_1));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
            clients.shutdown();

            assertThat(failures).as("answers by kind and status: " + new TreeMap<>(statusByKind)).isEmpty();
            assertThat(send(port, get("/api/health")).status()).isEqualTo(200);
            Eventually.await("every acknowledged record of the well-behaved client is searchable",
                    Duration.ofSeconds(5), () -> total(port, "pipeline_id=fuzz-good") == good.get());
            assertThat(good.get()).as("the well-behaved client was served").isGreaterThan(REQUESTS / GOOD_EVERY / 2);
            Map<String, Long> threadsAfter = threads(child);
            assertThat(threadsAfter.keySet()).as("threads alive after the fuzz").containsAll(THREADS);
            assertThat(count(threadsAfter, "XNIO-1 I/O-")).as("I/O threads").isEqualTo(count(threadsBefore, "XNIO-1 I/O-"));
            assertThat(peakRssKb(child)).as("peak RSS in kB").isLessThan(MAX_RSS_KB);
        } finally {
            child.process().destroy();
            if (!child.process().waitFor(20, TimeUnit.SECONDS)) {
                child.process().destroyForcibly();
            }
        }
    }

    /** Null when the answer is acceptable for hostile input, else what is wrong with it. */
    private static String judge(String kind, Answer a) {
        if (a.status() == 0) {
            return "no status line: " + a.raw();
        }
        if (a.status() >= 500) {
            if ((a.status() == 503 || a.status() == 504) && a.headers().contains("retry-after:")) {
                return null;
            }
            return a.status() + " " + a.body();
        }
        if (kind.equals("content-length") && a.status() != 413) {
            return "a declared length over the limit must be a 413 at once, was " + a.status();
        }
        if (a.status() >= 400) {
            try {
                JsonNode error = RecordJson.MAPPER.readTree(a.body());
                if (!error.path("error").isTextual() || !error.path("message").isTextual()) {
                    return "4xx without the JSON error shape: " + a.body();
                }
            } catch (IOException e) {
                return "4xx without the JSON error shape: " + a.body();
            }
        }
        return null;
    }

    // --- the hostile kinds ---------------------------------------------------------------------

    private static final String[] TIMES = {"1990-01-01", "+300000-01-01T00:00:00Z", "-300000-01-01T00:00:00Z", "1e400",
        "-1e400", "99999999999999999999999", "15m", "999999999w", "0", "1700-01-01", "9999-12-31T23:59:59Z", "soon",
        "2026-13-45", "%00", "NaN"};
    private static final String[] BUCKETS = {"1s", "1m", "1h", "7d", "999999999w", "0s", "-1s", "abc", "1"};
    private static final String[] REGEXES = {"(", "a{99999}", ".*", "(a|b)*c", "[", "\\\\", "(?i)error", "x**", "^$"};
    private static final String[] TIMESTAMPS = {"\"+300000-01-01T00:00:00Z\"", "1e400", "-1e400", "1e20", "\"1700-01-01\"",
        "\"9999-12-31T23:59:59Z\"", "99999999999999999999999", "\"not a time\"", "null", "{}", "[]", "true", "-1"};
    private static final String[] NUMBERS = {"1e20", "99999999999999999999", "-1e30", "1.5", "\"12x\"", "NaN", "1e400",
        "-9223372036854775809", "2147483648", "{\"a\":1}"};

    private static List<Function<Random, Hostile>> kinds() {
        List<Function<Random, Hostile>> k = new ArrayList<>();
        k.add(r -> new Hostile("stats", get("/api/logs/stats?bucket=" + pick(r, BUCKETS) + "&since=" + enc(pick(r, TIMES)))));
        k.add(r -> new Hostile("stats-until", get("/api/logs/stats?until=" + enc(pick(r, TIMES)) + "&hours=" + r.nextInt(200_000))));
        k.add(r -> new Hostile("search", get("/api/logs/search?q=" + enc(text(r)) + "&limit=" + pick(r, "0", "-1", "1",
                "10000", "99999999999", "x") + "&since=" + enc(pick(r, TIMES)))));
        k.add(r -> new Hostile("search-regex", get("/api/logs/search?regex=" + enc(pick(r, REGEXES)) + "&level="
                + pick(r, "ERROR", "bogus", "ERROR,,WARN", "50", "%00"))));
        k.add(r -> new Hostile("search-long-q", get("/api/logs/search?q=" + "a".repeat(1 + r.nextInt(20_000)))));
        k.add(r -> new Hostile("search-cursor", get("/api/logs/search?cursor=" + pick(r, "abc", "AAAA", "%2F%2F",
                "eyJ0IjoxfQ", "-", "x".repeat(5000)))));
        k.add(r -> new Hostile("pipeline", get("/api/logs/pipeline/" + pick(r, "p", "%2E%2E", "a%2Fb", "%00", "x".repeat(3000),
                "%C3%28") + "?until=" + enc(pick(r, TIMES)))));
        k.add(r -> new Hostile("executions", get("/api/logs/pipeline/p/executions?since=" + enc(pick(r, TIMES)) + "&limit="
                + pick(r, "0", "100000", "-5"))));
        k.add(r -> new Hostile("correlation", get("/api/logs/correlation/" + pick(r, "c", "%00", "%FF%FE", "y".repeat(2000)))));
        k.add(r -> new Hostile("unknown", raw(pick(r, "DELETE", "PUT", "PATCH", "GET", "OPTIONS") + " "
                + pick(r, "/api/logs", "/api/nothing", "/", "/api/logs/search/../../etc/passwd", "/api/health?x=1") + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n")));
        k.add(r -> new Hostile("bad-url", raw("GET /api/logs/search?cursor=" + pick(r, "%%%", "%", "%zz", "%G1", "abc%")
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")));
        k.add(r -> new Hostile("intake-record", post("/api/logs", "application/json", record(r))));
        k.add(r -> new Hostile("intake-array", post("/api/logs", "application/json", "[" + record(r) + "," + record(r) + "]")));
        k.add(r -> new Hostile("intake-ndjson", post("/api/logs", "application/x-ndjson", record(r) + "\n" + record(r)
                + pick(r, "", " trailing text", "}", "\n{") + "\n")));
        k.add(r -> new Hostile("intake-deep", post("/api/logs", pick(r, "application/json", "application/x-ndjson"),
                r.nextBoolean() ? "[".repeat(10_000) + "]".repeat(10_000)
                        : "{\"extra\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001))));
        k.add(r -> new Hostile("intake-malformed", post("/api/logs", pick(r, "application/json", "application/x-ndjson",
                "application/x-www-form-urlencoded", "text/plain", "application/json; charset=latin1"),
                pick(r, "", "null", "42", "\"s\"", "{", "[{}", "{\"message\":\"\u0000\"}", "msg=%ZZ&levelname=ERROR",
                        "name=a&msg=%s%s&args=(1,)", "\u00ff\u00fe"))));
        k.add(r -> new Hostile("intake-huge-message", post("/api/logs", "application/json",
                "{\"pipeline_id\":\"fuzz-big\",\"message\":\"" + "m".repeat(10_000 + r.nextInt(100_000)) + "\"}")));
        k.add(r -> new Hostile("intake-bad-bytes", postBytes("/api/logs", "application/json", new byte[] {'{', '"', 'm', 'e',
            's', 's', 'a', 'g', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, '"', '}'})));
        k.add(HostileRequestsFuzzTest::gzipPost);
        k.add(r -> new Hostile("content-length", raw("POST /api/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nContent-Length: " + pick(r, "99999999999999999999999", "20000000", "16777217")
                + "\r\n\r\n{\"message\":\"x\"}")));
        k.add(r -> new Hostile("bad-url-content-length", raw("POST /api/logs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + pick(r, "-5", "abc", "1 2", "0x10")
                + "\r\n\r\n{\"message\":\"x\"}")));
        k.add(r -> new Hostile("cleanup", post("/api/logs/cleanup", "application/json", pick(r,
                "{\"older_than_days\":-1,\"dry_run\":true}", "{\"older_than_days\":1e400,\"dry_run\":true}",
                "{\"older_than_days\":\"x\",\"dry_run\":true}", "{\"dry_run\":\"maybe\"}", "[", "{\"older_than_days\":99999999999,\"dry_run\":true}",
                "{\"keep_last_per_pipeline\":-3,\"dry_run\":true}", "{\"older_than_days\":30,\"dry_run\":true}"))));
        k.add(r -> new Hostile("headers", raw("POST /api/logs HTTP/1.1\r\nHost: " + pick(r, "127.0.0.1", "evil.example", "")
                + "\r\nContent-Type: application/json\r\nContent-Encoding: " + pick(r, "br", "gzip", "identity", "x")
                + "\r\nOrigin: " + pick(r, "http://evil.example", "null") + "\r\nConnection: close\r\nContent-Length: 15\r\n\r\n{\"message\":\"x\"}")));
        k.add(r -> new Hostile("health", get("/api/health?" + pick(r, "", "x=1", "verbose=true"))));
        return k;
    }

    private static String record(Random r) {
        return "{\"pipeline_id\":\"fuzz\",\"message\":\"" + pick(r, "ok", "nul\\u0000inside", "\\ud800", "é")
                + "\",\"timestamp\":" + pick(r, TIMESTAMPS) + ",\"line\":" + pick(r, NUMBERS)
                + ",\"process_id\":" + pick(r, NUMBERS) + ",\"level\":" + pick(r, "\"ERROR\"", "\"bogus\"", "99", "-1", "null")
                + ",\"extra\":" + pick(r, "{}", "[1,2]", "\"s\"", "{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}") + "}";
    }

    private static Hostile gzipPost(Random r) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                // Small on the wire, over the 16 MB limit once inflated: a gzip bomb.
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < (r.nextBoolean() ? 20 : 1); i++) {
                    gz.write(zeros);
                }
            }
            byte[] body = out.toByteArray();
            if (r.nextBoolean()) {
                body[body.length / 2] ^= 0x5A; // corrupt
            }
            return new Hostile("intake-gzip", postBytes("/api/logs", "application/json", body, "Content-Encoding: gzip\r\n"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Random r) {
        return pick(r, "timeout", "%", "_", "'; DROP TABLE log_record; --", "\u0000", "ü", "a".repeat(5000), "\\", "*");
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // --- raw HTTP --------------------------------------------------------------------------------

    private record Answer(int status, String headers, String body, String raw) {
    }

    private static byte[] get(String pathAndQuery) {
        return raw("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    private static byte[] post(String path, String contentType, String body) {
        return postBytes(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] postBytes(String path, String contentType, byte[] body, String... extraHeaders) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 200);
        out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n" + String.join("", extraHeaders) + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] raw(String request) {
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Answer send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer (413, 400) and close before the whole body is written: read what it said.
            }
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = raw.indexOf("\r\n\r\n");
            int status = raw.startsWith("HTTP/1.1 ") && raw.length() >= 12 ? Integer.parseInt(raw.substring(9, 12)) : 0;
            String headers = headersEnd < 0 ? raw : raw.substring(0, headersEnd).toLowerCase(java.util.Locale.ROOT);
            String body = headersEnd < 0 ? "" : raw.substring(headersEnd + 4);
            return new Answer(status, headers, body, raw.length() > 300 ? raw.substring(0, 300) : raw);
        }
    }

    private static long total(int port, String query) {
        try {
            Answer a = send(port, get("/api/logs/search?" + query));
            return a.status() == 200 ? RecordJson.MAPPER.readTree(a.body()).path("total").asLong() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    // --- the child process -----------------------------------------------------------------------

    /** Live thread names of the child (numbered pool threads keep their numbers), with how many share each name. */
    private static Map<String, Long> threads(HeadlessProcess child) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        assertThat(jcmd).as("jcmd of the running JDK lists the child's threads").exists();
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(child.process().pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Map<String, Long> names = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("\"")) {
                names.merge(line.substring(1, line.indexOf('"', 1)), 1L, Long::sum);
            }
        }
        return names;
    }

    private static long count(Map<String, Long> threads, String prefix) {
        return threads.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    }

    private static long peakRssKb(HeadlessProcess child) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(child.process().pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/<pid>/status");
    }
}
