package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.LogRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers imported records to a running Pipelog through its listener ({@code POST /api/logs},
 * NDJSON), for {@code pipelog import} while the window holds the store. The listener answers only
 * once the records are durable, so a delivered batch is as safe as one the intake took; a 429 is
 * waited out as its Retry-After asks. Bodies stay under {@value #MAX_BODY_BYTES} bytes. Thread-safe.
 */
public final class ListenerTarget implements RecordTarget {
    static final int MAX_BODY_BYTES = 4 << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final URI logs;
    private final Optional<String> token;

    private ListenerTarget(HttpClient client, URI base, Optional<String> token) {
        this.client = client;
        this.logs = base.resolve("/api/logs");
        this.token = token;
    }

    /**
     * The listener at {@code base} when a Pipelog answers there.
     *
     * @param token the bearer token, when the listener needs one
     */
    public static Optional<ListenerTarget> find(URI base, Optional<String> token) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest.Builder health = HttpRequest.newBuilder(base.resolve("/api/health")).timeout(Duration.ofSeconds(2)).GET();
        token.ifPresent(t -> health.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> response = client.send(health.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && RecordJson.MAPPER.readTree(response.body()).has("version")) {
                return Optional.of(new ListenerTarget(client, base, token));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // nobody listens there (or not a Pipelog): the caller opens the store
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public URI url() {
        return logs.resolve("/");
    }

    @Override
    public void deliver(List<LogRecord> records) throws FileImportException, InterruptedException {
        StringBuilder body = new StringBuilder();
        List<String> bodies = new ArrayList<>();
        for (LogRecord r : records) {
            String line = RecordJson.toLine(r);
            if (body.length() > 0 && body.length() + line.length() > MAX_BODY_BYTES / 2) {
                bodies.add(body.toString());
                body.setLength(0);
            }
            body.append(line).append('\n');
        }
        if (body.length() > 0) {
            bodies.add(body.toString());
        }
        for (String b : bodies) {
            post(b);
        }
    }

    private void post(String body) throws FileImportException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(logs).timeout(TIMEOUT)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        while (true) {
            HttpResponse<String> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new FileImportException("the Pipelog at " + url() + " stopped answering: " + e.getMessage(), e);
            }
            int status = response.statusCode();
            if (status == 429) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Math.max(1, seconds) * 1000);
                continue;
            }
            if (status / 100 != 2) {
                throw new FileImportException("the Pipelog at " + url() + " answered " + status + ": " + message(response.body()));
            }
            JsonNode answer = read(response.body());
            if (answer.path("rejected").asInt() > 0) {
                throw new FileImportException("the Pipelog at " + url() + " refused " + answer.path("rejected").asInt()
                        + " records: " + answer.path("errors"));
            }
            return;
        }
    }

    private static String message(String body) {
        JsonNode n = read(body);
        return n.hasNonNull("message") ? n.get("message").asText() : body;
    }

    private static JsonNode read(String body) {
        try {
            return RecordJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return RecordJson.MAPPER.createObjectNode();
        }
    }
}
