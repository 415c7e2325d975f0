package dev.pipelog.api;

import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.ingest.decode.BodyTooLargeException;
import dev.pipelog.ingest.decode.IntakeContext;
import dev.pipelog.ingest.decode.MalformedBodyException;
import dev.pipelog.ingest.decode.RecordRejectedException;
import dev.pipelog.model.LogRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP and UDP on one loopback port for a protocol with no acknowledgement (syslog, GELF). Such a sender
 * learns nothing from us, so durability is given where the transport allows it: a TCP connection's next
 * burst is read only once the previous one is durable (a full queue is waited out and TCP's flow control
 * slows the sender; storage loss closes the connection so the sender keeps its messages); a UDP message
 * that cannot be taken is dropped, counted and logged. The protocol supplies only framing and decoding.
 * Start once, stop once. Thread-safe.
 *
 * @param <M> one undecoded message as the protocol frames it
 */
final class LoopbackSocketListener<M> {
    private static final int MAX_BURST = 1_000;

    /** A protocol's framing and decoding; everything else about the sockets is shared. */
    interface Protocol<M> {
        /** As it appears in log messages ("syslog", "GELF"); also names the threads. */
        String name();

        /** The receive buffer, so the largest datagram the protocol allows. */
        int maxDatagramBytes();

        /** Reads one connection's messages; called on that connection's own thread. */
        Frames<M> frames(InputStream in);

        /** Empty when the datagram completes no message yet (GELF chunks). Called on one thread only. */
        Optional<M> datagram(DatagramPacket packet);

        /** Some framings yield empty frames between messages; they are skipped, not refused. */
        boolean isEmpty(M message);

        LogRecord decode(M message, IntakeContext context)
                throws MalformedBodyException, BodyTooLargeException, RecordRejectedException;
    }

    interface Frames<M> {
        /** @return null at the end of the stream */
        M next() throws IOException;
    }

    private final Intake intake;
    private final Protocol<M> protocol;
    private final String name;
    private final Logger log;
    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final ExecutorService threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger droppedDatagrams = new AtomicInteger();
    private volatile boolean stopping;

    private LoopbackSocketListener(Intake intake, Protocol<M> protocol, ServerSocket tcp, DatagramSocket udp) {
        this.intake = intake;
        this.protocol = protocol;
        this.name = protocol.name();
        // Logged under the protocol's class, so log configuration and filters keep the names they had.
        this.log = LoggerFactory.getLogger(protocol.getClass());
        this.tcp = tcp;
        this.udp = udp;
        String threadPrefix = "pipelog-" + name.toLowerCase(Locale.ROOT) + "-";
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadPrefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds TCP and UDP on 127.0.0.1:{@code port} (0: a free port, the same number for both) and starts. */
    static <M> LoopbackSocketListener<M> start(Intake intake, int port, Protocol<M> protocol) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        DatagramSocket udp;
        try {
            tcp.bind(new InetSocketAddress(loopback, port));
            udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()));
        } catch (IOException e) {
            tcp.close();
            throw e;
        }
        LoopbackSocketListener<M> listener = new LoopbackSocketListener<>(intake, protocol, tcp, udp);
        listener.threads.execute(listener::acceptLoop);
        listener.threads.execute(listener::datagramLoop);
        listener.log.info("{} listening on 127.0.0.1:{} (TCP and UDP)", listener.name, tcp.getLocalPort());
        return listener;
    }

    int port() {
        return tcp.getLocalPort();
    }

    int droppedDatagrams() {
        return droppedDatagrams.get();
    }

    private void acceptLoop() {
        while (!stopping) {
            try {
                Socket s = tcp.accept();
                connections.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                if (!stopping) {
                    log.warn("{} TCP accept failed", name, e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        String client = socket.getInetAddress().getHostAddress();
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024)) {
            Frames<M> frames = protocol.frames(in);
            List<M> burst = new ArrayList<>();
            for (M message = frames.next(); message != null; message = frames.next()) {
                if (!protocol.isEmpty(message)) {
                    burst.add(message);
                }
                // An empty frame still ends a burst when nothing more is buffered, so no record waits on the next one.
                if (!burst.isEmpty() && (burst.size() >= MAX_BURST || in.available() == 0)) {
                    if (!submitUntilDurable(burst, client)) {
                        return;
                    }
                    burst.clear();
                }
            }
            if (!burst.isEmpty()) {
                submitUntilDurable(burst, client);
            }
        } catch (IOException e) {
            if (!stopping) {
                log.debug("{} connection from {} ended: {}", name, client, e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(socket);
        }
    }

    /** @return false when nothing can take records: the connection is closed so the sender knows */
    private boolean submitUntilDurable(List<M> messages, String client) throws InterruptedException {
        IntakeBatch batch = batch(messages, client);
        while (!stopping) {
            IntakeResult result;
            try {
                result = intake.submit(batch).get();
            } catch (ExecutionException e) {
                log.error("{} records could not be stored; closing the connection from {}", name, client, e.getCause());
                return false;
            }
            if (result instanceof IntakeResult.Overloaded o) {
                Thread.sleep(Math.max(50, o.retryAfter().toMillis()));
            } else if (result instanceof IntakeResult.Unavailable u) {
                log.error("{} records from {} cannot be stored ({}); closing the connection", name, client, u.reason());
                return false;
            } else {
                return true;
            }
        }
        return false;
    }

    private void datagramLoop() {
        byte[] buffer = new byte[protocol.maxDatagramBytes()];
        while (!stopping) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!stopping) {
                    log.warn("{} UDP receive failed", name, e);
                }
                continue;
            }
            Optional<M> message = protocol.datagram(packet);
            if (message.isEmpty()) {
                continue;
            }
            String client = packet.getAddress().getHostAddress();
            intake.submit(batch(List.of(message.get()), client)).whenComplete((result, error) -> {
                if (error != null || result instanceof IntakeResult.Overloaded || result instanceof IntakeResult.Unavailable) {
                    int dropped = droppedDatagrams.incrementAndGet();
                    log.warn("a {} UDP message from {} was dropped ({} so far): {}", name, client, dropped,
                            error != null ? error.toString() : result.toString());
                }
            });
        }
    }

    private IntakeBatch batch(List<M> messages, String client) {
        IntakeContext context = new IntakeContext(null, null, null, client, Instant.now());
        List<LogRecord> records = new ArrayList<>(messages.size());
        List<Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            try {
                records.add(protocol.decode(messages.get(i), context));
            } catch (MalformedBodyException | BodyTooLargeException | RecordRejectedException e) {
                rejections.add(new Rejection(i, e.getMessage()));
                log.warn("a {} message from {} was refused: {}", name, client, e.getMessage());
            }
        }
        return new IntakeBatch(records, rejections);
    }

    /** Stops accepting, closes every connection, and waits up to {@code grace} for bursts in flight. */
    void stop(Duration grace) {
        stopping = true;
        try {
            tcp.close();
        } catch (IOException e) {
            log.debug("closing the {} TCP socket: {}", name, e.toString());
        }
        udp.close();
        for (Socket s : connections) {
            try {
                s.shutdownInput();
            } catch (IOException e) {
                log.debug("closing a {} connection: {}", name, e.toString());
            }
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
