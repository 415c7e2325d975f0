package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.resilience.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, finding 4: bodies that crawl are cut and their room comes back, and one client address
 * cannot take the whole body budget. Bodies here are at most 1 MB, the budget a few of them.
 */
class SlowBodyApiTest {
    private static final long MAX_BODY = 1L << 20;
    private static final String NDJSON = "application/x-ndjson";

    @TempDir
    Path dir;

    @Test
    void twoBodiesTricklingOneByteAtATimeAreCutAndIntakeWorksAgain() throws Exception {
        // The attack, scaled down: two connections declare a maximum body each (the whole
        // budget) and send a byte every 200 ms, so they are never silent for the idle timeout.
        try (ApiFixture api = ApiFixture.start(dir, Map.of("PIPELOG_MAX_BODY", "1MB", "ENABLE_REQUEST_LOGGING", "false",
                "PIPELOG_BODY_IDLE_TIMEOUT_MS", "1500"), 2 * MAX_BODY, UnaryOperator.identity());
             Socket a = declare(api, "127.0.0.1", MAX_BODY);
             Socket b = declare(api, "127.0.0.1", MAX_BODY)) {
            Eventually.await("the two trickling bodies hold the budget", Duration.ofSeconds(10),
                    () -> api.post("/api/logs", NDJSON, "{\"message\":\"probe\"}\n").statusCode() == 429);

            long started = System.nanoTime();
            boolean aClosed = false;
            boolean bClosed = false;
            while (!(aClosed && bClosed)) {
                assertThat(System.nanoTime() - started).as("both crawling connections were closed")
                        .isLessThan(Duration.ofSeconds(20).toNanos());
                aClosed = aClosed || trickleOrClosed(a);
                bClosed = bClosed || trickleOrClosed(b);
            }

            HttpResponse<String> after = postUntilTaken(api, "{\"message\":\"after the crawl\"}\n");
            assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
            assertThat(api.searchAll("q=after the crawl".replace(" ", "%20"))).hasSize(1);
        }
    }

    @Test
    void aBodyAboveTheMinimumRateIsNotCut() throws Exception {
        try (ApiFixture api = ApiFixture.start(dir, Map.of("PIPELOG_MAX_BODY", "1MB", "ENABLE_REQUEST_LOGGING", "false",
                "PIPELOG_BODY_IDLE_TIMEOUT_MS", "1500"), 2 * MAX_BODY, UnaryOperator.identity())) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                body.append("{\"pipeline_id\":\"steady\",\"message\":\"line ").append(i).append(" ")
                        .append("x".repeat(180)).append("\"}\n");
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            try (Socket socket = declare(api, "127.0.0.1", bytes.length)) {
                // About 4 KB a second (four times the minimum) over about 2.5 s, longer than one window.
                int step = 400;
                for (int at = 0; at < bytes.length; at += step) {
                    socket.getOutputStream().write(bytes, at, Math.min(step, bytes.length - at));
                    socket.getOutputStream().flush();
                    Thread.sleep(100);
                }
                socket.setSoTimeout(10_000);
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).startsWith("HTTP/1.1 202");
            }
            assertThat(json(api.get("/api/logs/search?pipeline_id=steady")).path("total").asLong()).isEqualTo(40);
        }
    }

    @Test
    void oneClientAddressCannotTakeTheRoomOfAnother() throws Exception {
        // Budget 4 MB: one address may hold 2 MB (two maximum bodies), leaving room for the others.
        // 127.0.0.1 declares four maximum bodies, enough for the whole budget, and stalls.
        try (ApiFixture api = ApiFixture.start(dir, Map.of("PIPELOG_MAX_BODY", "1MB", "ENABLE_REQUEST_LOGGING", "false"),
                4 * MAX_BODY, UnaryOperator.identity());
             Socket first = declare(api, "127.0.0.1", MAX_BODY);
             Socket second = declare(api, "127.0.0.1", MAX_BODY);
             Socket third = declare(api, "127.0.0.1", MAX_BODY);
             Socket fourth = declare(api, "127.0.0.1", MAX_BODY)) {
            Eventually.await("127.0.0.1 holds its share", Duration.ofSeconds(10),
                    () -> api.post("/api/logs", NDJSON, "{\"message\":\"probe\"}\n").statusCode() == 429);

            String other = postFrom(api, "127.0.0.2", "{\"pipeline_id\":\"other-client\",\"message\":\"fits\"}\n");

            assertThat(other).startsWith("HTTP/1.1 202");
            assertThat(json(api.get("/api/logs/search?pipeline_id=other-client")).path("total").asLong()).isEqualTo(1);
        }
    }

    /** A connection from {@code localAddress} with a POST's headers sent, declaring {@code length} bytes of body. */
    private static Socket declare(ApiFixture api, String localAddress, long length) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", api.server.port()), 5_000);
        socket.getOutputStream().write(("POST /api/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + NDJSON
                + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String postFrom(ApiFixture api, String localAddress, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = declare(api, localAddress, bytes.length)) {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            socket.setSoTimeout(10_000);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Sends one byte, then waits up to 200 ms for the server to close: true once it has. */
    private static boolean trickleOrClosed(Socket socket) throws IOException {
        try {
            socket.getOutputStream().write('x');
            socket.getOutputStream().flush();
        } catch (IOException e) {
            return true; // reset by the server: it closed the connection
        }
        socket.setSoTimeout(200);
        InputStream in = socket.getInputStream();
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static HttpResponse<String> postUntilTaken(ApiFixture api, String body) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Eventually.await("the room given back", Duration.ofSeconds(10), () -> {
            last.set(api.post("/api/logs", NDJSON, body));
            return last.get().statusCode() != 429;
        });
        return last.get();
    }
}
