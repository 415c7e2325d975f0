package dev.pipelog.api;

import dev.pipelog.ingest.decode.BodyTooLargeException;
import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a whole request body without blocking, chunk by chunk. Undertow's own
 * {@code receiveFullBytes} copies byte by byte into a growing stream, which was the largest single
 * cost of taking a multi-megabyte batch; this copies whole chunks into an array sized from
 * {@code Content-Length} when there is one.
 *
 * <p>Every array it holds is first reserved in the request's {@link BodyBudget.Reservation}: the
 * declared length up front, or each growth of the array for a chunked body. A body past
 * {@code maxBytes} or past the budget is read to its end and dropped, then reported as
 * {@link BodyTooLargeException} or {@link BodyOverBudgetException}: a client writes its whole body
 * before it reads the answer, so cutting the connection would lose the 413 or 429. (A hard cap in
 * {@link BodyLimitHandler} stops bodies too large even to drain.) A body that stops arriving has
 * its connection closed by {@link BodyIdleHandler}.
 */
final class RequestBody {
    private static final int FIRST_CHUNKED_BUFFER = 16 * 1024;

    @FunctionalInterface
    interface Callback {
        /** The body is the first {@code length} bytes of {@code buffer} (a chunked body's buffer is not trimmed). */
        void handle(HttpServerExchange exchange, byte[] buffer, int length);
    }

    private final long maxBytes;
    private final BodyBudget.Reservation reservation;
    private byte[] buffer;
    private int size;
    private IOException refusal;

    private RequestBody(long contentLength, long maxBytes, BodyBudget.Reservation reservation) {
        this.maxBytes = maxBytes;
        this.reservation = reservation;
        int first = contentLength > 0 && contentLength <= maxBytes ? (int) contentLength : FIRST_CHUNKED_BUFFER;
        if (reservation.grow(first)) {
            buffer = new byte[first];
        } else {
            refuse(new BodyOverBudgetException());
        }
    }

    static void read(HttpServerExchange exchange, long maxBytes, BodyBudget.Reservation reservation,
                     Callback done, Receiver.ErrorCallback failed) {
        RequestBody body = new RequestBody(exchange.getRequestContentLength(), maxBytes, reservation);
        exchange.getRequestReceiver().receivePartialBytes((ex, chunk, last) -> {
            body.append(chunk);
            if (!last) {
                return;
            }
            if (body.refusal != null) {
                failed.error(ex, body.refusal);
            } else {
                done.handle(ex, body.buffer, body.size);
            }
        }, failed);
    }

    /** Reads the body to its end without keeping it, then runs {@code then}: the answer reaches the client. */
    static void discard(HttpServerExchange exchange, Runnable then) {
        exchange.getRequestReceiver().receivePartialBytes((ex, chunk, last) -> {
            if (last) {
                then.run();
            }
        }, (ex, failure) -> then.run());
    }

    private void append(byte[] chunk) {
        if (refusal != null) {
            return;
        }
        if ((long) size + chunk.length > maxBytes) {
            refuse(new BodyTooLargeException(maxBytes));
            return;
        }
        if (size + chunk.length > buffer.length) {
            int grown = (int) Math.min(maxBytes, Math.max(buffer.length * 2L, size + chunk.length));
            // The old array is garbage right after the copy, so only the difference is reserved.
            if (!reservation.grow(grown - buffer.length)) {
                refuse(new BodyOverBudgetException());
                return;
            }
            buffer = Arrays.copyOf(buffer, grown);
        }
        System.arraycopy(chunk, 0, buffer, size, chunk.length);
        size += chunk.length;
    }

    private void refuse(IOException why) {
        refusal = why;
        buffer = null;
        // Nothing of this body is kept any more: its room goes back to the others at once.
        reservation.release();
    }
}
