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
 * Closes the connection of a request whose body stops arriving. A client that declares a body and
 * then stalls would otherwise hold whatever its reader keeps for it (its room in the
 * {@link BodyBudget}, or a worker thread for a blocking read) for as long as the connection lives.
 * The bytes are counted where every reader gets them, in the request's conduit, so no handler has
 * to report them. Only silence counts: a slow body that keeps sending is never cut. The request is
 * left unanswered, which a client takes as a failed send and retries; nothing of it was
 * acknowledged. The watch ends once the body has been read or the exchange ends.
 */
final class BodyIdleHandler implements HttpHandler {
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
