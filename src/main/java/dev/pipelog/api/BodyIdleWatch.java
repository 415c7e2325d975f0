package dev.pipelog.api;

import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Closes the connection of a request whose body stops arriving. A client that declares a body and
 * then stalls would otherwise hold its room in the {@link BodyBudget} for as long as the connection
 * lives, and a few such clients would have every other post answered 429. Only silence counts: a
 * slow body that keeps sending is never cut. The request is left unanswered, which a client treats
 * as a failed send and retries; nothing of it was acknowledged. Runs on the exchange's IO thread.
 */
final class BodyIdleWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BodyIdleWatch.class);

    private final HttpServerExchange exchange;
    private final long idleNanos;
    private volatile long lastByte = System.nanoTime();
    private volatile long received;
    private volatile boolean done;
    private volatile XnioExecutor.Key next;

    private BodyIdleWatch(HttpServerExchange exchange, Duration idle) {
        this.exchange = exchange;
        this.idleNanos = idle.toNanos();
    }

    /** Starts watching; call {@link #arrived} for every chunk and {@link #done} once the body is read. */
    static BodyIdleWatch start(HttpServerExchange exchange, Duration idle) {
        BodyIdleWatch watch = new BodyIdleWatch(exchange, idle);
        watch.schedule(watch.idleNanos);
        return watch;
    }

    void arrived(int bytes) {
        lastByte = System.nanoTime();
        received += bytes;
    }

    void done() {
        done = true;
        XnioExecutor.Key key = next;
        if (key != null) {
            key.remove();
        }
    }

    @Override
    public void run() {
        if (done || !exchange.getConnection().isOpen()) {
            return;
        }
        long silent = System.nanoTime() - lastByte;
        if (silent < idleNanos) {
            schedule(idleNanos - silent);
            return;
        }
        LOG.warn("closed the connection of {} {} from {}: its body sent nothing for {} ms after {} bytes",
                exchange.getRequestMethod(), exchange.getRequestPath(), exchange.getSourceAddress(),
                TimeUnit.NANOSECONDS.toMillis(silent), received);
        IoUtils.safeClose(exchange.getConnection());
    }

    private void schedule(long nanos) {
        next = exchange.getIoThread().executeAfter(this, nanos, TimeUnit.NANOSECONDS);
    }
}
