package dev.pipelog.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Closes the connection of a request whose body stops arriving or crawls. A client that declares a
 * body and then stalls would otherwise hold whatever its reader keeps for it (its room in the
 * {@link BodyBudget}, or a worker thread for a blocking read) for as long as the connection lives.
 * Two rules: silence for the idle timeout, and less than {@value #MIN_BYTES_PER_SECOND} bytes a
 * second over any window of the idle timeout (one byte every 10 s never looks silent, and so held
 * two 16 MB reservations forever). The bytes are counted where every reader gets them, in the
 * request's conduit, so no handler has to report them. The request is left unanswered, which a
 * client takes as a failed send and retries; nothing of it was acknowledged, and its reservation
 * goes back to the budget as the exchange ends. The watch ends once the body has been read.
 */
final class BodyIdleHandler implements HttpHandler {
    /** The slowest a body may arrive, averaged over each window of the idle timeout. */
    static final long MIN_BYTES_PER_SECOND = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(BodyIdleHandler.class);

    private final HttpHandler next;
    private final long idleNanos;

    BodyIdleHandler(HttpHandler next, Duration idle) {
        this.next = next;
        this.idleNanos = idle.toNanos();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // A request without a body is complete before any handler runs: nothing to watch.
        if (!exchange.isRequestComplete()) {
            Watch watch = new Watch(exchange);
            exchange.addRequestWrapper((factory, ex) -> new Counting(factory.create(), watch));
            exchange.addExchangeCompleteListener((ex, then) -> {
                watch.stop();
                then.proceed();
            });
            watch.schedule(idleNanos);
        }
        next.handleRequest(exchange);
    }

    /** One request's body: when a byte last arrived, and the timer that looks at it. Runs on the IO thread. */
    private final class Watch implements Runnable {
        private final HttpServerExchange exchange;
        private volatile long lastByte = System.nanoTime();
        private volatile long received;
        /** Where the current rate window started, and how much had arrived by then; IO thread only. */
        private long windowStart = lastByte;
        private long receivedAtWindowStart;
        private volatile boolean stopped;
        private volatile XnioExecutor.Key timer;

        Watch(HttpServerExchange exchange) {
            this.exchange = exchange;
        }

        void arrived(long bytes) {
            lastByte = System.nanoTime();
            received += bytes; // written by the one thread reading the body
        }

        void stop() {
            stopped = true;
            XnioExecutor.Key key = timer;
            if (key != null) {
                key.remove();
            }
        }

        @Override
        public void run() {
            if (stopped || exchange.isRequestComplete() || !exchange.getConnection().isOpen()) {
                return;
            }
            long now = System.nanoTime();
            long silent = now - lastByte;
            if (silent >= idleNanos) {
                close("its body sent nothing for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms");
                return;
            }
            long window = now - windowStart;
            if (window >= idleNanos) {
                long arrived = received - receivedAtWindowStart;
                long required = MIN_BYTES_PER_SECOND * window / 1_000_000_000L;
                if (arrived < required) {
                    close("its body sent " + arrived + " bytes in " + TimeUnit.NANOSECONDS.toMillis(window)
                            + " ms, slower than the minimum of " + MIN_BYTES_PER_SECOND + " bytes a second");
                    return;
                }
                windowStart = now;
                receivedAtWindowStart = received;
                window = 0;
            }
            schedule(Math.min(idleNanos - silent, idleNanos - window));
        }

        private void close(String why) {
            LOG.warn("closed the connection of {} {} from {}: {} ({} bytes received)", exchange.getRequestMethod(),
                    exchange.getRequestPath(), exchange.getSourceAddress(), why, received);
            IoUtils.safeClose(exchange.getConnection());
        }

        void schedule(long nanos) {
            timer = exchange.getIoThread().executeAfter(this, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The request's source, telling the watch of every byte read and of the body's end. */
    private static final class Counting extends AbstractStreamSourceConduit<StreamSourceConduit> {
        private final Watch watch;

        Counting(StreamSourceConduit next, Watch watch) {
            super(next);
            this.watch = watch;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return (int) seen(next.read(dst));
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            return seen(next.read(dsts, offs, len));
        }

        @Override
        public long transferTo(long position, long count, FileChannel target) throws IOException {
            return seen(next.transferTo(position, count, target));
        }

        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
            return seen(next.transferTo(count, throughBuffer, target));
        }

        private long seen(long n) {
            if (n > 0) {
                watch.arrived(n);
            } else if (n < 0) {
                watch.stop();
            }
            return n;
        }
    }
}
