package dev.pipelog.api;

import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.decode.BodyTooLargeException;
import dev.pipelog.ingest.decode.GelfChunks;
import dev.pipelog.ingest.decode.GelfDecoder;
import dev.pipelog.ingest.decode.IntakeContext;
import dev.pipelog.ingest.decode.MalformedBodyException;
import dev.pipelog.ingest.decode.RecordRejectedException;
import dev.pipelog.model.LogRecord;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
 * The opt-in GELF listener ({@code PIPELOG_GELF_PORT}): UDP (chunked, gzip/zlib/plain: what Docker's
 * gelf log driver sends) and TCP (NUL-delimited JSON) on 127.0.0.1. Like syslog, GELF has no
 * acknowledgement: a TCP connection's next burst is read only once the previous one is durable (a full
 * queue is waited out, storage loss closes the connection); a UDP message that cannot be taken is
 * dropped, counted and logged. Loopback only (GELF carries no token). Thread-safe.
 */
final class GelfListener {
    private static final Logger LOG = LoggerFactory.getLogger(GelfListener.class);
    private static final int MAX_DATAGRAM = 65_535;
    private static final int MAX_BURST = 1_000;

    private final Intake intake;
    private final GelfDecoder decoder;
    private final long maxMessageBytes;
    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final ExecutorService threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    private GelfListener(Intake intake, long maxMessageBytes, ServerSocket tcp, DatagramSocket udp) {
        this.intake = intake;
        this.decoder = new GelfDecoder(maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
        this.tcp = tcp;
        this.udp = udp;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pipelog-gelf-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static GelfListener start(Intake intake, int port, long maxMessageBytes) throws IOException {
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
        GelfListener listener = new GelfListener(intake, maxMessageBytes, tcp, udp);
        listener.threads.execute(listener::acceptLoop);
        listener.threads.execute(listener::datagramLoop);
        LOG.info("GELF listening on 127.0.0.1:{} (TCP and UDP)", tcp.getLocalPort());
        return listener;
    }

    int port() {
        return tcp.getLocalPort();
    }

    private void acceptLoop() {
        while (!stopping) {
            try {
                Socket s = tcp.accept();
                connections.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                if (!stopping) {
                    LOG.warn("GELF TCP accept failed", e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        String client = socket.getInetAddress().getHostAddress();
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024)) {
            List<byte[]> burst = new ArrayList<>();
            for (byte[] frame = frame(in); frame != null; frame = frame(in)) {
                if (frame.length > 0) {
                    burst.add(frame);
                }
                if (!burst.isEmpty() && (burst.size() >= MAX_BURST || in.available() == 0)) {
                    if (!submitUntilDurable(batch(burst, client), client)) {
                        return;
                    }
                    burst.clear();
                }
            }
            if (!burst.isEmpty()) {
                submitUntilDurable(batch(burst, client), client);
            }
        } catch (IOException e) {
            if (!stopping) {
                LOG.debug("GELF connection from {} ended: {}", client, e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(socket);
        }
    }

    /** The bytes up to the next NUL (or newline, which some senders use); null at the end of the stream. */
    private byte[] frame(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(512);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == 0 || b == '\n') {
                return frame.toByteArray();
            }
            if (frame.size() < maxMessageBytes) {
                frame.write(b);
            }
        }
        return frame.size() > 0 ? frame.toByteArray() : null;
    }

    private boolean submitUntilDurable(IntakeBatch batch, String client) throws InterruptedException {
        while (!stopping) {
            IntakeResult result;
            try {
                result = intake.submit(batch).get();
            } catch (ExecutionException e) {
                LOG.error("GELF records could not be stored; closing the connection from {}", client, e.getCause());
                return false;
            }
            if (result instanceof IntakeResult.Overloaded o) {
                Thread.sleep(Math.max(50, o.retryAfter().toMillis()));
            } else if (result instanceof IntakeResult.Unavailable u) {
                LOG.error("GELF records from {} cannot be stored ({}); closing the connection", client, u.reason());
                return false;
            } else {
                return true;
            }
        }
        return false;
    }

    private void datagramLoop() {
        GelfChunks chunks = new GelfChunks(Duration.ofSeconds(5));
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!stopping) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!stopping) {
                    LOG.warn("GELF UDP receive failed", e);
                }
                continue;
            }
            Optional<byte[]> message = chunks.accept(packet.getData(), packet.getLength(), System.nanoTime());
            if (message.isEmpty()) {
                continue;
            }
            String client = packet.getAddress().getHostAddress();
            intake.submit(batch(List.of(message.get()), client)).whenComplete((result, error) -> {
                if (error != null || result instanceof IntakeResult.Overloaded || result instanceof IntakeResult.Unavailable) {
                    LOG.warn("a GELF UDP message from {} was dropped: {}", client,
                            error != null ? error.toString() : result.toString());
                }
            });
        }
    }

    private IntakeBatch batch(List<byte[]> messages, String client) {
        IntakeContext context = new IntakeContext(null, null, null, client, Instant.now());
        List<LogRecord> records = new ArrayList<>(messages.size());
        List<dev.pipelog.ingest.Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            try {
                records.add(decoder.decodeMessage(messages.get(i), context));
            } catch (MalformedBodyException | BodyTooLargeException | RecordRejectedException e) {
                rejections.add(new dev.pipelog.ingest.Rejection(i, e.getMessage()));
                LOG.warn("a GELF message from {} was refused: {}", client, e.getMessage());
            }
        }
        return new IntakeBatch(records, rejections);
    }

    void stop(Duration grace) {
        stopping = true;
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.debug("closing the GELF TCP socket: {}", e.toString());
        }
        udp.close();
        for (Socket s : connections) {
            try {
                s.shutdownInput();
            } catch (IOException e) {
                LOG.debug("closing a GELF connection: {}", e.toString());
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
