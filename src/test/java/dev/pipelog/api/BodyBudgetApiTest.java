package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.resilience.Eventually;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener holds at most its body budget of request bodies at once (here 3 MB, also the largest
 * body): a post that does not fit is answered 429 with Retry-After and nothing of it is kept, the
 * posts that fit are stored whole, and the room comes back when they are done, or when a body has
 * sent nothing for the idle timeout.
 */
class BodyBudgetApiTest {
    private static final long BUDGET = 3L << 20;
    private static final int LINE_BYTES = 1000;
    // Two fit in the budget, a third does not: 2 × 1.5 MB ≤ 3 MiB < 3 × 1.5 MB.
    private static final int POST_BYTES = 1_500_000;
    private static final String NDJSON = "application/x-ndjson";
    /** Long enough that no other test's body pauses this long, short enough to wait out here. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(1_500);

    @TempDir
    Path dir;
    private ApiFixture api;
    private HeldIntake intake;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir, Map.of("PIPELOG_MAX_BODY", "3MB", "ENABLE_REQUEST_LOGGING", "false",
                        "PIPELOG_BODY_IDLE_TIMEOUT_MS", String.valueOf(IDLE_TIMEOUT.toMillis())), BUDGET,
                real -> intake = new HeldIntake(real));
    }

    @AfterEach
    void stop() {
        if (intake != null) {
            intake.open();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void postsOverTheBudgetAre429AndEveryRecordOfThe202sIsStored() throws Exception {
        CompletableFuture<HttpResponse<String>> a = postAsync(ndjson("budget-a", POST_BYTES));
        CompletableFuture<HttpResponse<String>> b = postAsync(ndjson("budget-b", POST_BYTES));
        assertThat(intake.awaitArrivals(2)).as("both batches reached the held intake").isTrue();

        List<HttpResponse<String>> refused = List.of(postAsync(ndjson("budget-c", POST_BYTES)),
                postAsync(ndjson("budget-d", POST_BYTES))).stream().map(CompletableFuture::join).toList();
        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(r).path("error").asText()).isEqualTo("overloaded");
        }

        assertThat(json(api.get("/api/health")).path("batches_overloaded").asLong())
                .as("the refusals are counted where an operator looks").isEqualTo(2);

        intake.open();
        int lines = POST_BYTES / LINE_BYTES;
        for (HttpResponse<String> r : List.of(a.join(), b.join())) {
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(json(r).path("accepted").asInt()).isEqualTo(lines);
        }
        assertThat(messages("budget-a")).containsExactlyInAnyOrderElementsOf(expectedMessages("budget-a", lines));
        assertThat(messages("budget-b")).containsExactlyInAnyOrderElementsOf(expectedMessages("budget-b", lines));
        assertThat(messages("budget-c")).isEmpty();
        assertThat(messages("budget-d")).isEmpty();

        // Everything was given back: a body as large as the whole budget fits again.
        HttpResponse<String> whole = api.post("/api/logs", NDJSON, ndjson("budget-whole", (int) BUDGET));
        assertThat(whole.statusCode()).isEqualTo(202);
        assertThat(json(whole).path("accepted").asInt()).isEqualTo((int) (BUDGET / LINE_BYTES));
    }

    @Test
    void aGzipBodyWhoseDecodedSizeDoesNotFitIs429NotAnError() throws Exception {
        CompletableFuture<HttpResponse<String>> held = postAsync(ndjson("budget-held", POST_BYTES));
        assertThat(intake.awaitArrivals(1)).isTrue();
        // A few kilobytes on the wire, 2 MB once decoded: more than the ~1.6 MB left.
        byte[] gzip = gzip(ndjson("budget-gz", 2_000_000));
        assertThat(gzip.length).isLessThan(100_000);

        HttpResponse<String> refused = api.post("/api/logs", NDJSON, gzip, "Content-Encoding", "gzip");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(refused).path("error").asText()).isEqualTo("overloaded");

        intake.open();
        assertThat(held.join().statusCode()).isEqualTo(202);
        assertThat(messages("budget-gz")).isEmpty();
        // The same body on an idle server fits: the refusal was the budget, nothing else.
        HttpResponse<String> accepted = api.post("/api/logs", NDJSON, gzip, "Content-Encoding", "gzip");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(messages("budget-gz")).hasSize(2_000_000 / LINE_BYTES);
    }

    @Test
    void aChunkedBodyIsCountedAsItGrowsAndRefusedOnceItDoesNotFit() throws Exception {
        CompletableFuture<HttpResponse<String>> held = postAsync(ndjson("budget-held", POST_BYTES));
        assertThat(intake.awaitArrivals(1)).isTrue();
        // No Content-Length: the server only learns the size as the chunks arrive, past the 1.6 MB left.
        byte[] chunked = ndjson("budget-chunked", 1_700_000);

        HttpResponse<String> refused = postChunked(chunked);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).path("error").asText()).isEqualTo("overloaded");

        intake.open();
        assertThat(held.join().statusCode()).isEqualTo(202);
        assertThat(messages("budget-chunked")).isEmpty();
        HttpResponse<String> accepted = postChunked(chunked);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(messages("budget-chunked")).hasSize(1_700_000 / LINE_BYTES);
    }

    @Test
    void aClientThatGoesAwayMidBodyGivesItsRoomBack() throws Exception {
        intake.open();
        try (Socket socket = halfSentBody("budget-gone")) {
            socket.shutdownOutput();
        }
        // Once the server sees the close, the room is free again.
        assertThat(postUntilTaken(ndjson("budget-after", (int) BUDGET)).statusCode()).isEqualTo(202);
        assertThat(messages("budget-gone")).isEmpty();
    }

    @Test
    void aClientThatStallsMidBodyIsCutOffAndItsRoomComesBack() throws Exception {
        intake.open();
        try (Socket socket = halfSentBody("budget-stalled")) {
            // The client stays connected and sends nothing more: after the idle timeout the server closes
            // the connection without an answer, so the client knows the batch was not taken.
            socket.setSoTimeout(10_000);
            assertThat(socket.getInputStream().read()).as("the server closed the stalled connection").isEqualTo(-1);
        }
        assertThat(postUntilTaken(ndjson("budget-after-stall", (int) BUDGET)).statusCode()).isEqualTo(202);
        assertThat(messages("budget-stalled")).isEmpty();
    }

    @Test
    void aStalledCleanupBodyDoesNotKeepAWorkerForever() throws Exception {
        try (Socket socket = rawPost("/api/logs/cleanup", "application/json", 100)) {
            socket.getOutputStream().write("{\"dry_run\": ".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoTimeout(10_000);
            assertThat(socket.getInputStream().read()).as("the server closed the stalled connection").isEqualTo(-1);
        }
        HttpResponse<String> cleanup = api.post("/api/logs/cleanup", "application/json",
                "{\"older_than_days\": 30, \"dry_run\": true}");
        assertThat(cleanup.statusCode()).as(cleanup.body()).isEqualTo(200);
    }

    @Test
    void aSlowBodyThatKeepsSendingIsNotCutOff() throws Exception {
        intake.open();
        byte[] body = ndjson("budget-slow", 20 * LINE_BYTES);
        try (Socket socket = rawPost("/api/logs", NDJSON, body.length)) {
            OutputStream out = socket.getOutputStream();
            // Twice the idle timeout in all, but never silent for half of it.
            int pieces = 8;
            int step = body.length / pieces;
            for (int i = 0; i < pieces; i++) {
                out.write(body, i * step, i == pieces - 1 ? body.length - i * step : step);
                out.flush();
                Thread.sleep(IDLE_TIMEOUT.toMillis() / 4);
            }
            socket.setSoTimeout(10_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 202");
        }
        assertThat(messages("budget-slow")).hasSize(20);
    }

    @Test
    void theRoomComesBackOnceTheIntakeHasTheBatchNotOnlyWhenItIsDurable() throws Exception {
        intake.open();
        CompletableFuture<IntakeResult> durable = new CompletableFuture<>();
        api.engine.intake().answerNextWhen(durable);
        CompletableFuture<HttpResponse<String>> queued = postAsync(ndjson("budget-queued", POST_BYTES));
        assertThat(api.engine.intake().awaitScriptedBatch()).isTrue();

        // The first batch is queued but not yet durable; its body no longer counts.
        assertThat(postUntilTaken(ndjson("budget-next", (int) BUDGET)).statusCode()).isEqualTo(202);
        assertThat(queued).isNotDone();
        durable.complete(new IntakeResult.Accepted(POST_BYTES / LINE_BYTES, 0, IntakeResult.Destination.PRIMARY));
        assertThat(queued.join().statusCode()).isEqualTo(202);
    }

    /** Headers and the first lines of a body as large as the whole budget, once it holds the budget. */
    private Socket halfSentBody(String pipeline) throws IOException {
        Socket socket = rawPost("/api/logs", NDJSON, BUDGET);
        socket.getOutputStream().write(ndjson(pipeline, 10 * LINE_BYTES));
        socket.getOutputStream().flush();
        Eventually.await("the half-sent body holds the budget", Duration.ofSeconds(10),
                () -> api.post("/api/logs", NDJSON, ndjson("budget-probe", LINE_BYTES)).statusCode() == 429);
        return socket;
    }

    /** A connection with a POST's headers sent and none of its body: the test writes the body, or not. */
    private Socket rawPost(String path, String contentType, long contentLength) throws IOException {
        Socket socket = new Socket("127.0.0.1", api.server.port());
        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + contentLength + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /**
     * Posts until the answer is not 429, at most 10 s: the room a request gives back is released on a
     * server thread just after the event the test waited for, so the first try may still find it held.
     */
    private HttpResponse<String> postUntilTaken(byte[] body) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Eventually.await("the room given back", Duration.ofSeconds(10), () -> {
            last.set(api.post("/api/logs", NDJSON, body));
            return last.get().statusCode() != 429;
        });
        return last.get();
    }

    private CompletableFuture<HttpResponse<String>> postAsync(byte[] body) {
        return api.http.sendAsync(api.request("/api/logs").header("Content-Type", NDJSON)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postChunked(byte[] body) {
        return api.send(api.request("/api/logs").header("Content-Type", NDJSON)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());
    }

    private List<String> messages(String pipeline) {
        JsonNode page = json(api.get("/api/logs/search?pipeline_id=" + pipeline + "&limit=10000"));
        List<String> out = new java.util.ArrayList<>();
        page.path("items").forEach(n -> out.add(n.path("message").asText()));
        return out;
    }

    private static List<String> expectedMessages(String pipeline, int lines) {
        return IntStream.range(0, lines).mapToObj(i -> pipeline + " " + i).toList();
    }

    /**
     * An NDJSON body of exactly {@code bytes} bytes: lines of {@value #LINE_BYTES} bytes (the first
     * takes the remainder), each with message "pipeline i" and a padding field.
     */
    static byte[] ndjson(String pipeline, int bytes) {
        int lines = bytes / LINE_BYTES;
        StringBuilder sb = new StringBuilder(bytes);
        for (int i = 0; i < lines; i++) {
            String head = "{\"pipeline_id\":\"" + pipeline + "\",\"message\":\"" + pipeline + " " + i + "\",\"pad\":\"";
            int length = i == 0 ? LINE_BYTES + bytes % LINE_BYTES : LINE_BYTES;
            sb.append(head).append("x".repeat(length - head.length() - 3)).append("\"}\n");
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body).hasSize(bytes);
        return body;
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }
}
