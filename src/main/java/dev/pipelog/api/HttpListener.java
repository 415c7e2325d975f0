package dev.pipelog.api;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * The socket side of the listener: what {@code Undertow.builder()...start()} sets up (an XNIO worker,
 * buffers, an HTTP open listener on one address, with Undertow's defaults), plus one thing the
 * builder cannot do. A request Undertow's parser cannot read (bad percent-encoding such as
 * {@code ?cursor=%%%}, a broken request line or Content-Length) is answered by the parser itself
 * with a fixed {@code 400} and no body, before any handler runs; each accepted connection's sink
 * swaps exactly that answer for the same 400 in the JSON error shape every other error has.
 */
final class HttpListener {
    /** The parser's answer, byte for byte (io.undertow.server.protocol.http.HttpReadListener). */
    private static final byte[] PARSER_BAD_REQUEST =
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON_BAD_REQUEST = jsonBadRequest();

    private final XnioWorker worker;
    private final ByteBufferPool buffers;
    private final AcceptingChannel<StreamConnection> channel;

    private HttpListener(XnioWorker worker, ByteBufferPool buffers, AcceptingChannel<StreamConnection> channel) {
        this.worker = worker;
        this.buffers = buffers;
        this.channel = channel;
    }

    /** @throws IOException when the address cannot be bound */
    static HttpListener start(String host, int port, OptionMap undertowOptions, HttpHandler root) throws IOException {
        int ioThreads = Math.max(Runtime.getRuntime().availableProcessors(), 2);
        int workerThreads = ioThreads * 8;
        XnioWorker worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, ioThreads)
                .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
                .set(Options.CONNECTION_LOW_WATER, 1_000_000)
                .set(Options.WORKER_TASK_CORE_THREADS, workerThreads)
                .set(Options.WORKER_TASK_MAX_THREADS, workerThreads)
                .set(Options.TCP_NODELAY, true)
                .set(Options.CORK, true)
                .getMap());
        ByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024 - 20, -1, 4);
        try {
            HttpOpenListener open = new HttpOpenListener(buffers, OptionMap.builder()
                    .set(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000).addAll(undertowOptions).getMap());
            open.setRootHandler(root);
            ChannelListener<AcceptingChannel<StreamConnection>> accept = server -> {
                StreamConnection connection;
                try {
                    while ((connection = server.accept()) != null) {
                        connection.getSinkChannel().setConduit(new JsonBadRequest(connection.getSinkChannel().getConduit()));
                        open.handleEvent(connection);
                    }
                } catch (IOException e) {
                    // A connection that failed while being accepted: its client sees the failure.
                }
            };
            AcceptingChannel<StreamConnection> channel = worker.createStreamConnectionServer(
                    new InetSocketAddress(host, port), accept, OptionMap.builder()
                            .set(Options.WORKER_IO_THREADS, ioThreads)
                            .set(Options.TCP_NODELAY, true)
                            .set(Options.REUSE_ADDRESSES, true)
                            .set(Options.BALANCING_TOKENS, 1)
                            .set(Options.BALANCING_CONNECTIONS, 2)
                            .set(Options.BACKLOG, 1000)
                            .getMap());
            channel.resumeAccepts();
            return new HttpListener(worker, buffers, channel);
        } catch (IOException | RuntimeException e) {
            worker.shutdownNow();
            buffers.close();
            throw e;
        }
    }

    /** The worker whose IO threads serve the connections (for timers that run beside them). */
    XnioWorker worker() {
        return worker;
    }

    int port() {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Closes the socket and every connection, and stops the threads. */
    void stop() {
        IoUtils.safeClose(channel);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        buffers.close();
    }

    private static byte[] jsonBadRequest() {
        byte[] body = ("{\"error\":\"malformed_request\",\"message\":\"the request line or a header cannot be read"
                + " (bad percent-encoding such as %%%, a Content-Length that is not a number, or a broken request"
                + " line); nothing was done\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /**
     * Passes every write through, except the parser's fixed 400, which it writes as the JSON one.
     * That answer is the last thing written before the connection is closed.
     */
    private static final class JsonBadRequest extends AbstractStreamSinkConduit<StreamSinkConduit> {
        JsonBadRequest(StreamSinkConduit next) {
            super(next);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (!isParserBadRequest(src)) {
                return next.write(src);
            }
            ByteBuffer json = ByteBuffer.wrap(JSON_BAD_REQUEST);
            // A few hundred bytes on a connection that has sent nothing else: the socket takes them at once.
            for (int tries = 0; json.hasRemaining() && tries < 100; tries++) {
                next.write(json);
            }
            int consumed = src.remaining();
            src.position(src.limit());
            return consumed;
        }

        private static boolean isParserBadRequest(ByteBuffer src) {
            if (src.remaining() != PARSER_BAD_REQUEST.length) {
                return false;
            }
            for (int i = 0; i < PARSER_BAD_REQUEST.length; i++) {
                if (src.get(src.position() + i) != PARSER_BAD_REQUEST[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
