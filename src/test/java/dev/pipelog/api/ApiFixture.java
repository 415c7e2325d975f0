package dev.pipelog.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.config.Settings;
import dev.pipelog.config.SettingsLoader;
import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.RecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A real listener on 127.0.0.1, port 0, over a real engine (DuckDB file in a temp dir), plus a
 * {@link java.net.http.HttpClient} to talk to it.
 */
final class ApiFixture implements AutoCloseable {
    final Settings settings;
    final TestEngine engine;
    final ApiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiFixture(Settings settings) {
        this(settings, BodyBudget.defaultCapacity(settings.maxBodyBytes()), UnaryOperator.identity(),
                ApiServer.INTAKE_SUMMARY_INTERVAL);
    }

    private ApiFixture(Settings settings, long bodyBudgetBytes, UnaryOperator<Intake> intake,
                       Duration intakeSummaryInterval) {
        this.settings = settings;
        this.engine = TestEngine.start(settings);
        this.server = new ApiServer(settings, engine.store(), intake.apply(engine.intake()), engine.health(),
                engine.pipelineSettings(), bodyBudgetBytes, intakeSummaryInterval);
        try {
            server.start();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    static ApiFixture start(Path dir) {
        return start(dir, Map.of());
    }

    /** @param env extra environment variables, e.g. PIPELOG_API_TOKEN or ALLOW_ORIGINS */
    static ApiFixture start(Path dir, Map<String, String> env) {
        return new ApiFixture(settings(dir, env));
    }

    /** A listener with its own body budget, over the engine's intake as {@code intake} wraps it. */
    static ApiFixture start(Path dir, Map<String, String> env, long bodyBudgetBytes, UnaryOperator<Intake> intake) {
        return new ApiFixture(settings(dir, env), bodyBudgetBytes, intake, ApiServer.INTAKE_SUMMARY_INTERVAL);
    }

    /** A listener that writes its per-client intake summaries every {@code interval}. */
    static ApiFixture startWithIntakeSummaries(Path dir, Duration interval) {
        Settings settings = settings(dir, Map.of());
        return new ApiFixture(settings, BodyBudget.defaultCapacity(settings.maxBodyBytes()), UnaryOperator.identity(),
                interval);
    }

    static Settings settings(Path dir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("PIPELOG_HOST", "127.0.0.1");
        all.putIfAbsent("PIPELOG_PORT", "0");
        all.putIfAbsent("PIPELOG_DATA_DIR", dir.toString());
        all.putIfAbsent("PIPELOG_FLUSH_INTERVAL_MS", "5");
        // Pipelog's own INFO logs are captured into the store; the tests count records exactly.
        all.putIfAbsent("LOG_LEVEL", "WARN");
        return SettingsLoader.load(List.of("--headless"), all);
    }

    URI uri(String pathAndQuery) {
        return server.url().resolve(pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) {
        return send(request(pathAndQuery, headers).GET().build());
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        return post(path, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = request(path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return RecordJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every item of a search, following cursors to the end. */
    List<JsonNode> searchAll(String query) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(get("/api/logs/search?" + query + (cursor == null ? "" : "&cursor=" + cursor)));
            page.path("items").forEach(items::add);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        return items;
    }

    /** Polls a search until the predicate holds (request logs are written without waiting); at most 10 s. */
    JsonNode awaitSearch(String query, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode last;
        do {
            last = json(get("/api/logs/search?" + query));
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return last;
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
        engine.close();
    }
}
