package dev.pipelog.api;

import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.decode.IntakeContext;
import dev.pipelog.ingest.decode.RecordRejectedException;
import dev.pipelog.ingest.decode.SyslogFrames;
import dev.pipelog.ingest.decode.SyslogMessageParser;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opt-in syslog listener ({@code PIPELOG_SYSLOG_PORT}): TCP and UDP on 127.0.0.1, RFC 5424 and
 * RFC 3164 messages (RFC 6587 framing on TCP), each decoded by {@link SyslogMessageParser} into the one
 * Intake. Syslog has no acknowledgement, so durability is given where the transport allows it:
 *
 * <ul>
 *   <li>TCP: a connection's messages are submitted in bursts and the next burst is read only once the
 *       Intake says the previous one is durable; a full queue is waited out (the sender is slowed by
 *       TCP's own flow control, nothing is dropped); storage and fallback both gone closes the
 *       connection, so the sender sees the failure and keeps (or retries) its messages.</li>
 *   <li>UDP: a datagram is a message; one that arrives while the queue is full is dropped, counted and
 *       logged, as UDP gives no way to tell the sender.</li>
 * </ul>
 * Loopback only: syslog carries no token. Start once, stop once. Thread-safe.
 */
final class SyslogListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogListener.class);
    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final int MAX_BURST = 1_000;

    private final Intake intake;
    private final SyslogMessageParser parser = new SyslogMessageParser(ZoneId.systemDefault());
    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final ExecutorService threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger droppedDatagrams = new AtomicInteger();
    private volatile boolean stopping;

    private SyslogListener(Intake intake, ServerSocket tcp, DatagramSocket udp) {
        this.intake = intake;
        this.tcp = tcp;
        this.udp = udp;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pipelog-syslog-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds TCP and UDP on 127.0.0.1:{@code port} (0: a free port, the same number for both) and starts. */
    static SyslogListener start(Intake intake, int port) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        DatagramSocket udp = null;
        try {
            tcp.bind(new InetSocketAddress(loopback, port));
            udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()));
        } catch (IOException e) {
            tcp.close();
            throw e;
        }
        SyslogListener listener = new SyslogListener(intake, tcp, udp);
        listener.threads.execute(listener::acceptLoop);
        listener.threads.execute(listener::datagramLoop);
        LOG.info("syslog listening on 127.0.0.1:{} (TCP and UDP)", tcp.getLocalPort());
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
                    LOG.warn("syslog TCP accept failed", e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        String client = socket.getInetAddress().getHostAddress();
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024)) {
            SyslogFrames frames = new SyslogFrames(in, MAX_FRAME_BYTES);
            List<String> burst = new ArrayList<>();
            for (String message = frames.next(); message != null; message = frames.next()) {
                burst.add(message);
                if (burst.size() >= MAX_BURST || in.available() == 0) {
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
                LOG.debug("syslog connection from {} ended: {}", client, e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(socket);
        }
    }

    /** @return false when nothing can take records: the connection is closed so the sender knows */
    private boolean submitUntilDurable(List<String> messages, String client) throws InterruptedException {
        IntakeBatch batch = batch(messages, client);
        while (!stopping) {
            IntakeResult result;
            try {
                result = intake.submit(batch).get();
            } catch (ExecutionException e) {
                LOG.error("syslog records could not be stored; closing the connection from {}", client, e.getCause());
                return false;
            }
            if (result instanceof IntakeResult.Overloaded o) {
                Thread.sleep(Math.max(50, o.retryAfter().toMillis()));
            } else if (result instanceof IntakeResult.Unavailable u) {
                LOG.error("syslog records from {} cannot be stored ({}); closing the connection", client, u.reason());
                return false;
            } else {
                return true;
            }
        }
        return false;
    }

    private void datagramLoop() {
        byte[] buffer = new byte[MAX_FRAME_BYTES];
        while (!stopping) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!stopping) {
                    LOG.warn("syslog UDP receive failed", e);
                }
                continue;
            }
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            intake.submit(batch(List.of(message), packet.getAddress().getHostAddress())).whenComplete((result, error) -> {
                if (error != null || result instanceof IntakeResult.Overloaded || result instanceof IntakeResult.Unavailable) {
                    int dropped = droppedDatagrams.incrementAndGet();
                    LOG.warn("a syslog UDP datagram was dropped ({} so far): {}", dropped,
                            error != null ? error.toString() : result.toString());
                }
            });
        }
    }

    private IntakeBatch batch(List<String> messages, String client) {
        IntakeContext context = new IntakeContext(null, null, null, client, Instant.now());
        List<LogRecord> records = new ArrayList<>(messages.size());
        List<dev.pipelog.ingest.Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            try {
                records.add(parser.parse(messages.get(i), context));
            } catch (RecordRejectedException e) {
                rejections.add(new dev.pipelog.ingest.Rejection(i, e.getMessage()));
                LOG.warn("a syslog message from {} was refused: {}", client, e.getMessage());
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
            LOG.debug("closing the syslog TCP socket: {}", e.toString());
        }
        udp.close();
        for (Socket s : connections) {
            try {
                s.shutdownInput();
            } catch (IOException e) {
                LOG.debug("closing a syslog connection: {}", e.toString());
            }
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
