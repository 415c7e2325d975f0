package dev.pipelog.api;

import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import java.util.Arrays;

/**
 * Reads a whole request body without blocking, chunk by chunk. Undertow's own
 * {@code receiveFullBytes} copies byte by byte into a growing stream, which was the largest single
 * cost of taking a multi-megabyte batch; this copies whole chunks into an array sized from
 * {@code Content-Length} when there is one. The exchange's max entity size still applies.
 */
final class RequestBody {
    @FunctionalInterface
    interface Callback {
        void handle(HttpServerExchange exchange, byte[] body);
    }

    private byte[] buffer;
    private int size;

    private RequestBody(long contentLength) {
        buffer = new byte[contentLength > 0 ? (int) contentLength : 16 * 1024];
    }

    static void read(HttpServerExchange exchange, Callback done, Receiver.ErrorCallback failed) {
        RequestBody body = new RequestBody(exchange.getRequestContentLength());
        exchange.getRequestReceiver().receivePartialBytes((ex, chunk, last) -> {
            body.append(chunk);
            if (last) {
                done.handle(ex, body.bytes());
            }
        }, failed);
    }

    private void append(byte[] chunk) {
        if (size + chunk.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + chunk.length));
        }
        System.arraycopy(chunk, 0, buffer, size, chunk.length);
        size += chunk.length;
    }

    private byte[] bytes() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }
}
