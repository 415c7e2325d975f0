package dev.pipelog.api;

import dev.pipelog.ingest.decode.BodyTooLargeException;
import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import java.util.Arrays;

/**
 * Reads a whole request body without blocking, chunk by chunk. Undertow's own
 * {@code receiveFullBytes} copies byte by byte into a growing stream, which was the largest single
 * cost of taking a multi-megabyte batch; this copies whole chunks into an array sized from
 * {@code Content-Length} when there is one.
 *
 * <p>A body past {@code maxBytes} is read to its end and dropped, then reported as
 * {@link BodyTooLargeException}: a client writes its whole body before it reads the answer, so
 * cutting the connection would lose the 413. (A hard cap in {@link BodyLimitHandler} stops bodies
 * too large even to drain.)
 */
final class RequestBody {
    @FunctionalInterface
    interface Callback {
        void handle(HttpServerExchange exchange, byte[] body);
    }

    private final long maxBytes;
    private byte[] buffer;
    private int size;
    private boolean tooLarge;

    private RequestBody(long contentLength, long maxBytes) {
        this.maxBytes = maxBytes;
        this.buffer = new byte[contentLength > 0 && contentLength <= maxBytes ? (int) contentLength : 16 * 1024];
    }

    static void read(HttpServerExchange exchange, long maxBytes, Callback done, Receiver.ErrorCallback failed) {
        RequestBody body = new RequestBody(exchange.getRequestContentLength(), maxBytes);
        exchange.getRequestReceiver().receivePartialBytes((ex, chunk, last) -> {
            body.append(chunk);
            if (!last) {
                return;
            }
            if (body.tooLarge) {
                failed.error(ex, new BodyTooLargeException(maxBytes));
            } else {
                done.handle(ex, body.bytes());
            }
        }, failed);
    }

    private void append(byte[] chunk) {
        if (tooLarge || (long) size + chunk.length > maxBytes) {
            tooLarge = true;
            return;
        }
        if (size + chunk.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(buffer.length * 2L, size + chunk.length)));
        }
        System.arraycopy(chunk, 0, buffer, size, chunk.length);
        size += chunk.length;
    }

    private byte[] bytes() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }
}
